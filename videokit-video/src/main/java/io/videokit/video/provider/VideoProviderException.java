package io.videokit.video.provider;

/**
 * A provider could not do what was asked: it refused ({@link #isRetryable()} false) or could not be
 * reached (true). Provider-specific exceptions are its cause.
 */
public class VideoProviderException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  /**
   * An exception.
   *
   * @param message what failed, without secrets
   * @param retryable whether trying again later may succeed
   * @param cause the provider's own exception
   */
  public VideoProviderException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /**
   * Whether trying again later may succeed (a timeout, a 5xx, a rate limit).
   *
   * @return false for a refusal (4xx)
   */
  public boolean isRetryable() {
    return retryable;
  }
}
