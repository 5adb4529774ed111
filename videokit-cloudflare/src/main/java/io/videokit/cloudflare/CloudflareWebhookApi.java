package io.videokit.cloudflare;

import java.net.URI;
import java.util.Optional;

/**
 * The account's webhook: where Cloudflare POSTs video objects when processing ends (verify the
 * deliveries with {@link WebhookVerifier}).
 */
public interface CloudflareWebhookApi {

  /**
   * Sets the account's webhook: {@code PUT /accounts/{account_id}/stream/webhook}.
   *
   * @param notificationUrl where Cloudflare will POST video objects when processing ends
   * @return the webhook with its signing {@code secret}
   * @throws CloudflareException on failure
   */
  Webhook registerWebhook(URI notificationUrl);

  /**
   * The account's webhook: {@code GET /accounts/{account_id}/stream/webhook}.
   *
   * @return the webhook, or empty when none is set
   * @throws CloudflareException on failure
   */
  Optional<Webhook> webhook();

  /**
   * Removes the account's webhook: {@code DELETE /accounts/{account_id}/stream/webhook}.
   *
   * @return true if deleted, false if none was set
   * @throws CloudflareException on failure
   */
  boolean deleteWebhook();
}
