package io.videokit.cloudflare;

/**
 * Any failure talking to the Cloudflare Stream API. Subclasses say whether Cloudflare answered
 * ({@link CloudflareApiException}), could not be reached ({@link CloudflareUnavailableException})
 * or answered something unreadable ({@link CloudflareProtocolException}).
 */
public abstract class CloudflareException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * An exception.
   *
   * @param message what failed, never containing credentials
   * @param cause the underlying failure, or null
   */
  protected CloudflareException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether trying the same call again later may succeed (rate limits, 5xx, timeouts).
   *
   * @return true for transient failures
   */
  public abstract boolean isRetryable();
}
