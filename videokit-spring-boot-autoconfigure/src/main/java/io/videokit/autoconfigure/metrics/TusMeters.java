package io.videokit.autoconfigure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.videokit.core.http.ProblemType;
import io.videokit.core.tus.TusObserver;
import io.videokit.core.tus.UploadInfo;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Upload meters: {@code videokit.upload.bytes}, {@code videokit.upload.completed}, the gauge {@code
 * videokit.upload.active} (PATCH bodies being received) and {@code videokit.upload.errors} (code,
 * status), one counter per tus problem type built up front.
 */
public final class TusMeters implements TusObserver {

  private final Counter bytes;
  private final Counter completed;
  private final AtomicInteger active = new AtomicInteger();
  private final Map<ProblemType, Counter> errors = new EnumMap<>(ProblemType.class);
  private final MeterRegistry registry;

  /**
   * Registers the meters.
   *
   * @param registry where
   */
  public TusMeters(MeterRegistry registry) {
    this.registry = registry;
    bytes =
        Counter.builder("videokit.upload.bytes")
            .description("Bytes received by tus uploads")
            .baseUnit("bytes")
            .register(registry);
    completed =
        Counter.builder("videokit.upload.completed")
            .description("tus uploads that arrived whole and were completed")
            .register(registry);
    Gauge.builder("videokit.upload.active", active, AtomicInteger::get)
        .description("tus PATCH bodies being received")
        .register(registry);
    for (ProblemType type : ProblemType.values()) {
      if (type.code().startsWith("tus/")) {
        errors.put(type, error(type));
      }
    }
  }

  private Counter error(ProblemType type) {
    return Counter.builder("videokit.upload.errors")
        .description("tus requests answered with a problem, by its code")
        .tag("code", type.code())
        .tag("status", Integer.toString(type.status()))
        .register(registry);
  }

  @Override
  public void transferStarted() {
    active.incrementAndGet();
  }

  @Override
  public void transferEnded() {
    active.decrementAndGet();
  }

  @Override
  public void received(long count) {
    if (count > 0) {
      bytes.increment(count);
    }
  }

  @Override
  public void completed(UploadInfo upload) {
    completed.increment();
  }

  @Override
  public void failed(ProblemType type) {
    Counter counter = errors.get(type);
    (counter != null ? counter : error(type)).increment();
  }
}
