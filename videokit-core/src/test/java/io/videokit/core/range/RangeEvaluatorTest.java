package io.videokit.core.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RangeEvaluatorTest {

  private static final String ETAG = "\"3e8-18cd9a4f1f4\"";

  /** 2024-01-05 was a Friday; the half second checks that comparisons use whole seconds. */
  private static final Instant LAST_MODIFIED = Instant.parse("2024-01-05T10:00:00.500Z");

  private static final String SAME_DATE = "Fri, 05 Jan 2024 10:00:00 GMT";
  private static final String EARLIER_DATE = "Fri, 05 Jan 2024 09:59:59 GMT";
  private static final String LATER_DATE = "Fri, 05 Jan 2024 10:00:01 GMT";

  private static final Representation THOUSAND_BYTES =
      new Representation(1000, ETAG, LAST_MODIFIED);

  private final RangeEvaluator evaluator = RangeEvaluator.defaults();

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          bytes=0-1                      | 206 0-1
          bytes=0-0                      | 206 0-0
          bytes=0-                       | 206 0-999
          bytes=500-                     | 206 500-999
          bytes=-500                     | 206 500-999
          bytes=-1                       | 206 999-999
          bytes=999-999                  | 206 999-999
          bytes=-5000                    | 206 0-999
          bytes=990-2000                 | 206 990-999
          bytes=1000-                    | 416
          bytes=1000-2000                | 416
          bytes=-0                       | 416
          bytes=1000-,-0                 | 416
          bytes=0-9,20-29                | 206 0-9,20-29
          bytes=0-50,40-100              | 206 0-100
          bytes=0-9,10-19                | 206 0-19
          bytes=0-9,11-19                | 206 0-9,11-19
          bytes=20-29,0-9                | 206 0-9,20-29
          bytes=900-,0-9,500-509         | 206 0-9,500-509,900-999
          bytes=0-,-500                  | 206 0-999
          bytes=10-20,12-15              | 206 10-20
          'bytes=0-1, ,5-6'              | 206 0-1,5-6
          bytes=0-9,2000-3000            | 206 0-9
          bytes=                         | 200
          bytes=a-b                      | 200
          bytes=5-1                      | 200
          items=0-1                      | 200
          bytes 0-1                      | 200
          bytes=--1                      | 200
          bytes=1-2-3                    | 200
          bytes=0-1;                     | 200
          bytes=99999999999999999999-    | 416
          bytes=0-99999999999999999999   | 206 0-999
          bytes=-99999999999999999999    | 206 0-999
          """)
  void rangeHeaderOnThousandBytes(String range, String expected) {
    RangeDecision decision = evaluator.evaluate(RangeRequest.of("GET", range), THOUSAND_BYTES);

    assertThat(describe(decision)).isEqualTo(expected);
  }

  @Test
  void noRangeHeaderAnswersFull() {
    assertThat(evaluator.evaluate(RangeRequest.of("GET", null), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.Full());
  }

  @Test
  void twoDisjointRangesNeedMultipart() {
    RangeDecision decision =
        evaluator.evaluate(RangeRequest.of("GET", "bytes=0-9,20-29"), THOUSAND_BYTES);

    assertThat(decision).isInstanceOf(RangeDecision.Partial.class);
    assertThat(((RangeDecision.Partial) decision).isMultipart()).isTrue();
  }

  @Test
  void overlappingRangesCoalesceIntoOneNonMultipartRange() {
    RangeDecision decision =
        evaluator.evaluate(RangeRequest.of("GET", "bytes=0-50,40-100"), THOUSAND_BYTES);

    assertThat(((RangeDecision.Partial) decision).isMultipart()).isFalse();
  }

  @Test
  void notSatisfiableStatusIs416() {
    assertThat(evaluator.evaluate(RangeRequest.of("GET", "bytes=1000-"), THOUSAND_BYTES).status())
        .isEqualTo(416);
  }

  @Test
  void anyRangeOfEmptyRepresentationIsNotSatisfiable() {
    Representation empty = new Representation(0, ETAG, LAST_MODIFIED);

    assertThat(evaluator.evaluate(RangeRequest.of("GET", "bytes=0-"), empty))
        .isInstanceOf(RangeDecision.NotSatisfiable.class);
    assertThat(evaluator.evaluate(RangeRequest.of("GET", "bytes=-1"), empty))
        .isInstanceOf(RangeDecision.NotSatisfiable.class);
  }

  @Test
  void moreRangesThanMaxRangesAreRefusedWith416() {
    RangeEvaluator threeRanges = new RangeEvaluator(3, 0);

    RangeDecision decision =
        threeRanges.evaluate(RangeRequest.of("GET", "bytes=0-0,2-2,4-4,6-6"), THOUSAND_BYTES);

    assertThat(decision).isInstanceOf(RangeDecision.NotSatisfiable.class);
    assertThat(((RangeDecision.NotSatisfiable) decision).reason()).contains("too many ranges");
  }

  @Test
  void exactlyMaxRangesAreServed() {
    RangeEvaluator threeRanges = new RangeEvaluator(3, 0);

    RangeDecision decision =
        threeRanges.evaluate(RangeRequest.of("GET", "bytes=0-0,2-2,4-4"), THOUSAND_BYTES);

    assertThat(describe(decision)).isEqualTo("206 0-0,2-2,4-4");
  }

  @Test
  void overlappingRangesCountTowardsMaxRangesBeforeCoalescing() {
    String header =
        "bytes="
            + IntStream.range(0, RangeEvaluator.DEFAULT_MAX_RANGES + 1)
                .mapToObj(i -> "0-1")
                .collect(Collectors.joining(","));

    assertThat(evaluator.evaluate(RangeRequest.of("GET", header), THOUSAND_BYTES))
        .isInstanceOf(RangeDecision.NotSatisfiable.class);
  }

  @Test
  void defaultMaxRangesAreServed() {
    String header =
        "bytes="
            + IntStream.range(0, RangeEvaluator.DEFAULT_MAX_RANGES)
                .mapToObj(i -> (i * 3) + "-" + (i * 3))
                .collect(Collectors.joining(","));

    RangeDecision decision = evaluator.evaluate(RangeRequest.of("GET", header), THOUSAND_BYTES);

    assertThat(((RangeDecision.Partial) decision).ranges())
        .hasSize(RangeEvaluator.DEFAULT_MAX_RANGES);
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          bytes=0-      | 206 0-99
          bytes=500-    | 206 500-599
          bytes=-500    | 206 500-599
          bytes=10-509  | 206 10-109
          bytes=0-1     | 206 0-1
          bytes=0-99    | 206 0-99
          bytes=900-    | 206 900-999
          """)
  void maxRangeLengthCapsASingleRangeButNotTheSafariProbe(String range, String expected) {
    RangeEvaluator capped = new RangeEvaluator(RangeEvaluator.DEFAULT_MAX_RANGES, 100);

    assertThat(describe(capped.evaluate(RangeRequest.of("GET", range), THOUSAND_BYTES)))
        .isEqualTo(expected);
  }

  @Test
  void maxRangeLengthDoesNotCapMultipartRanges() {
    RangeEvaluator capped = new RangeEvaluator(RangeEvaluator.DEFAULT_MAX_RANGES, 100);

    RangeDecision decision =
        capped.evaluate(RangeRequest.of("GET", "bytes=0-199,500-699"), THOUSAND_BYTES);

    assertThat(describe(decision)).isEqualTo("206 0-199,500-699");
  }

  @Test
  void maxRangeLengthAppliesAfterCoalescing() {
    RangeEvaluator capped = new RangeEvaluator(RangeEvaluator.DEFAULT_MAX_RANGES, 100);

    RangeDecision decision =
        capped.evaluate(RangeRequest.of("GET", "bytes=0-150,100-300"), THOUSAND_BYTES);

    assertThat(describe(decision)).isEqualTo("206 0-99");
  }

  @Test
  void headIgnoresRange() {
    assertThat(evaluator.evaluate(RangeRequest.of("HEAD", "bytes=0-1"), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.Full());
  }

  @Test
  void headIgnoresUnsatisfiableRange() {
    assertThat(evaluator.evaluate(RangeRequest.of("HEAD", "bytes=5000-"), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.Full());
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE"})
  void otherMethodsIgnoreRange(String method) {
    assertThat(evaluator.evaluate(RangeRequest.of(method, "bytes=0-1"), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.Full());
  }

  @Test
  void invalidLimitsAreRefused() {
    assertThatThrownBy(() -> new RangeEvaluator(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RangeEvaluator(1, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- conditional requests (RFC 9110 §13.2.2)

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        ETAG,
        "W/" + ETAG,
        "*",
        " * ",
        "\"other\", " + ETAG,
        "\"other\",W/" + ETAG + ",\"more\""
      })
  void ifNoneMatchMatchingAnswersNotModifiedForGet(String ifNoneMatch) {
    assertThat(evaluator.evaluate(ifNoneMatch("GET", ifNoneMatch, null), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.NotModified());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {ETAG, "W/" + ETAG, "*"})
  void ifNoneMatchMatchingAnswersNotModifiedForHead(String ifNoneMatch) {
    assertThat(evaluator.evaluate(ifNoneMatch("HEAD", ifNoneMatch, null), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.NotModified());
  }

  @Test
  void ifNoneMatchMatchingWinsOverRange() {
    assertThat(evaluator.evaluate(ifNoneMatch("GET", ETAG, "bytes=0-1"), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.NotModified());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"\"other\"", "W/\"other\"", "\"3e8-18cd9a4f1f4", "3e8-18cd9a4f1f4"})
  void ifNoneMatchNotMatchingServesTheRange(String ifNoneMatch) {
    assertThat(
            describe(
                evaluator.evaluate(ifNoneMatch("GET", ifNoneMatch, "bytes=0-1"), THOUSAND_BYTES)))
        .isEqualTo("206 0-1");
  }

  @Test
  void ifNoneMatchMatchingOnUnsafeMethodFailsThePrecondition() {
    assertThat(evaluator.evaluate(ifNoneMatch("PUT", ETAG, null), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.PreconditionFailed());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {SAME_DATE, LATER_DATE})
  void ifModifiedSinceNotBeforeLastModifiedAnswersNotModified(String date) {
    assertThat(evaluator.evaluate(ifModifiedSince("GET", date), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.NotModified());
  }

  @Test
  void ifModifiedSinceAnswersNotModifiedForHead() {
    assertThat(evaluator.evaluate(ifModifiedSince("HEAD", SAME_DATE), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.NotModified());
  }

  @Test
  void ifModifiedSinceEarlierThanLastModifiedAnswersFull() {
    assertThat(evaluator.evaluate(ifModifiedSince("GET", EARLIER_DATE), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.Full());
  }

  @Test
  void ifModifiedSinceIsIgnoredWhenIfNoneMatchIsPresent() {
    RangeRequest request = new RangeRequest("GET", null, null, null, "\"other\"", LATER_DATE, null);

    assertThat(evaluator.evaluate(request, THOUSAND_BYTES)).isEqualTo(new RangeDecision.Full());
  }

  @Test
  void ifModifiedSinceIsIgnoredForOtherMethods() {
    assertThat(evaluator.evaluate(ifModifiedSince("POST", LATER_DATE), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.Full());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"\"other\"", "W/" + ETAG, "\"a\", \"b\""})
  void ifMatchNotMatchingFailsThePrecondition(String ifMatch) {
    assertThat(evaluator.evaluate(ifMatch(ifMatch, "bytes=0-1"), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.PreconditionFailed());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {ETAG, "*", "\"other\", " + ETAG})
  void ifMatchMatchingServesTheRange(String ifMatch) {
    assertThat(describe(evaluator.evaluate(ifMatch(ifMatch, "bytes=0-1"), THOUSAND_BYTES)))
        .isEqualTo("206 0-1");
  }

  @Test
  void preconditionFailedStatusIs412() {
    assertThat(evaluator.evaluate(ifMatch("\"other\"", null), THOUSAND_BYTES).status())
        .isEqualTo(412);
  }

  @Test
  void ifUnmodifiedSinceEarlierThanLastModifiedFailsThePrecondition() {
    assertThat(evaluator.evaluate(ifUnmodifiedSince(EARLIER_DATE), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.PreconditionFailed());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {SAME_DATE, LATER_DATE})
  void ifUnmodifiedSinceNotBeforeLastModifiedPasses(String date) {
    assertThat(evaluator.evaluate(ifUnmodifiedSince(date), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.Full());
  }

  @Test
  void ifUnmodifiedSinceIsIgnoredWhenIfMatchIsPresent() {
    RangeRequest request = new RangeRequest("GET", null, null, ETAG, null, null, EARLIER_DATE);

    assertThat(evaluator.evaluate(request, THOUSAND_BYTES)).isEqualTo(new RangeDecision.Full());
  }

  @Test
  void ifRangeWithMatchingStrongEtagServesTheRange() {
    assertThat(describe(evaluator.evaluate(ifRange(ETAG), THOUSAND_BYTES))).isEqualTo("206 0-1");
  }

  @Test
  void ifRangeWithOtherEtagServesTheWholeRepresentation() {
    assertThat(evaluator.evaluate(ifRange("\"other\""), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.Full());
  }

  @Test
  void ifRangeWithWeakEtagServesTheWholeRepresentation() {
    assertThat(evaluator.evaluate(ifRange("W/" + ETAG), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.Full());
  }

  @Test
  void ifRangeWithMatchingDateServesTheRange() {
    assertThat(describe(evaluator.evaluate(ifRange(SAME_DATE), THOUSAND_BYTES)))
        .isEqualTo("206 0-1");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {EARLIER_DATE, LATER_DATE})
  void ifRangeWithOtherDateServesTheWholeRepresentation(String date) {
    assertThat(evaluator.evaluate(ifRange(date), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.Full());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"yesterday", "", "Fri, 32 Jan 2024 10:00:00 GMT"})
  void ifRangeWithInvalidValueServesTheWholeRepresentation(String value) {
    assertThat(evaluator.evaluate(ifRange(value), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.Full());
  }

  @Test
  void ifRangeDoesNotRescueAnUnsatisfiableRange() {
    RangeRequest request = new RangeRequest("GET", "bytes=1000-", ETAG, null, null, null, null);

    assertThat(evaluator.evaluate(request, THOUSAND_BYTES))
        .isInstanceOf(RangeDecision.NotSatisfiable.class);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "yesterday",
        "",
        "2024-01-05T10:00:00Z",
        "Fri, 05 Jan 2024 25:00:00 GMT",
        "Mon, 05 Jan 2024 10:00:00 GMT"
      })
  void invalidIfModifiedSinceIsIgnored(String date) {
    assertThat(evaluator.evaluate(ifModifiedSince("GET", date), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.Full());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"yesterday", "", "Fri, 05 Jan 2024 25:00:00 GMT"})
  void invalidIfUnmodifiedSinceIsIgnored(String date) {
    assertThat(evaluator.evaluate(ifUnmodifiedSince(date), THOUSAND_BYTES))
        .isEqualTo(new RangeDecision.Full());
  }

  @Test
  void httpDateParsesImfFixdate() {
    assertThat(RangeEvaluator.parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"))
        .isEqualTo(Instant.parse("1994-11-06T08:49:37Z"));
  }

  // --- helpers

  private static RangeRequest ifNoneMatch(String method, String value, String range) {
    return new RangeRequest(method, range, null, null, value, null, null);
  }

  private static RangeRequest ifModifiedSince(String method, String date) {
    return new RangeRequest(method, null, null, null, null, date, null);
  }

  private static RangeRequest ifMatch(String value, String range) {
    return new RangeRequest("GET", range, null, value, null, null, null);
  }

  private static RangeRequest ifUnmodifiedSince(String date) {
    return new RangeRequest("GET", null, null, null, null, null, date);
  }

  private static RangeRequest ifRange(String value) {
    return new RangeRequest("GET", "bytes=0-1", value, null, null, null, null);
  }

  /** {@code 200}, {@code 206 a-b,c-d}, {@code 304}, {@code 412} or {@code 416}. */
  static String describe(RangeDecision decision) {
    if (decision instanceof RangeDecision.Partial partial) {
      return "206 "
          + partial.ranges().stream().map(ByteRange::toString).collect(Collectors.joining(","));
    }
    return Integer.toString(decision.status());
  }
}
