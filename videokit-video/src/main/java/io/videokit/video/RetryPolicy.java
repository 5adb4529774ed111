package io.videokit.video;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * When to try again: exponential backoff from {@code initial}, doubling per attempt up to {@code
 * max}, with full jitter ({@code jitter} = 1 spreads each wait uniformly over [0, delay]; 0 gives
 * the delay exactly), for at most {@code maxAttempts} attempts. The one backoff type of videokit:
 * job retries, provider synchronisation and optimistic-lock retries all use it, on the
 * application's {@link Clock}.
 *
 * @param initial the wait after the first failed attempt, positive
 * @param max the longest wait, at least {@code initial}
 * @param maxAttempts attempts before giving up, at least 1
 * @param jitter the fraction of each wait that is random, 0..1
 */
public record RetryPolicy(Duration initial, Duration max, int maxAttempts, double jitter) {

  /** Validates. */
  public RetryPolicy {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("the initial wait must be positive: " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("the longest wait must be at least the initial one");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("at least one attempt: " + maxAttempts);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter is a fraction 0..1: " + jitter);
    }
  }

  /**
   * Exponential backoff without jitter.
   *
   * @param initial the first wait
   * @param max the longest wait
   * @param maxAttempts attempts before giving up
   * @return the policy
   */
  public static RetryPolicy exponential(Duration initial, Duration max, int maxAttempts) {
    return new RetryPolicy(initial, max, maxAttempts, 0);
  }

  /**
   * This policy with full jitter.
   *
   * @return the copy with {@code jitter} 1
   */
  public RetryPolicy withJitter() {
    return new RetryPolicy(initial, max, maxAttempts, 1);
  }

  /**
   * The wait after a failed attempt, without jitter.
   *
   * @param failedAttempts how many attempts failed so far, at least 1
   * @return {@code initial × 2^(failedAttempts − 1)}, at most {@code max}
   */
  public Duration delay(int failedAttempts) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("at least one failed attempt: " + failedAttempts);
    }
    int doublings = Math.min(failedAttempts - 1, 62);
    long maxNanos = max.toNanos();
    long initialNanos = initial.toNanos();
    if (doublings >= Long.numberOfLeadingZeros(initialNanos) - 1) {
      return max;
    }
    long nanos = initialNanos << doublings;
    return nanos >= maxNanos ? max : Duration.ofNanos(nanos);
  }

  /**
   * The wait after a failed attempt, with this policy's jitter.
   *
   * @param failedAttempts how many attempts failed so far, at least 1
   * @param random the source of jitter
   * @return a wait between {@code (1 − jitter) × delay} and {@code delay}
   */
  public Duration delay(int failedAttempts, RandomGenerator random) {
    Duration delay = delay(failedAttempts);
    if (jitter == 0) {
      return delay;
    }
    long nanos = delay.toNanos();
    long fixed = (long) (nanos * (1 - jitter));
    long spread = nanos - fixed;
    return Duration.ofNanos(fixed + (spread == 0 ? 0 : random.nextLong(spread + 1)));
  }

  /**
   * When to try next after a failed attempt, or null to give up.
   *
   * @param failedAttempts how many attempts failed so far, at least 1
   * @param clock the application's clock
   * @param random the source of jitter
   * @return the instant (UTC), or null once {@code failedAttempts} reached {@code maxAttempts}
   */
  public @Nullable Instant next(int failedAttempts, Clock clock, RandomGenerator random) {
    if (failedAttempts >= maxAttempts) {
      return null;
    }
    return clock.instant().plus(delay(failedAttempts, random));
  }

  /**
   * How long to wait before looking again at something that has been going on for {@code age} (a
   * video still processing): a quarter of its age, between {@code initial} and {@code max}; no
   * attempt count needed, so a restart does not reset the schedule.
   *
   * @param age how long since it started, not negative
   * @return the wait
   */
  public Duration afterAge(Duration age) {
    Duration quarter = age.isNegative() ? Duration.ZERO : age.dividedBy(4);
    if (quarter.compareTo(initial) < 0) {
      return initial;
    }
    return quarter.compareTo(max) > 0 ? max : quarter;
  }
}
