package io.videokit.core.tus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * tus header parsing: {@code Upload-Metadata} as tus-js-client and Uppy send it (file name, type,
 * size and a few application keys, each base64) and the {@code Upload-Offset} / {@code
 * Upload-Length} numbers read on every {@code PATCH} and {@code POST}.
 *
 * <p>In the {@code io.videokit.core.tus} package (a split package of the benchmark jar, on the
 * class path only) because the number parser {@code TusHeaders} is package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TusHeadersBenchmark {

  private String metadata = "";
  private String offset = "";
  private String length = "";

  /** Creates the benchmark state; JMH calls {@link #setUp()} before measuring. */
  public TusHeadersBenchmark() {}

  /** Builds a six-pair {@code Upload-Metadata} value and two 1 GiB-sized numbers. */
  @Setup
  public void setUp() {
    Map<String, String> pairs = new LinkedHashMap<>();
    pairs.put("filename", "Sommerfest 2026 – Bühne (Kamera 2).mp4");
    pairs.put("filetype", "video/mp4");
    pairs.put("name", "Sommerfest 2026 – Bühne (Kamera 2).mp4");
    pairs.put("type", "video/mp4");
    pairs.put("relativePath", "null");
    pairs.put("title", "Summer party, main stage");
    StringBuilder header = new StringBuilder();
    pairs.forEach((key, value) -> {
      if (header.length() > 0) {
        header.append(',');
      }
      header
          .append(key)
          .append(' ')
          .append(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    });
    header.append(",is_confidential");
    metadata = header.toString();
    offset = "524288000"; // the 11th 50 MiB PATCH
    length = "1073741824";
  }

  /**
   * Parses seven metadata pairs (six base64 values and a key without a value).
   *
   * @return the decoded metadata
   * @throws TusException never, the value is valid
   */
  @Benchmark
  public UploadMetadata parseMetadata() throws TusException {
    return UploadMetadata.parse(metadata);
  }

  /**
   * Parses {@code Upload-Offset}.
   *
   * @return the offset
   * @throws TusException never, the value is valid
   */
  @Benchmark
  public long parseOffset() throws TusException {
    return TusHeaders.parseOffset(offset);
  }

  /**
   * Parses {@code Upload-Length}.
   *
   * @return the length
   * @throws TusException never, the value is valid
   */
  @Benchmark
  public long parseLength() throws TusException {
    return TusHeaders.parseLength(length);
  }
}
