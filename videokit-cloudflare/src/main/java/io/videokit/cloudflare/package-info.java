/**
 * Cloudflare Stream without Spring: {@link io.videokit.cloudflare.CloudflareStreamClient} (the
 * typed API client with retries and a rate limiter), {@link io.videokit.cloudflare.CloudflareVideo}
 * (the video object, keeping unknown fields; usable as a JPA JSON attribute), {@link
 * io.videokit.cloudflare.WebhookVerifier} and {@link io.videokit.cloudflare.SignedUrls}.
 */
@NullMarked
package io.videokit.cloudflare;

import org.jspecify.annotations.NullMarked;
