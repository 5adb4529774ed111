package io.videokit.video.provider;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a new upload will be.
 *
 * @param length the file's length in bytes ({@code Upload-Length}), at least 0
 * @param creator the authenticated principal's name, recorded as the video's {@code creator}
 * @param metadata tus {@code Upload-Metadata} pairs, decoded ({@code name}, {@code filetype}, …)
 * @param maxDurationSeconds the longest video accepted in seconds, or null for the provider's
 *     default
 */
public record UploadRequest(
    long length,
    String creator,
    Map<String, String> metadata,
    @Nullable Integer maxDurationSeconds) {

  /** Validates and copies. */
  public UploadRequest {
    if (length < 0) {
      throw new IllegalArgumentException("an upload's length is at least 0 bytes: " + length);
    }
    Objects.requireNonNull(creator, "creator");
    metadata = Map.copyOf(metadata);
    if (maxDurationSeconds != null && maxDurationSeconds < 1) {
      throw new IllegalArgumentException("maxDurationSeconds must be positive");
    }
  }
}
