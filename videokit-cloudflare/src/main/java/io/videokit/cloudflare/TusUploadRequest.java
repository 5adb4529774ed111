package io.videokit.cloudflare;

import org.jspecify.annotations.Nullable;

/**
 * A tus creation request for a direct creator upload ({@code POST
 * /accounts/{account_id}/stream?direct_user=true}).
 *
 * @param uploadLength the file's size in bytes ({@code Upload-Length})
 * @param uploadMetadata the browser's {@code Upload-Metadata} header as sent (comma-separated
 *     {@code key base64(value)} pairs), or null when absent
 * @param creator the {@code Upload-Creator} to record (at most 64 characters), or null
 * @param maxDurationSeconds a duration limit videokit enforces, written into the metadata as {@code
 *     maxDurationSeconds} (replacing any value the browser sent), or null
 */
public record TusUploadRequest(
    long uploadLength,
    @Nullable String uploadMetadata,
    @Nullable String creator,
    @Nullable Integer maxDurationSeconds) {

  /** Validates lengths. */
  public TusUploadRequest {
    if (uploadLength < 0) {
      throw new IllegalArgumentException("Upload-Length must not be negative: " + uploadLength);
    }
    if (creator != null && creator.length() > 64) {
      throw new IllegalArgumentException("Upload-Creator is at most 64 characters");
    }
    if (maxDurationSeconds != null && (maxDurationSeconds < 1 || maxDurationSeconds > 21_600)) {
      throw new IllegalArgumentException(
          "maxDurationSeconds must be 1..21600, got " + maxDurationSeconds);
    }
  }
}
