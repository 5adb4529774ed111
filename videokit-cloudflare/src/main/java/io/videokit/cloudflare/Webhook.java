package io.videokit.cloudflare;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The account's Stream webhook ({@code PUT /accounts/{account_id}/stream/webhook} → {@code
 * result}). Secret: {@link #toString()} leaves the secret out.
 *
 * @param notificationUrl where Cloudflare POSTs video objects when processing ends
 * @param modified when it was last set (UTC), or null
 * @param secret the HMAC-SHA256 key that signs deliveries ({@code Webhook-Signature}), or null
 */
public record Webhook(String notificationUrl, @Nullable Instant modified, @Nullable String secret) {

  @Override
  public String toString() {
    return "Webhook[notificationUrl=" + notificationUrl + ", modified=" + modified + "]";
  }
}
