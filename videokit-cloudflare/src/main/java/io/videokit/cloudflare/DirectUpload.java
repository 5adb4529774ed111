package io.videokit.cloudflare;

import java.net.URI;

/**
 * A basic direct upload URL ({@code POST …/stream/direct_upload} → {@code result}).
 *
 * @param uid the video's uid
 * @param uploadUrl where the browser POSTs the multipart field {@code file}
 */
public record DirectUpload(String uid, URI uploadUrl) {}
