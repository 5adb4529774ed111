package io.videokit.web.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.core.media.TimeIndex;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Served byte spans to watched seconds: a 10 s video whose moov takes bytes 0..999 and whose second
 * {@code n} takes bytes {@code 1000 + 1000 n} to {@code 1999 + 1000 n}.
 */
class WatchedSecondsTest {

  private static final TimeIndex INDEX =
      new TimeIndex(
          IntStream.range(0, 10).mapToLong(n -> 1000 + 1000L * n).toArray(),
          IntStream.range(0, 10).map(n -> 1000 * n).toArray(),
          11_000);

  @Test
  void twoRangesAreTwoStretches() {
    WatchedSeconds watched =
        WatchedSeconds.of(INDEX, List.of(new long[] {1000, 3999}, new long[] {7000, 8500}));
    assertThat(seconds(watched)).containsExactly(0, 1, 2, 6, 7);
  }

  @Test
  void overlappingRangesCountOnce() {
    WatchedSeconds watched =
        WatchedSeconds.of(INDEX, List.of(new long[] {2000, 4999}, new long[] {3500, 5999}));
    assertThat(seconds(watched)).containsExactly(1, 2, 3, 4);
    int[] counts = new int[10];
    watched.addTo(counts);
    assertThat(counts).containsExactly(0, 1, 1, 1, 1, 0, 0, 0, 0, 0);
  }

  @Test
  void rangesInTheMoovWatchNothing() {
    WatchedSeconds watched = WatchedSeconds.of(INDEX, List.of(new long[] {0, 999}));
    assertThat(watched.isEmpty()).isTrue();
  }

  @Test
  void sessionsAddUpPerSecond() {
    WatchedSeconds first = WatchedSeconds.of(INDEX, List.of(new long[] {1000, 2999}));
    WatchedSeconds second =
        WatchedSeconds.of(WatchedSeconds.of(INDEX, List.of(new long[] {2000, 3999})).toBytes());
    int[] counts = new int[10];
    first.addTo(counts);
    second.addTo(counts);
    assertThat(counts).containsExactly(1, 2, 1, 0, 0, 0, 0, 0, 0, 0);
  }

  @Test
  void aSessionsSecondsAccumulateAcrossFlushes() {
    WatchedSeconds stored = WatchedSeconds.of(INDEX, List.of(new long[] {1000, 1999}));
    WatchedSeconds later =
        WatchedSeconds.of(stored.toBytes())
            .plus(WatchedSeconds.of(INDEX, List.of(new long[] {9000, 10999})));
    assertThat(seconds(later)).containsExactly(0, 8, 9);
  }

  private static int[] seconds(WatchedSeconds watched) {
    return IntStream.range(0, 10).filter(watched::contains).toArray();
  }
}
