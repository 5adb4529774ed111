package io.videokit.server.cloudflare;

import io.videokit.autoconfigure.cloudflare.ConditionalOnCloudflareCredentials;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/**
 * Shared videos, queried with specifications such as {@code VideoQueries.state("video",
 * VideoState.READY)}. Exists only when Cloudflare Stream is configured (the repository scan honours
 * the condition).
 */
@ConditionalOnCloudflareCredentials
public interface SharedVideoRepository
    extends JpaRepository<SharedVideo, Long>, JpaSpecificationExecutor<SharedVideo> {}
