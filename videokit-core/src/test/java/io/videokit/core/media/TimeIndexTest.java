package io.videokit.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The byte-offset to time index, built by ffprobe from a real ffmpeg-made MP4 with 1 s GOPs. */
class TimeIndexTest {

  private static final int SECONDS = 10;

  @TempDir static Path dir;

  private static Path video;
  private static TimeIndex index;

  /** File offsets of the keyframes, i.e. of seconds 0, 1, 2 … (one GOP per second). */
  private static List<Long> keyframes;

  @BeforeAll
  static void encode() throws Exception {
    video = dir.resolve("gop.mp4");
    run(
        "ffmpeg",
        "-hide_banner",
        "-loglevel",
        "error",
        "-y",
        "-f",
        "lavfi",
        "-i",
        "testsrc=duration=" + SECONDS + ":size=320x240:rate=25",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:duration=" + SECONDS,
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-g",
        "25",
        "-keyint_min",
        "25",
        "-sc_threshold",
        "0",
        "-pix_fmt",
        "yuv420p",
        "-c:a",
        "aac",
        "-shortest",
        "-movflags",
        "+faststart",
        video.toString());
    keyframes = new ArrayList<>();
    for (String line :
        run(
                "ffprobe",
                "-v",
                "error",
                "-select_streams",
                "v:0",
                "-show_entries",
                "packet=pos,flags",
                "-of",
                "csv=p=0",
                video.toString())
            .split("\n")) {
      if (line.contains("K")) {
        keyframes.add(Long.parseLong(line.substring(0, line.indexOf(','))));
      }
    }
    assertThat(keyframes).hasSize(SECONDS);
    index = new FfprobeTimeIndexer(Path.of("ffprobe")).index(video);
  }

  @Test
  void samplesAboutOneEntryPerSecond() {
    assertThat(index.size()).isBetween(SECONDS, 2 * SECONDS);
  }

  @Test
  void bytesOfTheMoovAtTheStartMapToNoTime() {
    assertThat(index.seconds(0, keyframes.get(0) - 1)).isEmpty();
  }

  @Test
  void aRangeStartingInTheMoovMapsFromSecondZero() {
    assertThat(index.seconds(0, keyframes.get(0) + 10))
        .hasValueSatisfying(s -> assertThat(s).containsExactly(0, 0));
  }

  @Test
  void aRangeWithinOneGopMapsToThatSecond() {
    assertThat(index.seconds(keyframes.get(4) + 100, keyframes.get(5) - 1))
        .hasValueSatisfying(s -> assertThat(s).containsExactly(4, 4));
  }

  @Test
  void aRangeOverSeveralGopsMapsToTheirSeconds() {
    assertThat(index.seconds(keyframes.get(3), keyframes.get(7) - 1))
        .hasValueSatisfying(s -> assertThat(s).containsExactly(3, 6));
  }

  @Test
  void theWholeFileMapsToEverySecond() throws IOException {
    assertThat(index.seconds(0, Files.size(video) - 1))
        .hasValueSatisfying(s -> assertThat(s).containsExactly(0, SECONDS - 1));
  }

  @Test
  void bytesPastTheLastPacketMapToNoTime() {
    TimeIndex small = new TimeIndex(new long[] {100, 200}, new int[] {0, 1000}, 300);
    assertThat(small.seconds(300, 400)).isEmpty();
    assertThat(small.seconds(250, 400))
        .hasValueSatisfying(s -> assertThat(s).containsExactly(1, 1));
  }

  @Test
  void theStoredFormIsCompactAndReadsBackTheSame() throws IOException {
    byte[] stored = index.toBytes();
    assertThat(stored.length).isLessThan(17 + index.size() * 8);
    TimeIndex read = TimeIndex.read(new ByteArrayInputStream(stored));
    assertThat(read.size()).isEqualTo(index.size());
    assertThat(read.seconds(keyframes.get(2), keyframes.get(3)))
        .hasValueSatisfying(s -> assertThat(s).containsExactly(2, 3));
  }

  @Test
  void somethingElseIsNotReadAsAnIndex() {
    assertThatThrownBy(() ->
            TimeIndex.read(new ByteArrayInputStream("<html>".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IOException.class);
  }

  @Test
  void theIndexKeyLiesNextToTheVideo() {
    assertThat(TimeIndex.keyFor("videos/abc.mp4")).isEqualTo("videos/abc.timeindex");
  }

  @Test
  void packetsWithoutPositionAreSkipped() {
    FfprobeTimeIndexer.Sampler sampler = new FfprobeTimeIndexer.Sampler();
    sampler.accept("pts_time=0.000000|size=10|pos=N/A|flags=K_");
    sampler.accept("pts_time=N/A|dts_time=1.000000|size=10|pos=50|flags=K_");
    TimeIndex built = sampler.toIndex();
    assertThat(built.size()).isEqualTo(1);
    assertThat(built.seconds(50, 55)).hasValueSatisfying(s -> assertThat(s).containsExactly(1, 1));
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(command[0] + " failed: " + out);
    }
    return out;
  }
}
