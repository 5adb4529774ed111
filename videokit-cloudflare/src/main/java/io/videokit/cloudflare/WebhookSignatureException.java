package io.videokit.cloudflare;

/** A webhook delivery whose {@code Webhook-Signature} is missing, malformed, stale or wrong. */
public final class WebhookSignatureException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * A refusal.
   *
   * @param reason why, safe to show to the sender (never contains the secret)
   */
  public WebhookSignatureException(String reason) {
    super(reason);
  }
}
