package io.videokit.server.cloudflare;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/**
 * Shared videos, queried with specifications such as {@code CloudflareVideoQueries.state("video",
 * VideoState.READY)}. Exists only when Cloudflare Stream is configured (the repository scan honours
 * the condition).
 */
@ConditionalOnCloudflareStream
public interface SharedVideoRepository
    extends JpaRepository<SharedVideo, Long>, JpaSpecificationExecutor<SharedVideo> {}
