package io.videokit.autoconfigure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.videokit.core.stream.StreamObserver;
import io.videokit.core.stream.StreamResult;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streaming meters: {@code videokit.stream.responses} (route, status), {@code
 * videokit.stream.ranges} (route, kind), {@code videokit.stream.bytes} (route) and the gauge {@code
 * videokit.stream.active} (route). Meters of the usual statuses are built up front, so a response
 * costs a few array reads and increments.
 */
public final class StreamMeters implements StreamObserver {

  /** Statuses whose counters are built up front; others are looked up in the registry. */
  private static final int[] COMMON = {200, 206, 304, 412, 416};

  private final MeterRegistry registry;
  private final Counter[][] responses;
  private final Counter[][] ranges;
  private final Counter[] bytes;
  private final AtomicInteger[] active;

  /**
   * Registers the meters.
   *
   * @param registry where
   */
  public StreamMeters(MeterRegistry registry) {
    this.registry = registry;
    Route[] routes = Route.values();
    RangeKind[] kinds = RangeKind.values();
    responses = new Counter[routes.length][COMMON.length];
    ranges = new Counter[routes.length][kinds.length];
    bytes = new Counter[routes.length];
    active = new AtomicInteger[routes.length];
    for (Route route : routes) {
      int r = route.ordinal();
      for (int s = 0; s < COMMON.length; s++) {
        responses[r][s] = response(route, COMMON[s]);
      }
      for (RangeKind kind : kinds) {
        ranges[r][kind.ordinal()] =
            Counter.builder("videokit.stream.ranges")
                .description("Streamed responses by the kind of range answer")
                .tag("route", route.tag())
                .tag("kind", kind.tag())
                .register(registry);
      }
      bytes[r] =
          Counter.builder("videokit.stream.bytes")
              .description("Body bytes of streamed responses")
              .baseUnit("bytes")
              .tag("route", route.tag())
              .register(registry);
      AtomicInteger gauge = new AtomicInteger();
      active[r] = gauge;
      Gauge.builder("videokit.stream.active", gauge, AtomicInteger::get)
          .description("Streamed responses being answered")
          .tag("route", route.tag())
          .register(registry);
    }
  }

  private Counter response(Route route, int status) {
    return Counter.builder("videokit.stream.responses")
        .description("Streamed responses by status")
        .tag("route", route.tag())
        .tag("status", Integer.toString(status))
        .register(registry);
  }

  @Override
  public void started(Route route) {
    active[route.ordinal()].incrementAndGet();
  }

  @Override
  public void finished(Route route, RangeKind kind, StreamResult result) {
    int r = route.ordinal();
    active[r].decrementAndGet();
    counter(route, result.status()).increment();
    ranges[r][kind.ordinal()].increment();
    if (result.bytesSent() > 0) {
      bytes[r].increment(result.bytesSent());
    }
  }

  private Counter counter(Route route, int status) {
    for (int s = 0; s < COMMON.length; s++) {
      if (COMMON[s] == status) {
        return responses[route.ordinal()][s];
      }
    }
    return response(route, status); // the registry returns the existing meter
  }
}
