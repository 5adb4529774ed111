package io.videokit.cloudflare;

import java.time.Duration;
import java.util.List;

/**
 * Too many requests: Cloudflare answered 429 (its budget is 1,200 requests per 5 minutes per
 * token), or videokit's own rate limiter refused to send the call. Try again after {@link
 * #retryAfter()}.
 */
public final class CloudflareRateLimitedException extends CloudflareApiException {

  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * A rate-limit refusal.
   *
   * @param operation what was called
   * @param retryAfter how long to wait, from {@code Retry-After} (seconds) or the local limiter
   * @param errors Cloudflare's errors, empty when refused locally
   */
  public CloudflareRateLimitedException(
      String operation, Duration retryAfter, List<CloudflareError> errors) {
    super(operation, 429, errors);
    this.retryAfter = retryAfter;
  }

  /**
   * How long to wait before calling again.
   *
   * @return a non-negative duration
   */
  public Duration retryAfter() {
    return retryAfter;
  }
}
