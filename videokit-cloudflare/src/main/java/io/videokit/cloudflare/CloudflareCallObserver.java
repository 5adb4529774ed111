package io.videokit.cloudflare;

import java.time.Duration;

/**
 * Told about every attempt of a Cloudflare API call and every rate-limit wait, for metrics. The
 * default methods do nothing; implementations must be thread-safe and must not throw.
 */
public interface CloudflareCallObserver {

  /** An observer that does nothing. */
  CloudflareCallObserver NONE = new CloudflareCallObserver() {};

  /**
   * Cloudflare answered an attempt.
   *
   * @param status the HTTP status (429 included)
   */
  default void answered(int status) {}

  /**
   * An attempt got no answer (connect failure, timeout, reset, interruption).
   *
   * @param notSent true when the request certainly never reached Cloudflare
   */
  default void unavailable(boolean notSent) {}

  /** An attempt was not sent: the client-side rate limit or a {@code Retry-After} block holds. */
  default void heldBack() {}

  /**
   * The client sleeps through a rate limit (a 429's {@code Retry-After} or the local budget) before
   * retrying.
   *
   * @param wait how long
   */
  default void rateLimitWait(Duration wait) {}
}
