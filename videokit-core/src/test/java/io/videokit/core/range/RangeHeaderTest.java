package io.videokit.core.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RangeHeaderTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          bytes=0-1                     | bytes=0-1
          bytes=0-0                     | bytes=0-0
          bytes=0-                      | bytes=0-
          bytes=500-                    | bytes=500-
          bytes=-500                    | bytes=-500
          bytes=-0                      | bytes=-0
          bytes=0-9,20-29               | bytes=0-9,20-29
          bytes=20-29,0-9               | bytes=20-29,0-9
          'bytes=0-1, ,5-6'             | bytes=0-1,5-6
          'bytes=0-1 , 5-6'             | bytes=0-1,5-6
          'bytes=,0-1,'                 | bytes=0-1
          '  bytes=0-1  '               | bytes=0-1
          BYTES=0-1                     | bytes=0-1
          bytes=0-99999999999999999999  | bytes=0-9223372036854775807
          bytes=99999999999999999999-   | bytes=9223372036854775807-
          bytes=-99999999999999999999   | bytes=-9223372036854775807
          bytes=007-010                 | bytes=7-10
          """)
  void parsesValidHeaderIntoSpecsInRequestOrder(String header, String normalised) {
    Optional<RangeHeader> parsed = RangeHeader.parse(header);

    assertThat(parsed).map(RangeHeader::toString).contains(normalised);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(
      strings = {
        "bytes=",
        "bytes=a-b",
        "bytes=5-1",
        "items=0-1",
        "bytes 0-1",
        "bytes=--1",
        "bytes=1-2-3",
        "bytes=0-1;",
        "bytes=-",
        "bytes=,",
        "bytes= , ",
        "=0-1",
        "bytes",
        "bytes=0-1,x",
        "bytes=0-1,5",
        "bytes=+1-2",
        "bytes=-+1",
        "bytes=0x10-",
        "bytes=1 -2",
        "bytes = 0-1",
        "bytes=\u0661-\u0662",
        "bytes=0-1\u00a0",
      })
  void malformedHeaderIsIgnored(String header) {
    assertThat(RangeHeader.parse(header)).isEmpty();
  }

  @ParameterizedTest
  @NullAndEmptySource
  void absentHeaderIsIgnored(String header) {
    assertThat(RangeHeader.parse(header)).isEmpty();
  }

  @Test
  void boundedSpecIsParsedAsBounded() {
    assertThat(RangeHeader.parse("bytes=10-20"))
        .map(RangeHeader::specs)
        .contains(List.of(new ByteRangeSpec.Bounded(10, 20)));
  }

  @Test
  void openEndedSpecIsParsedAsFromOffset() {
    assertThat(RangeHeader.parse("bytes=10-"))
        .map(RangeHeader::specs)
        .contains(List.of(new ByteRangeSpec.FromOffset(10)));
  }

  @Test
  void suffixSpecIsParsedAsSuffix() {
    assertThat(RangeHeader.parse("bytes=-10"))
        .map(RangeHeader::specs)
        .contains(List.of(new ByteRangeSpec.Suffix(10)));
  }

  @Test
  void mixedSpecsKeepTheirKindsAndOrder() {
    assertThat(RangeHeader.parse("bytes=-1,5-,0-2"))
        .map(RangeHeader::specs)
        .contains(
            List.of(
                new ByteRangeSpec.Suffix(1),
                new ByteRangeSpec.FromOffset(5),
                new ByteRangeSpec.Bounded(0, 2)));
  }

  @Test
  void headerWithoutSpecsCannotBeConstructed() {
    assertThatThrownBy(() -> new RangeHeader(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void boundedSpecWithLastBeforeFirstCannotBeConstructed() {
    assertThatThrownBy(() -> new ByteRangeSpec.Bounded(5, 4))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void negativePositionsCannotBeConstructed() {
    assertThatThrownBy(() -> new ByteRangeSpec.FromOffset(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ByteRangeSpec.Suffix(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void suffixLongerThanFileReturnsWholeFile() {
    assertThat(new ByteRangeSpec.Suffix(5000).resolve(1000)).contains(new ByteRange(0, 999));
  }

  @Test
  void boundedEndPastTheFileIsClamped() {
    assertThat(new ByteRangeSpec.Bounded(990, 2000).resolve(1000))
        .contains(new ByteRange(990, 999));
  }

  @Test
  void firstPositionAtTheEndIsUnsatisfiable() {
    assertThat(new ByteRangeSpec.Bounded(1000, 1000).resolve(1000)).isEmpty();
    assertThat(new ByteRangeSpec.FromOffset(1000).resolve(1000)).isEmpty();
  }

  @Test
  void emptyRepresentationSatisfiesNoSpec() {
    assertThat(new ByteRangeSpec.Bounded(0, 0).resolve(0)).isEmpty();
    assertThat(new ByteRangeSpec.FromOffset(0).resolve(0)).isEmpty();
    assertThat(new ByteRangeSpec.Suffix(1).resolve(0)).isEmpty();
  }

  @Test
  void zeroLengthSuffixIsUnsatisfiable() {
    assertThat(new ByteRangeSpec.Suffix(0).resolve(1000)).isEmpty();
  }

  @Test
  void contentRangeUsesInclusiveLastAndCompleteLength() {
    assertThat(new ByteRange(0, 1).toContentRange(1048576)).isEqualTo("bytes 0-1/1048576");
  }

  @Test
  void limitToKeepsTheFirstByte() {
    assertThat(new ByteRange(500, 999).limitTo(100)).isEqualTo(new ByteRange(500, 599));
    assertThat(new ByteRange(500, 599).limitTo(100)).isEqualTo(new ByteRange(500, 599));
  }
}
