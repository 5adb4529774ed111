package io.videokit.cloudflare.fake;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A first-in, first-out plan of faults for the next requests to one endpoint family (the API, or
 * the fake's tus upload URLs).
 *
 * <p>Each call queues a fault for exactly {@code count} requests; queued faults are consumed in the
 * order they were queued, one request at a time, so {@code failNext(2, 503)} followed by {@code
 * rateLimitNext(1, 30)} answers the next two requests with 503 and the third with 429. Every
 * request consumes at most one fault. Counting is atomic: with concurrent clients exactly {@code
 * count} requests are affected. Thread-safe.
 */
public final class FaultInjector {

  /** What happens to a request that draws a fault. */
  enum Kind {
    /** An HTTP error status with a Cloudflare error envelope; state is not touched. */
    FAIL,
    /** 429 with {@code Retry-After} and an error envelope; state is not touched. */
    RATE_LIMIT,
    /** The request is processed normally, the answer is held back. */
    DELAY,
    /** 200 with a truncated JSON body; state is not touched. */
    MALFORMED,
    /** The connection is reset without an answer; state is not touched. */
    RESET,
    /** Processed normally; the answer describes another video (its uid replaced everywhere). */
    OTHER_UID,
    /**
     * Processed normally; the answer's {@code result} is a string where an object is documented.
     */
    WRONG_TYPE,
    /** Processed normally; every field of the answer's {@code result} gets a random valid value. */
    RANDOM_VALUES
  }

  /** One drawn fault. */
  record Fault(Kind kind, int status, int retryAfterSeconds, Duration delay) {}

  private static final class Planned {
    final Fault fault;
    int remaining;

    Planned(Fault fault, int remaining) {
      this.fault = fault;
      this.remaining = remaining;
    }
  }

  private final Deque<Planned> plan = new ArrayDeque<>();

  FaultInjector() {}

  /**
   * Answers the next {@code count} requests with {@code httpStatus} and a Cloudflare error envelope
   * ({@code success: false}, one error with code 10001), without processing them.
   *
   * @param count number of requests to affect, at least 1
   * @param httpStatus an error status, 400..599 (typically 500, 502, 503 or 504)
   * @return this injector
   * @throws IllegalArgumentException if {@code count < 1} or the status is not an error status
   */
  public FaultInjector failNext(int count, int httpStatus) {
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("httpStatus must be 400..599: " + httpStatus);
    }
    return add(count, new Fault(Kind.FAIL, httpStatus, 0, Duration.ZERO));
  }

  /**
   * Answers the next {@code count} requests with 429, header {@code Retry-After: retryAfterSeconds}
   * and an error envelope (code 10013, "Rate limited"), without processing them.
   *
   * @param count number of requests to affect, at least 1
   * @param retryAfterSeconds the {@code Retry-After} value in seconds, at least 0
   * @return this injector
   * @throws IllegalArgumentException if {@code count < 1} or {@code retryAfterSeconds < 0}
   */
  public FaultInjector rateLimitNext(int count, int retryAfterSeconds) {
    if (retryAfterSeconds < 0) {
      throw new IllegalArgumentException("retryAfterSeconds must be >= 0: " + retryAfterSeconds);
    }
    return add(count, new Fault(Kind.RATE_LIMIT, 429, retryAfterSeconds, Duration.ZERO));
  }

  /**
   * Processes the next {@code count} requests normally but holds each answer back for {@code delay}
   * (the state change has already happened when the client times out).
   *
   * @param count number of requests to affect, at least 1
   * @param delay how long to hold each answer, positive, millisecond precision
   * @return this injector
   * @throws IllegalArgumentException if {@code count < 1} or the delay is not positive
   */
  public FaultInjector delayNext(int count, Duration delay) {
    if (delay == null || delay.isNegative() || delay.isZero()) {
      throw new IllegalArgumentException("delay must be positive: " + delay);
    }
    return add(count, new Fault(Kind.DELAY, 0, 0, delay));
  }

  /**
   * Answers the next {@code count} requests with 200, {@code Content-Type: application/json} and a
   * truncated JSON body, without processing them.
   *
   * @param count number of requests to affect, at least 1
   * @return this injector
   * @throws IllegalArgumentException if {@code count < 1}
   */
  public FaultInjector malformedNext(int count) {
    return add(count, new Fault(Kind.MALFORMED, 200, 0, Duration.ZERO));
  }

  /**
   * Resets the connection of the next {@code count} requests without answering (WireMock's {@code
   * CONNECTION_RESET_BY_PEER}); the requests are not processed.
   *
   * @param count number of requests to affect, at least 1
   * @return this injector
   * @throws IllegalArgumentException if {@code count < 1}
   */
  public FaultInjector resetNext(int count) {
    return add(count, new Fault(Kind.RESET, 0, 0, Duration.ZERO));
  }

  /**
   * Processes the next {@code count} requests normally, but answers as if for another video: the
   * uid in the answer (in {@code result.uid} and in every URL) is replaced by a fresh random uid.
   * The answer stays schema-valid; only a client that checks the uid it asked for notices.
   *
   * @param count number of requests to affect, at least 1
   * @return this injector
   * @throws IllegalArgumentException if {@code count < 1}
   */
  public FaultInjector otherUidNext(int count) {
    return add(count, new Fault(Kind.OTHER_UID, 200, 0, Duration.ZERO));
  }

  /**
   * Processes the next {@code count} requests normally, but answers a successful envelope whose
   * {@code result} is the string {@code "ok"} where the schema documents an object (or array). Such
   * answers are not recorded as schema violations.
   *
   * @param count number of requests to affect, at least 1
   * @return this injector
   * @throws IllegalArgumentException if {@code count < 1}
   */
  public FaultInjector wrongTypeNext(int count) {
    return add(count, new Fault(Kind.WRONG_TYPE, 200, 0, Duration.ZERO));
  }

  /**
   * Processes the next {@code count} requests normally, but gives every field of the answer's
   * {@code result} object a random value that the schema allows (enums, types, formats, bounds),
   * uid included. The answer stays schema-valid.
   *
   * @param count number of requests to affect, at least 1
   * @return this injector
   * @throws IllegalArgumentException if {@code count < 1}
   */
  public FaultInjector randomValuesNext(int count) {
    return add(count, new Fault(Kind.RANDOM_VALUES, 200, 0, Duration.ZERO));
  }

  /**
   * Counts the requests still to be affected by queued faults.
   *
   * @return the sum of the remaining counts of all queued faults
   */
  public synchronized int pending() {
    return plan.stream().mapToInt(p -> p.remaining).sum();
  }

  /** Drops every queued fault. */
  public synchronized void clear() {
    plan.clear();
  }

  /** Draws the fault for one request, if any is queued. */
  synchronized Optional<Fault> draw() {
    Planned head = plan.peekFirst();
    if (head == null) {
      return Optional.empty();
    }
    if (--head.remaining == 0) {
      plan.removeFirst();
    }
    return Optional.of(head.fault);
  }

  private synchronized FaultInjector add(int count, Fault fault) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1: " + count);
    }
    plan.addLast(new Planned(fault, count));
    return this;
  }
}
