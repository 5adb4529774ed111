package io.videokit.core.tus;

import io.videokit.core.http.ProblemType;

/**
 * The tus protocol errors the store and handler raise, each an entry of videokit's problem
 * catalogue ({@link ProblemType}, codes {@code tus/<code>}) that gives its status and title.
 */
public enum TusError {
  /** {@code Tus-Resumable} is missing or not {@code 1.0.0} (tus core, 412). */
  UNSUPPORTED_VERSION(ProblemType.TUS_UNSUPPORTED_VERSION),
  /** No authenticated principal: creating and changing uploads needs one. */
  UNAUTHENTICATED(ProblemType.TUS_UNAUTHENTICATED),
  /** The method is not allowed on this resource. */
  METHOD_NOT_ALLOWED(ProblemType.TUS_METHOD_NOT_ALLOWED),
  /** Neither a valid {@code Upload-Length} nor {@code Upload-Defer-Length: 1} was sent. */
  INVALID_LENGTH(ProblemType.TUS_INVALID_LENGTH),
  /** {@code Upload-Length} over {@code Tus-Max-Size} (creation, 413). */
  MAX_SIZE_EXCEEDED(ProblemType.TUS_MAX_SIZE_EXCEEDED),
  /** The body would write past the upload's length. */
  SIZE_EXCEEDED(ProblemType.TUS_SIZE_EXCEEDED),
  /** {@code Upload-Metadata} is not {@code key base64} pairs with unique, valid keys. */
  INVALID_METADATA(ProblemType.TUS_INVALID_METADATA),
  /** {@code Upload-Offset} is missing or not a non-negative integer. */
  INVALID_OFFSET(ProblemType.TUS_INVALID_OFFSET),
  /** {@code Upload-Offset} differs from the upload's current offset (tus core, 409). */
  MISMATCHED_OFFSET(ProblemType.TUS_MISMATCHED_OFFSET),
  /** A PATCH body is not {@code application/offset+octet-stream} (tus core, 415). */
  INVALID_CONTENT_TYPE(ProblemType.TUS_INVALID_CONTENT_TYPE),
  /** No such upload, or not the caller's. */
  NOT_FOUND(ProblemType.TUS_NOT_FOUND),
  /** The upload expired and will be removed (expiration extension, 410). */
  EXPIRED(ProblemType.TUS_EXPIRED),
  /** Another request is writing this upload right now; retry shortly (423). */
  LOCKED(ProblemType.TUS_LOCKED),
  /** {@code Upload-Checksum} names an algorithm not in {@code Tus-Checksum-Algorithm}. */
  UNSUPPORTED_CHECKSUM(ProblemType.TUS_UNSUPPORTED_CHECKSUM),
  /** {@code Upload-Checksum} is not {@code <algorithm> <base64 digest>}. */
  INVALID_CHECKSUM(ProblemType.TUS_INVALID_CHECKSUM),
  /** The chunk's digest differs from {@code Upload-Checksum}; the chunk was discarded (460). */
  CHECKSUM_MISMATCH(ProblemType.TUS_CHECKSUM_MISMATCH),
  /** {@code Upload-Concat} is malformed, or names uploads that are not finished partial uploads. */
  INVALID_CONCAT(ProblemType.TUS_INVALID_CONCAT),
  /** A final upload of a concatenation cannot be patched (concatenation extension, 403). */
  MODIFY_FINAL(ProblemType.TUS_MODIFY_FINAL),
  /** {@code Upload-Length} was already set and may not change. */
  LENGTH_ALREADY_SET(ProblemType.TUS_LENGTH_ALREADY_SET),
  /**
   * The user's stored videos plus unfinished uploads would go over their quota (issue 7). 413 like
   * any body the server will not take; being a 4xx, tus clients do not retry it.
   */
  QUOTA_EXCEEDED(ProblemType.TUS_QUOTA_EXCEEDED),
  /**
   * The user already has as many unfinished uploads as allowed (issue 7); finish or terminate one.
   */
  TOO_MANY_UPLOADS(ProblemType.TUS_TOO_MANY_UPLOADS),
  /**
   * Storing more would take a volume below its free-space floor (RFC 4918 §11.5, 507); bytes
   * already received are kept.
   */
  INSUFFICIENT_STORAGE(ProblemType.TUS_INSUFFICIENT_STORAGE),
  /**
   * The request uses a tus extension the configured store does not implement ({@code Upload-Concat}
   * without concatenation, {@code Upload-Defer-Length} without creation-defer-length); 400, since
   * the server cannot process the request as sent. {@code Tus-Extension} lists what is served.
   */
  UNSUPPORTED_EXTENSION(ProblemType.TUS_UNSUPPORTED_EXTENSION),
  /** A hook refused the upload (e.g. a file type the application does not accept). */
  REJECTED(ProblemType.TUS_REJECTED),
  /**
   * The upload was received but could not be turned into a video; retrying the last PATCH retries
   * that step.
   */
  COMPLETION_FAILED(ProblemType.TUS_COMPLETION_FAILED);

  private final ProblemType type;

  TusError(ProblemType type) {
    this.type = type;
  }

  /**
   * The catalogue entry of this error.
   *
   * @return e.g. {@link ProblemType#TUS_MISMATCHED_OFFSET}
   */
  public ProblemType type() {
    return type;
  }

  /**
   * The stable code.
   *
   * @return e.g. {@code mismatched-offset}
   */
  public String code() {
    return type.code().substring("tus/".length());
  }

  /**
   * The HTTP status answered.
   *
   * @return e.g. 409
   */
  public int status() {
    return type.status();
  }

  /**
   * The fixed, short title.
   *
   * @return e.g. {@code Upload offset mismatch}
   */
  public String title() {
    return type.title();
  }
}
