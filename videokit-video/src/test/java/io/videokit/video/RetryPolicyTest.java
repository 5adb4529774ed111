package io.videokit.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

  private final RetryPolicy policy =
      RetryPolicy.exponential(Duration.ofSeconds(5), Duration.ofMinutes(5), 10);

  @ParameterizedTest
  @CsvSource({"1,5", "2,10", "3,20", "4,40", "6,160", "7,300", "63,300", "2147483647,300"})
  void doublesFromTheInitialWaitUpToTheLongest(int failures, long seconds) {
    assertThat(policy.delay(failures)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @Test
  void fullJitterStaysWithinZeroAndTheDelay() {
    RetryPolicy jittered = policy.withJitter();
    SplittableRandom random = new SplittableRandom(42);
    long smallest = Long.MAX_VALUE;
    for (int i = 0; i < 2_000; i++) {
      Duration wait = jittered.delay(3, random);
      assertThat(wait).isBetween(Duration.ZERO, Duration.ofSeconds(20));
      smallest = Math.min(smallest, wait.toMillis());
    }
    assertThat(smallest).isLessThan(1_000);
    assertThat(policy.delay(3, random)).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void nextIsOnTheClockAndNullOnceTheAttemptsAreUsed() {
    Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    assertThat(policy.next(1, clock, new SplittableRandom(1)))
        .isEqualTo(Instant.parse("2026-12-01T10:00:05Z"));
    assertThat(policy.next(9, clock, new SplittableRandom(1))).isNotNull();
    assertThat(policy.next(10, clock, new SplittableRandom(1))).isNull();
  }

  @ParameterizedTest
  @CsvSource({"0,5", "8,5", "40,10", "600,150", "1200,300", "86400,300", "-30,5"})
  void afterAgeIsAQuarterOfTheAgeWithinTheBounds(long ageSeconds, long waitSeconds) {
    assertThat(policy.afterAge(Duration.ofSeconds(ageSeconds)))
        .isEqualTo(Duration.ofSeconds(waitSeconds));
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> RetryPolicy.exponential(Duration.ZERO, Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> RetryPolicy.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> RetryPolicy.exponential(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy.delay(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
