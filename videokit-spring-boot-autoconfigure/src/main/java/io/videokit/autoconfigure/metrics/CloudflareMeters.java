package io.videokit.autoconfigure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.videokit.cloudflare.CloudflareCallObserver;
import java.time.Duration;

/**
 * Cloudflare API meters: {@code videokit.cloudflare.calls} (outcome: 2xx, 3xx, 4xx, 5xx,
 * rate_limited, unavailable, not_sent, held_back) and the timer {@code
 * videokit.cloudflare.rate.limit.waits}.
 */
public final class CloudflareMeters implements CloudflareCallObserver {

  private final Counter[] byClass = new Counter[6];
  private final Counter rateLimited;
  private final Counter unavailable;
  private final Counter notSent;
  private final Counter heldBack;
  private final Timer waits;

  /**
   * Registers the meters.
   *
   * @param registry where
   */
  public CloudflareMeters(MeterRegistry registry) {
    for (int c = 1; c <= 5; c++) {
      byClass[c] = calls(registry, c + "xx");
    }
    rateLimited = calls(registry, "rate_limited");
    unavailable = calls(registry, "unavailable");
    notSent = calls(registry, "not_sent");
    heldBack = calls(registry, "held_back");
    waits =
        Timer.builder("videokit.cloudflare.rate.limit.waits")
            .description("Sleeps through a Cloudflare rate limit before a retry")
            .register(registry);
  }

  private static Counter calls(MeterRegistry registry, String outcome) {
    return Counter.builder("videokit.cloudflare.calls")
        .description("Attempts of Cloudflare API calls by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  @Override
  public void answered(int status) {
    if (status == 429) {
      rateLimited.increment();
    } else {
      int c = status / 100;
      (c >= 1 && c <= 5 ? byClass[c] : unavailable).increment();
    }
  }

  @Override
  public void unavailable(boolean wasNotSent) {
    (wasNotSent ? notSent : unavailable).increment();
  }

  @Override
  public void heldBack() {
    heldBack.increment();
  }

  @Override
  public void rateLimitWait(Duration wait) {
    waits.record(wait);
  }
}
