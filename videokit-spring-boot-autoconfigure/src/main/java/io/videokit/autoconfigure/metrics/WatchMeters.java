package io.videokit.autoconfigure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.videokit.web.watch.WatchSessionObserver;

/**
 * Watch-session meters: {@code videokit.watch.sessions} (sessions started) and {@code
 * videokit.watch.responses} (streamed responses recorded into sessions).
 */
public final class WatchMeters implements WatchSessionObserver {

  private final Counter sessions;
  private final Counter responses;

  /**
   * Registers the meters.
   *
   * @param registry where
   */
  public WatchMeters(MeterRegistry registry) {
    sessions =
        Counter.builder("videokit.watch.sessions")
            .description("Watch sessions started")
            .register(registry);
    responses =
        Counter.builder("videokit.watch.responses")
            .description("Streamed responses recorded into watch sessions")
            .register(registry);
  }

  @Override
  public void recorded() {
    responses.increment();
  }

  @Override
  public void started() {
    sessions.increment();
  }
}
