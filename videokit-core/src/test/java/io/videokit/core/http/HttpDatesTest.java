package io.videokit.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpDatesTest {

  @Test
  void formatsAnImfFixdateWithTheDaysLeadingZero() {
    assertThat(HttpDates.format(Instant.parse("2024-01-05T10:00:00Z")))
        .isEqualTo("Fri, 05 Jan 2024 10:00:00 GMT");
  }

  @Test
  void theRememberedSecondIsOnlyReusedForTheSameSecond() {
    Instant first = Instant.parse("2024-01-05T10:00:00.250Z");
    assertThat(HttpDates.format(first)).isEqualTo("Fri, 05 Jan 2024 10:00:00 GMT");
    assertThat(HttpDates.format(first.plusMillis(700))).isEqualTo("Fri, 05 Jan 2024 10:00:00 GMT");
    assertThat(HttpDates.format(first.plusSeconds(1))).isEqualTo("Fri, 05 Jan 2024 10:00:01 GMT");
    assertThat(HttpDates.format(first.minusSeconds(86_400)))
        .isEqualTo("Thu, 04 Jan 2024 10:00:00 GMT");
    assertThat(HttpDates.format(first)).isEqualTo("Fri, 05 Jan 2024 10:00:00 GMT");
  }

  @Test
  void aSecondAskedForAgainIsNotFormattedAgain() {
    Instant at = Instant.parse("2025-03-09T23:59:59Z");
    String once = HttpDates.format(at);

    assertThat(HttpDates.format(at.plusMillis(999))).isSameAs(once);
    assertThat(HttpDates.format(at.plusSeconds(1))).isNotSameAs(once);
  }

  @Test
  void theFirstSecondOfTheEpochIsFormattedToo() {
    assertThat(HttpDates.format(Instant.EPOCH)).isEqualTo("Thu, 01 Jan 1970 00:00:00 GMT");
  }
}
