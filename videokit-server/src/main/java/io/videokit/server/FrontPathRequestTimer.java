package io.videokit.server;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationConvention;

/**
 * Times the requests {@link AnonymousStreamReadFilter} answers in front of Spring's {@code
 * ServerHttpObservationFilter} (decision 14) into the same timer that filter feeds: the
 * convention's name ({@code http.server.requests} by default) and its low-cardinality key values
 * ({@code exception}, {@code method}, {@code outcome}, {@code status}, {@code uri}), computed by
 * the same {@link ServerRequestObservationConvention} (an application's own bean, else Spring's
 * default), plus the {@code error} tag Micrometer's meter handler adds. A front-path answer is one
 * more count in the series a chain answer of the same request would count in.
 *
 * <p>What it does not feed: the {@code http.server.requests.active} long-task timer and the tracing
 * span of a full observation. Durations are from the registry clock's monotonic time, in
 * nanoseconds, from the filter's start to its return (for a sendfile answer, before the kernel sent
 * the body, as the observation filter measures it too).
 *
 * <p>With Spring's default convention, whose key values follow from the method, route, status and
 * error alone, each such combination's timer is looked up once and kept (a few per route); an
 * application's own convention is asked on every request.
 */
final class FrontPathRequestTimer {

  private static final String ERROR = "error";
  private static final String NONE = "none";

  private final MeterRegistry registry;
  private final ServerRequestObservationConvention convention;
  private final boolean defaultConvention;
  private final ConcurrentHashMap<Series, Timer> timers = new ConcurrentHashMap<>();

  /** What the default convention's key values and the error tag follow from. */
  private record Series(String method, String pathPattern, int status, @Nullable Class<?> error) {}

  /**
   * Creates the timer.
   *
   * @param registry where the timer lives
   * @param convention the observation convention of server requests, or null for Spring's default
   */
  FrontPathRequestTimer(
      MeterRegistry registry, @Nullable ServerRequestObservationConvention convention) {
    this.registry = registry;
    this.defaultConvention = convention == null;
    this.convention =
        convention != null ? convention : new DefaultServerRequestObservationConvention();
  }

  /**
   * The start of a timed request.
   *
   * @return the registry clock's monotonic time, in nanoseconds
   */
  long start() {
    return registry.config().clock().monotonicTime();
  }

  /**
   * Records an answered request.
   *
   * @param start what {@link #start()} returned
   * @param request the request
   * @param response its answer, with its status set
   * @param pathPattern the route's path pattern, e.g. {@code /api/videos/{uid}/file}
   * @param error what the answer ended with, or null
   */
  void stop(
      long start,
      HttpServletRequest request,
      HttpServletResponse response,
      String pathPattern,
      @Nullable Throwable error) {
    long duration = registry.config().clock().monotonicTime() - start;
    Timer timer =
        defaultConvention
            ? timers.computeIfAbsent(
                new Series(
                    request.getMethod(),
                    pathPattern,
                    response.getStatus(),
                    error == null ? null : error.getClass()),
                series -> register(request, response, pathPattern, error))
            : register(request, response, pathPattern, error);
    timer.record(duration, TimeUnit.NANOSECONDS);
  }

  private Timer register(
      HttpServletRequest request,
      HttpServletResponse response,
      String pathPattern,
      @Nullable Throwable error) {
    ServerRequestObservationContext context =
        new ServerRequestObservationContext(request, response);
    context.setPathPattern(pathPattern);
    context.setError(error);
    List<Tag> tags = new ArrayList<>();
    tags.add(Tag.of(ERROR, error == null ? NONE : error.getClass().getSimpleName()));
    for (KeyValue keyValue : convention.getLowCardinalityKeyValues(context)) {
      tags.add(Tag.of(keyValue.getKey(), keyValue.getValue()));
    }
    return Timer.builder(convention.getName()).tags(tags).register(registry);
  }
}
