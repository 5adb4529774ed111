package io.videokit.core.tus;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a creation request asks for, after validation.
 *
 * @param length total bytes, or null when deferred
 * @param metadata the client's metadata
 * @param creator the principal's name
 * @param created creation instant (UTC)
 * @param expires expiry instant (UTC)
 * @param concat the concatenation role
 * @param parts for a final upload, its partial uploads' ids
 */
public record NewUpload(
    @Nullable Long length,
    UploadMetadata metadata,
    String creator,
    Instant created,
    Instant expires,
    ConcatType concat,
    List<String> parts) {

  /** Copies the parts. */
  public NewUpload {
    parts = List.copyOf(parts);
  }
}
