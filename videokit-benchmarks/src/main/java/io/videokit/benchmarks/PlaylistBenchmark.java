package io.videokit.benchmarks;

import io.videokit.live.LiveLimits;
import io.videokit.live.MediaPlaylist;
import io.videokit.live.PlaylistException;
import io.videokit.live.PlaylistRules;
import io.videokit.live.PlaylistRules.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What live ingest does with a publisher's playlist {@code PUT}: parse the body ({@link
 * MediaPlaylist#parse(byte[])}) and judge it against the stored playlist ({@link
 * PlaylistRules#check}). The playlists are the sliding window ffmpeg's HLS muxer writes (2-second
 * segments, {@code #EXTINF:2.000000,}), the new one one segment further on.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PlaylistBenchmark {

  /** Segments in the window: ffmpeg's default list size is 5-6, a DVR window is longer. */
  @Param({"6", "60"})
  public int segments;

  private byte[] body = new byte[0];
  private MediaPlaylist previous = new MediaPlaylist(1, 2, 0, List.of(), false);
  private MediaPlaylist next = previous;
  private PlaylistRules rules = new PlaylistRules(LiveLimits.defaults());

  /** Creates the benchmark state; JMH calls {@link #setUp()} before measuring. */
  public PlaylistBenchmark() {}

  /**
   * Builds the stored playlist and the next one.
   *
   * @throws PlaylistException never, the playlists are valid
   */
  @Setup
  public void setUp() throws PlaylistException {
    long sequence = 1_200;
    previous = MediaPlaylist.parse(playlist(sequence, segments).getBytes(StandardCharsets.UTF_8));
    body = playlist(sequence + 1, segments).getBytes(StandardCharsets.UTF_8);
    next = MediaPlaylist.parse(body);
    rules = new PlaylistRules(LiveLimits.defaults());
    if (rules.check(previous, next).isPresent()) {
      throw new IllegalStateException("the benchmark's playlist update must be valid");
    }
  }

  private static String playlist(long sequence, int count) {
    StringBuilder text =
        new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n")
            .append("#EXT-X-MEDIA-SEQUENCE:")
            .append(sequence)
            .append('\n');
    for (long i = sequence; i < sequence + count; i++) {
      text.append("#EXTINF:2.000000,\nindex").append(i).append(".ts\n");
    }
    return text.toString();
  }

  /**
   * Parses the body of the {@code PUT}.
   *
   * @return the playlist
   * @throws PlaylistException never, the body is valid
   */
  @Benchmark
  public MediaPlaylist parse() throws PlaylistException {
    return MediaPlaylist.parse(body);
  }

  /**
   * Judges the parsed playlist against the stored one.
   *
   * @return empty: the update is allowed
   */
  @Benchmark
  public Optional<Violation> check() {
    return rules.check(previous, next);
  }

  /**
   * Parses and judges, as {@code LiveIngest} does for each playlist {@code PUT}.
   *
   * @return empty: the update is allowed
   * @throws PlaylistException never, the body is valid
   */
  @Benchmark
  public Optional<Violation> parseAndCheck() throws PlaylistException {
    return rules.check(previous, MediaPlaylist.parse(body));
  }
}
