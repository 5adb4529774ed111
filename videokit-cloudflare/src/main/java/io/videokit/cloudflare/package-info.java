/**
 * Cloudflare Stream without Spring: {@link io.videokit.cloudflare.CloudflareStreamClient} (the
 * typed API client with retries and a rate limiter), which implements one interface per resource
 * ({@link io.videokit.cloudflare.CloudflareVideos}, {@link
 * io.videokit.cloudflare.CloudflareUploads}, {@link io.videokit.cloudflare.CloudflareDownloads},
 * {@link io.videokit.cloudflare.CloudflareCaptions}, {@link
 * io.videokit.cloudflare.CloudflareSigning}, {@link io.videokit.cloudflare.CloudflareWebhookApi},
 * {@link io.videokit.cloudflare.CloudflareLiveInputs}) on one package-private transport, the
 * Cloudflare side of {@link io.videokit.video.Video} (the one video model), {@link
 * io.videokit.cloudflare.WebhookVerifier} and {@link io.videokit.cloudflare.SignedUrls}.
 */
@NullMarked
package io.videokit.cloudflare;

import org.jspecify.annotations.NullMarked;
