package io.videokit.cloudflare;

/**
 * Cloudflare's answer could not be read: not JSON, no envelope, or a {@code result} of the wrong
 * shape. Retryable: it usually comes from a proxy in between.
 */
public final class CloudflareProtocolException extends CloudflareException {

  private static final long serialVersionUID = 1L;

  /**
   * An unreadable answer.
   *
   * @param operation what was called
   * @param problem what is wrong with the answer
   * @param cause the parse failure, or null
   */
  public CloudflareProtocolException(String operation, String problem, Throwable cause) {
    super(operation + ": unreadable answer: " + problem, cause);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
