package io.videokit.cloudflare;

import java.util.List;

/**
 * Cloudflare answered with an error: a non-2xx status, or {@code "success": false} in the {@code
 * {success, errors, messages, result}} envelope. Carries the HTTP status and Cloudflare's own codes
 * and messages (e.g. {@code 10005} when a clip range exceeds the parent's duration).
 */
public class CloudflareApiException extends CloudflareException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient List<CloudflareError> errors;

  /**
   * An error answer.
   *
   * @param operation what was called, e.g. {@code POST /stream/clip}
   * @param status the HTTP status code
   * @param errors the envelope's {@code errors}, possibly empty
   */
  public CloudflareApiException(String operation, int status, List<CloudflareError> errors) {
    super(operation + " failed: HTTP " + status + (errors.isEmpty() ? "" : " " + errors), null);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  /**
   * The HTTP status.
   *
   * @return e.g. 400, 404, 429, 500
   */
  public int status() {
    return status;
  }

  /**
   * Cloudflare's errors.
   *
   * @return the {@code errors} array of the envelope, possibly empty
   */
  public List<CloudflareError> errors() {
    return errors;
  }

  /**
   * Whether Cloudflare gave a specific error code.
   *
   * @param code e.g. {@code 10005}
   * @return true if one of the errors has it
   */
  public boolean hasErrorCode(int code) {
    return errors.stream().anyMatch(e -> e.code() == code);
  }

  /**
   * Whether the resource does not exist (HTTP 404).
   *
   * @return true for 404
   */
  public boolean isNotFound() {
    return status == 404;
  }

  /**
   * The first error message, for showing to a person.
   *
   * @return Cloudflare's message, or a generic text
   */
  public String reason() {
    return errors.isEmpty() ? "Cloudflare answered HTTP " + status : errors.get(0).message();
  }

  /**
   * Whether Cloudflare refused the request for good: a 4xx other than 408 (timeout), 409 (a
   * conflict that resolves, e.g. a video still processing) and 429 (rate limit). Repeating the same
   * request cannot succeed; a caller records the reason instead of retrying. (A 404 answer to a
   * delete means the thing is already gone, and {@code delete…} methods answer false for it.)
   *
   * @return true for a permanent refusal
   */
  public boolean isPermanent() {
    return status >= 400 && status < 500 && status != 408 && status != 409 && status != 429;
  }

  @Override
  public boolean isRetryable() {
    return status == 429 || status >= 500;
  }
}
