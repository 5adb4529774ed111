package io.videokit.cloudflare;

/**
 * Cloudflare could not be reached or did not answer in time (connection refused or reset, connect
 * or request timeout). Always retryable; whether the request reached Cloudflare is unknown unless
 * {@link #wasNotSent()}.
 */
public final class CloudflareUnavailableException extends CloudflareException {

  private static final long serialVersionUID = 1L;

  private final boolean notSent;

  /**
   * A transport failure.
   *
   * @param operation what was called
   * @param notSent true when the request certainly never reached Cloudflare (connect failure)
   * @param cause the I/O failure
   */
  public CloudflareUnavailableException(String operation, boolean notSent, Throwable cause) {
    super(operation + " failed: " + cause, cause);
    this.notSent = notSent;
  }

  /**
   * Whether the request certainly never reached Cloudflare (so even a creating call may be
   * repeated).
   *
   * @return true for connect failures
   */
  public boolean wasNotSent() {
    return notSent;
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
