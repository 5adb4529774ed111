package io.videokit.autoconfigure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.videokit.jpa.VideoJobObserver;
import java.util.Locale;

/** Job meters: {@code videokit.jobs} (job: sync, delete; outcome: success, failure, dropped). */
public final class JobMeters implements VideoJobObserver {

  private final Counter[][] counters = new Counter[Job.values().length][Outcome.values().length];

  /**
   * Registers the meters.
   *
   * @param registry where
   */
  public JobMeters(MeterRegistry registry) {
    for (Job job : Job.values()) {
      for (Outcome outcome : Outcome.values()) {
        counters[job.ordinal()][outcome.ordinal()] =
            Counter.builder("videokit.jobs")
                .description("Executions of video attribute jobs by outcome")
                .tag("job", job.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry);
      }
    }
  }

  @Override
  public void executed(Job job, Outcome outcome) {
    counters[job.ordinal()][outcome.ordinal()].increment();
  }
}
