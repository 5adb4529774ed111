package io.videokit.web.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The first byte a watch session records, read from a single-range 206's Content-Range. */
class RangeStartTest {

  @Test
  void theStartOfASingleRange() {
    assertThat(StreamingService.rangeStart("bytes 0-1/1073741824")).isZero();
    assertThat(StreamingService.rangeStart("bytes 524288-589823/1073741824")).isEqualTo(524288);
    assertThat(StreamingService.rangeStart("bytes 999999999999999999-999999999999999999/*"))
        .isEqualTo(999_999_999_999_999_999L);
  }

  @Test
  void anythingElseIsUnknown() {
    assertThat(StreamingService.rangeStart(null)).isEqualTo(-1);
    assertThat(StreamingService.rangeStart("bytes */100")).isEqualTo(-1);
    assertThat(StreamingService.rangeStart("bytes -5/100")).isEqualTo(-1);
    assertThat(StreamingService.rangeStart("bytes 1x-5/100")).isEqualTo(-1);
    assertThat(StreamingService.rangeStart("items 1-5/100")).isEqualTo(-1);
    assertThat(StreamingService.rangeStart("bytes 1234567890123456789-1234567890123456790/*"))
        .isEqualTo(-1);
    assertThat(StreamingService.rangeStart("bytes 12")).isEqualTo(-1);
  }
}
