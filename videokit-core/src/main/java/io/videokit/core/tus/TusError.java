package io.videokit.core.tus;

/**
 * The catalogue of tus protocol errors: a stable code, the HTTP status and a fixed title. Each
 * becomes an RFC 9457 problem of type {@code https://videokit.io/problems/tus/<code>}.
 */
public enum TusError {
  /** {@code Tus-Resumable} is missing or not {@code 1.0.0} (tus core, 412). */
  UNSUPPORTED_VERSION("unsupported-version", 412, "Unsupported tus version"),
  /** No authenticated principal: creating and changing uploads needs one. */
  UNAUTHENTICATED("unauthenticated", 401, "Authentication required"),
  /** The method is not allowed on this resource. */
  METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
  /** Neither a valid {@code Upload-Length} nor {@code Upload-Defer-Length: 1} was sent. */
  INVALID_LENGTH("invalid-length", 400, "Invalid upload length"),
  /** {@code Upload-Length} over {@code Tus-Max-Size} (creation, 413). */
  MAX_SIZE_EXCEEDED("max-size-exceeded", 413, "Upload too large"),
  /** The body would write past the upload's length. */
  SIZE_EXCEEDED("size-exceeded", 413, "Body exceeds the upload length"),
  /** {@code Upload-Metadata} is not {@code key base64} pairs with unique, valid keys. */
  INVALID_METADATA("invalid-metadata", 400, "Invalid upload metadata"),
  /** {@code Upload-Offset} is missing or not a non-negative integer. */
  INVALID_OFFSET("invalid-offset", 400, "Invalid upload offset"),
  /** {@code Upload-Offset} differs from the upload's current offset (tus core, 409). */
  MISMATCHED_OFFSET("mismatched-offset", 409, "Upload offset mismatch"),
  /** A PATCH body is not {@code application/offset+octet-stream} (tus core, 415). */
  INVALID_CONTENT_TYPE("invalid-content-type", 415, "Unsupported content type"),
  /** No such upload, or not the caller's. */
  NOT_FOUND("not-found", 404, "Upload not found"),
  /** The upload expired and will be removed (expiration extension, 410). */
  EXPIRED("expired", 410, "Upload expired"),
  /** Another request is writing this upload right now; retry shortly (423). */
  LOCKED("locked", 423, "Upload locked"),
  /** {@code Upload-Checksum} names an algorithm not in {@code Tus-Checksum-Algorithm}. */
  UNSUPPORTED_CHECKSUM("unsupported-checksum-algorithm", 400, "Unsupported checksum algorithm"),
  /** {@code Upload-Checksum} is not {@code <algorithm> <base64 digest>}. */
  INVALID_CHECKSUM("invalid-checksum", 400, "Invalid checksum header"),
  /** The chunk's digest differs from {@code Upload-Checksum}; the chunk was discarded (460). */
  CHECKSUM_MISMATCH("checksum-mismatch", 460, "Checksum mismatch"),
  /** {@code Upload-Concat} is malformed, or names uploads that are not finished partial uploads. */
  INVALID_CONCAT("invalid-concat", 400, "Invalid concatenation"),
  /** A final upload of a concatenation cannot be patched (concatenation extension, 403). */
  MODIFY_FINAL("modify-final", 403, "Final upload cannot be modified"),
  /** {@code Upload-Length} was already set and may not change. */
  LENGTH_ALREADY_SET("length-already-set", 400, "Upload length already set"),
  /**
   * The user's stored videos plus unfinished uploads would go over their quota (issue 7). 413 like
   * any body the server will not take; being a 4xx, tus clients do not retry it.
   */
  QUOTA_EXCEEDED("quota-exceeded", 413, "Upload quota exceeded"),
  /**
   * The user already has as many unfinished uploads as allowed (issue 7); finish or terminate one.
   */
  TOO_MANY_UPLOADS("too-many-uploads", 429, "Too many unfinished uploads"),
  /**
   * Storing more would take a volume below its free-space floor (RFC 4918 §11.5, 507); bytes
   * already received are kept.
   */
  INSUFFICIENT_STORAGE("insufficient-storage", 507, "Insufficient storage"),
  /**
   * The request uses a tus extension the configured store does not implement ({@code Upload-Concat}
   * without concatenation, {@code Upload-Defer-Length} without creation-defer-length); 400, since
   * the server cannot process the request as sent. {@code Tus-Extension} lists what is served.
   */
  UNSUPPORTED_EXTENSION("unsupported-extension", 400, "Extension not supported"),
  /** A hook refused the upload (e.g. a file type the application does not accept). */
  REJECTED("rejected", 400, "Upload rejected"),
  /**
   * The upload was received but could not be turned into a video; retrying the last PATCH retries
   * that step.
   */
  COMPLETION_FAILED("completion-failed", 500, "Upload could not be completed");

  private final String code;
  private final int status;
  private final String title;

  TusError(String code, int status, String title) {
    this.code = code;
    this.status = status;
    this.title = title;
  }

  /**
   * The stable code.
   *
   * @return e.g. {@code mismatched-offset}
   */
  public String code() {
    return code;
  }

  /**
   * The HTTP status answered.
   *
   * @return e.g. 409
   */
  public int status() {
    return status;
  }

  /**
   * The fixed, short title.
   *
   * @return e.g. {@code Upload offset mismatch}
   */
  public String title() {
    return title;
  }
}
