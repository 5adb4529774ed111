package io.videokit.core.tus;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The state of one tus upload.
 *
 * @param id 32 lower-case hex characters; for a normal or final upload it is also the uid of the
 *     video it becomes
 * @param length the total length in bytes, or null while deferred (creation-defer-length)
 * @param offset bytes received so far; equal to {@code length} once complete
 * @param metadata the client's {@code Upload-Metadata}
 * @param creator the name of the principal that created it
 * @param created when it was created (UTC)
 * @param expires after this instant (UTC) an unfinished upload is gone (expiration extension)
 * @param concat its role in a concatenation
 * @param parts for a final upload, the ids of its partial uploads in order; else empty
 * @param completed whether the completion step ran (the bytes were handed on, e.g. to a video)
 */
public record UploadInfo(
    String id,
    @Nullable Long length,
    long offset,
    UploadMetadata metadata,
    String creator,
    Instant created,
    Instant expires,
    ConcatType concat,
    List<String> parts,
    boolean completed) {

  /** Validates the fields. */
  public UploadInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(creator, "creator");
    parts = List.copyOf(parts);
    if (offset < 0 || (length != null && offset > length)) {
      throw new IllegalArgumentException("offset " + offset + " outside 0.." + length);
    }
  }

  /**
   * Whether every byte has arrived.
   *
   * @return true when the length is known and reached
   */
  public boolean isFinished() {
    return length != null && offset == length;
  }

  /**
   * Whether the upload expired unfinished.
   *
   * @param now the current instant
   * @return true if it is not completed and {@code expires} has passed
   */
  public boolean isExpired(Instant now) {
    return !completed && now.isAfter(expires);
  }

  /**
   * A copy with another offset.
   *
   * @param newOffset bytes received
   * @return the copy
   */
  public UploadInfo withOffset(long newOffset) {
    return new UploadInfo(
        id, length, newOffset, metadata, creator, created, expires, concat, parts, completed);
  }

  /**
   * A copy with the length set (creation-defer-length).
   *
   * @param newLength total bytes
   * @return the copy
   */
  public UploadInfo withLength(long newLength) {
    return new UploadInfo(
        id, newLength, offset, metadata, creator, created, expires, concat, parts, completed);
  }

  /**
   * A copy with another expiry.
   *
   * @param newExpires the instant (UTC)
   * @return the copy
   */
  public UploadInfo withExpires(Instant newExpires) {
    return new UploadInfo(
        id, length, offset, metadata, creator, created, newExpires, concat, parts, completed);
  }

  /**
   * A copy marked completed.
   *
   * @return the copy
   */
  public UploadInfo asCompleted() {
    return new UploadInfo(
        id, length, offset, metadata, creator, created, expires, concat, parts, true);
  }
}
