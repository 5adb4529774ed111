package io.videokit.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.videokit.local.ProcessingObserver;
import java.time.Duration;

/** Processing meters: the timer {@code videokit.processing} (outcome: ready, error). */
public final class ProcessingMeters implements ProcessingObserver {

  private final Timer ready;
  private final Timer error;

  /**
   * Registers the meters.
   *
   * @param registry where
   */
  public ProcessingMeters(MeterRegistry registry) {
    ready = timer(registry, "ready");
    error = timer(registry, "error");
  }

  private static Timer timer(MeterRegistry registry, String outcome) {
    return Timer.builder("videokit.processing")
        .description("Processed videos (probe and update) by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  @Override
  public void processed(boolean isReady, Duration took) {
    (isReady ? ready : error).record(took);
  }
}
