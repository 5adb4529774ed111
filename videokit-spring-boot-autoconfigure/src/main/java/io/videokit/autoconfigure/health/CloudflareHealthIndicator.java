package io.videokit.autoconfigure.health;

import io.videokit.cloudflare.CloudflareApiException;
import io.videokit.cloudflare.CloudflareException;
import io.videokit.cloudflare.CloudflareRateLimitedException;
import io.videokit.cloudflare.CloudflareSigning;
import io.videokit.cloudflare.CloudflareUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Whether the Cloudflare Stream API accepts the configured credentials: one cheap, account-scoped
 * read ({@code GET /accounts/{account_id}/stream/keys}, the signing keys) through the application's
 * client, so it also proves the account id and the token's Stream permission, which Cloudflare's
 * {@code /user/tokens/verify} would not.
 *
 * <p>UP when Cloudflare answers; DOWN when it refuses the credentials (401/403), fails (5xx, an
 * unreadable answer) or cannot be reached; UNKNOWN while Cloudflare rate-limits the account. The
 * result is reused for {@code cacheFor}, so health polling costs at most one call per period; the
 * details never hold the token.
 */
public final class CloudflareHealthIndicator implements HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(CloudflareHealthIndicator.class);

  private final CloudflareSigning api;
  private final String endpoint;
  private final Duration cacheFor;
  private final Clock clock;

  private @Nullable Health cached;
  private @Nullable Instant cachedAt;

  /**
   * Creates the indicator.
   *
   * @param api the client (its signing-key list is the call made)
   * @param endpoint the API base shown in the details (no credentials)
   * @param cacheFor how long a result is reused ({@code 0}: never)
   * @param clock the clock
   */
  public CloudflareHealthIndicator(
      CloudflareSigning api, String endpoint, Duration cacheFor, Clock clock) {
    this.api = api;
    this.endpoint = endpoint;
    this.cacheFor = cacheFor;
    this.clock = clock;
  }

  @Override
  public synchronized Health health() {
    Instant now = clock.instant();
    if (cached != null && cachedAt != null && now.isBefore(cachedAt.plus(cacheFor))) {
      return cached;
    }
    Health health = check(now);
    cached = health;
    cachedAt = now;
    return health;
  }

  private Health check(Instant now) {
    Health.Builder builder =
        new Health.Builder()
            .withDetail("endpoint", endpoint)
            .withDetail("checkedAt", now.toString());
    try {
      api.signingKeys();
      return builder.up().build();
    } catch (CloudflareRateLimitedException e) {
      return builder
          .status(Status.UNKNOWN)
          .withDetail("error", "rate limited")
          .withDetail("retryAfter", e.retryAfter().toString())
          .build();
    } catch (CloudflareApiException e) {
      String error =
          e.status() == 401 || e.status() == 403
              ? "credentials refused (HTTP " + e.status() + ")"
              : "HTTP " + e.status() + ": " + e.reason();
      log.warn("Cloudflare health check: {}", error);
      return builder.down().withDetail("error", error).build();
    } catch (CloudflareUnavailableException e) {
      log.warn("Cloudflare health check: unreachable: {}", e.getMessage());
      return builder.down().withDetail("error", "unreachable: " + e.getMessage()).build();
    } catch (CloudflareException e) {
      log.warn("Cloudflare health check: {}", e.getMessage());
      return builder.down().withDetail("error", e.getMessage()).build();
    }
  }
}
