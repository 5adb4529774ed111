package io.videokit.cloudflare;

import java.net.URI;

/**
 * Cloudflare's answer to a tus creation request: where the browser sends the bytes.
 *
 * @param location the one-time tus upload URL ({@code Location}; on {@code
 *     upload.cloudflarestream.com}, usable without credentials, CORS enabled)
 * @param uid the new video's uid, from the {@code stream-media-id} header
 */
public record TusUploadCreated(URI location, String uid) {}
