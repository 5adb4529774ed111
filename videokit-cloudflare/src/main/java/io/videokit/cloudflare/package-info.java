/**
 * Cloudflare Stream without Spring: {@link io.videokit.cloudflare.CloudflareStreamClient} (the
 * typed API client with retries and a rate limiter), the Cloudflare side of {@link
 * io.videokit.video.Video} (the one video model), {@link io.videokit.cloudflare.WebhookVerifier}
 * and {@link io.videokit.cloudflare.SignedUrls}.
 */
@NullMarked
package io.videokit.cloudflare;

import org.jspecify.annotations.NullMarked;
