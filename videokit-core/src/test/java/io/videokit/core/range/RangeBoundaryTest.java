package io.videokit.core.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Boundaries of the range values found by mutation testing (docs/mutation-testing.md); the
 * request-level boundaries (first/last byte, suffix longer than the file, 100 vs 101 ranges,
 * adjacent vs gap-of-one coalescing, If-Range dates) are in {@link RangeEvaluatorTest}.
 */
class RangeBoundaryTest {

  @Test
  void limitToZeroBytesIsRefused() {
    ByteRange range = new ByteRange(0, 9);

    assertThatThrownBy(() -> range.limitTo(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void limitToOneByteKeepsTheFirstByte() {
    assertThat(new ByteRange(5, 9).limitTo(1)).isEqualTo(new ByteRange(5, 5));
  }

  @Test
  void evaluatorAcceptsASingleRangeAsItsLimit() {
    RangeEvaluator single = new RangeEvaluator(1, 0);

    assertThat(single.evaluate(RangeRequest.of("GET", "bytes=0-1"), thousandBytes()).status())
        .isEqualTo(206);
    assertThat(single.evaluate(RangeRequest.of("GET", "bytes=0-1,5-6"), thousandBytes()).status())
        .isEqualTo(416);
  }

  @Test
  void evaluatorRefusesALimitOfZeroRanges() {
    assertThatThrownBy(() -> new RangeEvaluator(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void positionOneBelowLongMaxValueIsParsedExactly() {
    RangeHeader header = RangeHeader.parse("bytes=0-9223372036854775806").orElseThrow();

    assertThat(header.specs()).containsExactly(new ByteRangeSpec.Bounded(0, Long.MAX_VALUE - 1));
  }

  @Test
  void positionBeyondLongMaxValueSaturates() {
    RangeHeader header = RangeHeader.parse("bytes=0-9223372036854775808").orElseThrow();

    assertThat(header.specs()).containsExactly(new ByteRangeSpec.Bounded(0, Long.MAX_VALUE));
  }

  @Test
  void notModifiedAnswers304() {
    assertThat(new RangeDecision.NotModified().status()).isEqualTo(304);
  }

  private static Representation thousandBytes() {
    return new Representation(1000, "\"e\"", java.time.Instant.parse("2024-01-05T10:00:00Z"));
  }
}
