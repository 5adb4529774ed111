package io.videokit.autoconfigure.cloudflare.app;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/** Spring Data repository of posts, with specifications. */
public interface PostRepository extends JpaRepository<Post, Long>, JpaSpecificationExecutor<Post> {}
