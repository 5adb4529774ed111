package io.videokit.benchmarks;

import io.videokit.core.range.RangeDecision;
import io.videokit.core.range.RangeEvaluator;
import io.videokit.core.range.RangeHeader;
import io.videokit.core.range.RangeRequest;
import io.videokit.core.range.Representation;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code Range} parsing ({@link RangeHeader#parse}) and the whole decision of a range request
 * ({@link RangeEvaluator#evaluate}) for the header values players send: a 64 KiB seek, Safari's
 * {@code bytes=0-1} probe, a suffix, an open range, a multi-range set, a malformed value, an
 * unsatisfiable range and {@code If-Range} with an entity tag and with a date.
 *
 * <p>The representation is a 1 GiB file, as in the streaming workloads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RangeBenchmark {

  private static final long ONE_GIB = 1L << 30;

  private String single = "";
  private String probe = "";
  private String suffix = "";
  private String open = "";
  private String multi = "";
  private String invalid = "";
  private RangeEvaluator evaluator = RangeEvaluator.defaults();
  private Representation file = new Representation(1, "\"x\"", Instant.EPOCH);
  private RangeRequest singleRequest = RangeRequest.of("GET", null);
  private RangeRequest suffixRequest = singleRequest;
  private RangeRequest openRequest = singleRequest;
  private RangeRequest multiRequest = singleRequest;
  private RangeRequest invalidRequest = singleRequest;
  private RangeRequest unsatisfiableRequest = singleRequest;
  private RangeRequest ifRangeEtagRequest = singleRequest;
  private RangeRequest ifRangeDateRequest = singleRequest;

  /** Creates the benchmark state; JMH calls {@link #setUp()} before measuring. */
  public RangeBenchmark() {}

  /** Builds the header values, the representation and the requests. */
  @Setup
  public void setUp() {
    long offset = 734_003_200L; // a seek into the middle of the file, 64 KiB
    single = "bytes=" + offset + "-" + (offset + 65_535);
    probe = "bytes=0-1";
    suffix = "bytes=-65536";
    open = "bytes=" + offset + "-";
    multi = "bytes=0-1023, 524288-589823, 1048576-1114111, -65536";
    invalid = "bytes=12a-99";
    evaluator = RangeEvaluator.defaults();
    Instant modified = Instant.parse("2026-11-30T10:15:30Z");
    file = new Representation(ONE_GIB, "\"40000000-19ad4f8c2b0\"", modified);
    singleRequest = RangeRequest.of("GET", single);
    suffixRequest = RangeRequest.of("GET", suffix);
    openRequest = RangeRequest.of("GET", open);
    multiRequest = RangeRequest.of("GET", multi);
    invalidRequest = RangeRequest.of("GET", invalid);
    unsatisfiableRequest = RangeRequest.of("GET", "bytes=" + (ONE_GIB + 1) + "-");
    ifRangeEtagRequest = new RangeRequest("GET", single, file.etag(), null, null, null, null);
    ifRangeDateRequest =
        new RangeRequest("GET", single, "Mon, 30 Nov 2026 10:15:30 GMT", null, null, null, null);
  }

  /**
   * Parses a 64 KiB range at an offset.
   *
   * @return the parsed header
   */
  @Benchmark
  public Optional<RangeHeader> parseSingle() {
    return RangeHeader.parse(single);
  }

  /**
   * Parses the two-byte probe.
   *
   * @return the parsed header
   */
  @Benchmark
  public Optional<RangeHeader> parseProbe() {
    return RangeHeader.parse(probe);
  }

  /**
   * Parses a suffix range.
   *
   * @return the parsed header
   */
  @Benchmark
  public Optional<RangeHeader> parseSuffix() {
    return RangeHeader.parse(suffix);
  }

  /**
   * Parses an open range ({@code first-}).
   *
   * @return the parsed header
   */
  @Benchmark
  public Optional<RangeHeader> parseOpen() {
    return RangeHeader.parse(open);
  }

  /**
   * Parses four range specs.
   *
   * @return the parsed header
   */
  @Benchmark
  public Optional<RangeHeader> parseMulti() {
    return RangeHeader.parse(multi);
  }

  /**
   * Parses a malformed value (ignored, answered 200).
   *
   * @return empty
   */
  @Benchmark
  public Optional<RangeHeader> parseInvalid() {
    return RangeHeader.parse(invalid);
  }

  /**
   * Decides a 64 KiB range.
   *
   * @return a 206 decision
   */
  @Benchmark
  public RangeDecision evaluateSingle() {
    return evaluator.evaluate(singleRequest, file);
  }

  /**
   * Decides a suffix range.
   *
   * @return a 206 decision
   */
  @Benchmark
  public RangeDecision evaluateSuffix() {
    return evaluator.evaluate(suffixRequest, file);
  }

  /**
   * Decides an open range.
   *
   * @return a 206 decision
   */
  @Benchmark
  public RangeDecision evaluateOpen() {
    return evaluator.evaluate(openRequest, file);
  }

  /**
   * Decides four ranges (sorted, coalesced).
   *
   * @return a multipart 206 decision
   */
  @Benchmark
  public RangeDecision evaluateMulti() {
    return evaluator.evaluate(multiRequest, file);
  }

  /**
   * Decides a malformed {@code Range}.
   *
   * @return a 200 decision
   */
  @Benchmark
  public RangeDecision evaluateInvalid() {
    return evaluator.evaluate(invalidRequest, file);
  }

  /**
   * Decides a range past the end.
   *
   * @return a 416 decision
   */
  @Benchmark
  public RangeDecision evaluateUnsatisfiable() {
    return evaluator.evaluate(unsatisfiableRequest, file);
  }

  /**
   * Decides a range with a matching {@code If-Range} entity tag.
   *
   * @return a 206 decision
   */
  @Benchmark
  public RangeDecision evaluateIfRangeEtag() {
    return evaluator.evaluate(ifRangeEtagRequest, file);
  }

  /**
   * Decides a range with a matching {@code If-Range} date (an HTTP date is parsed).
   *
   * @return a 206 decision
   */
  @Benchmark
  public RangeDecision evaluateIfRangeDate() {
    return evaluator.evaluate(ifRangeDateRequest, file);
  }
}
