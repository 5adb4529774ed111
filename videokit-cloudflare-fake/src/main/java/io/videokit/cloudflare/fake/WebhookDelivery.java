package io.videokit.cloudflare.fake;

import java.time.Instant;
import java.util.Optional;

/**
 * One webhook POST the fake made (or tried to make) to the registered {@code notificationUrl}.
 *
 * @param url the notification URL
 * @param body the raw JSON body sent: the video object, as {@code GET …/stream/{uid}} returns it in
 *     {@code result}
 * @param signature the {@code Webhook-Signature} header sent: {@code time=<unix seconds>,sig1=<hex
 *     HMAC-SHA256(secret, time + "." + body)>}
 * @param sentAt when the request was started
 * @param status the receiver's HTTP status, or -1 if no answer arrived
 * @param error why the delivery failed (connection refused, timeout…), or null when an answer
 *     arrived
 */
public record WebhookDelivery(
    String url, String body, String signature, Instant sentAt, int status, String error) {

  /**
   * Tells whether the receiver answered with a 2xx status.
   *
   * @return true for a 2xx answer
   */
  public boolean delivered() {
    return status >= 200 && status < 300;
  }

  /**
   * The failure reason, if any.
   *
   * @return the error message, empty when an answer arrived
   */
  public Optional<String> failure() {
    return Optional.ofNullable(error);
  }
}
