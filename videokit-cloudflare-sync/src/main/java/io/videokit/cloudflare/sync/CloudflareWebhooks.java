package io.videokit.cloudflare.sync;

import io.videokit.cloudflare.CloudflareStreamClient;
import io.videokit.cloudflare.Webhook;
import io.videokit.cloudflare.WebhookSignatureException;
import io.videokit.cloudflare.WebhookVerifier;
import io.videokit.video.Video;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The account's Stream webhook: registration (the secret is stored in {@code
 * videokit_cloudflare_webhook}, never returned), and the checks on each delivery — signature
 * (HMAC-SHA256, constant time), staleness, and replay (each accepted signature is remembered in
 * {@code videokit_cloudflare_webhook_delivery} for the tolerance window, cluster-wide).
 */
public class CloudflareWebhooks {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final CloudflareStreamClient client;
  private final JdbcClient jdbc;
  private final @Nullable String configuredSecret;
  private final Duration tolerance;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();

  /**
   * The webhook service.
   *
   * @param client the API client
   * @param jdbc a client on videokit's data source
   * @param configuredSecret the signing secret configured, or null to use the registered one
   * @param tolerance the largest accepted distance between a delivery's signed time and now
   * @param clock the clock
   */
  public CloudflareWebhooks(
      CloudflareStreamClient client,
      JdbcClient jdbc,
      @Nullable String configuredSecret,
      Duration tolerance,
      Clock clock) {
    this.client = client;
    this.jdbc = jdbc;
    this.configuredSecret = configuredSecret;
    this.tolerance = tolerance;
    this.clock = clock;
  }

  /**
   * Registers (or moves) the account's webhook and stores its secret: {@code PUT
   * /accounts/{account_id}/stream/webhook}.
   *
   * @param notificationUrl the public URL of this application's webhook endpoint
   * @return the webhook (its secret is stored, callers should not pass it on)
   * @throws io.videokit.cloudflare.CloudflareException when Cloudflare refuses
   */
  public Webhook register(URI notificationUrl) {
    Webhook webhook = client.registerWebhook(notificationUrl);
    if (webhook.secret() == null) {
      throw new IllegalStateException("Cloudflare returned no webhook secret");
    }
    OffsetDateTime modified =
        OffsetDateTime.ofInstant(
            webhook.modified() == null ? clock.instant() : webhook.modified(), ZoneOffset.UTC);
    int updated =
        jdbc.sql(
                "update videokit_cloudflare_webhook set notification_url = ?, secret = ?,"
                    + " modified = ? where id = 1")
            .params(webhook.notificationUrl(), webhook.secret(), modified)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "insert into videokit_cloudflare_webhook (id, notification_url, secret, modified)"
                  + " values (1, ?, ?, ?)")
          .params(webhook.notificationUrl(), webhook.secret(), modified)
          .update();
    }
    return webhook;
  }

  /**
   * The registered notification URL.
   *
   * @return the URL, or empty when none was registered through videokit
   */
  public Optional<String> notificationUrl() {
    return jdbc.sql("select notification_url from videokit_cloudflare_webhook where id = 1")
        .query(String.class)
        .optional();
  }

  /**
   * Verifies a delivery and reads its video object.
   *
   * @param signatureHeader the {@code Webhook-Signature} header, or null
   * @param body the raw body
   * @return the delivered video
   * @throws WebhookSignatureException when no secret is known, or the signature is missing,
   *     malformed, wrong, stale or replayed
   * @throws IllegalArgumentException when the body is not a video object
   */
  public Video verify(String signatureHeader, byte[] body) {
    String secret =
        secret()
            .orElseThrow(() -> new WebhookSignatureException("no webhook secret is configured"));
    WebhookVerifier verifier = new WebhookVerifier(secret, tolerance, clock);
    WebhookVerifier.Verified verified = verifier.verify(signatureHeader, body);
    Instant now = clock.instant();
    jdbc.sql("delete from videokit_cloudflare_webhook_delivery where received < ?")
        .param(OffsetDateTime.ofInstant(now.minus(tolerance.multipliedBy(2)), ZoneOffset.UTC))
        .update();
    try {
      jdbc.sql(
              "insert into videokit_cloudflare_webhook_delivery (replay_key, received) values (?, ?)")
          .params(replayKey(verified), OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
          .update();
    } catch (DuplicateKeyException e) {
      throw new WebhookSignatureException("delivery already received (replay)");
    }
    try {
      Map<String, Object> map = json.readValue(body, MAP);
      return Video.fromMap(map);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("the webhook body is not a JSON object");
    }
  }

  private Optional<String> secret() {
    String configured = configuredSecret;
    if (configured != null && !configured.isBlank()) {
      return Optional.of(configured);
    }
    return jdbc.sql("select secret from videokit_cloudflare_webhook where id = 1")
        .query(String.class)
        .optional();
  }

  private static String replayKey(WebhookVerifier.Verified verified) {
    String key = verified.replayKey();
    return key.length() > 100 ? key.substring(0, 100) : key;
  }
}
