package io.videokit.cloudflare;

/**
 * Direct creator uploads: the browser sends a video's bytes straight to Cloudflare. Both calls
 * create something and are never repeated once the request may have reached Cloudflare.
 */
public interface CloudflareUploads {

  /**
   * Creates a tus direct creator upload: {@code POST
   * /accounts/{account_id}/stream?direct_user=true} with {@code Tus-Resumable: 1.0.0}, {@code
   * Upload-Length}, {@code Upload-Metadata} and {@code Upload-Creator}. The browser then sends the
   * bytes straight to the returned location.
   *
   * @param request length, the browser's metadata, creator and duration limit
   * @return the one-time upload URL and the new uid ({@code stream-media-id})
   * @throws IllegalArgumentException when the browser's {@code Upload-Metadata} is malformed
   * @throws CloudflareException on failure
   */
  TusUploadCreated createTusUpload(TusUploadRequest request);

  /**
   * Creates a basic (non-tus) direct upload URL: {@code POST
   * /accounts/{account_id}/stream/direct_upload}.
   *
   * @param request duration limit, expiry, creator, metadata
   * @return the upload URL and uid
   * @throws CloudflareException on failure
   */
  DirectUpload createDirectUpload(DirectUploadRequest request);
}
