package io.videokit.core.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds a {@link TimeIndex} from ffprobe's packet list of the first video stream ({@code
 * -select_streams v:0 -show_entries packet=pts_time,dts_time,pos,size,flags}), read line by line as
 * ffprobe writes it: neither the video nor the full packet list is ever held in memory, only the
 * sampled entries (every keyframe and the first packet of every second).
 */
public final class FfprobeTimeIndexer {

  private static final long TIMEOUT_SECONDS = 600;

  private final Path ffprobe;

  /**
   * Creates the indexer.
   *
   * @param ffprobe path of the {@code ffprobe} executable
   */
  public FfprobeTimeIndexer(Path ffprobe) {
    this.ffprobe = ffprobe;
  }

  /**
   * Indexes a local video file.
   *
   * @param file the file
   * @return the index (empty when the file has no video packets with positions)
   * @throws IOException if ffprobe cannot run, fails or takes too long
   */
  public TimeIndex index(Path file) throws IOException {
    Process process =
        new ProcessBuilder(
                List.of(
                    ffprobe.toString(),
                    "-v",
                    "error",
                    "-select_streams",
                    "v:0",
                    "-show_entries",
                    "packet=pts_time,dts_time,pos,size,flags",
                    "-of",
                    "compact=p=0",
                    file.toString()))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Sampler sampler = new Sampler();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
      String line;
      while ((line = lines.readLine()) != null) {
        sampler.accept(line);
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("ffprobe did not list packets within " + TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while indexing", e);
    }
    if (process.exitValue() != 0) {
      throw new IOException("ffprobe could not list the packets of " + file.getFileName());
    }
    return sampler.toIndex();
  }

  /** Keeps keyframes and the first packet of each new second, in file order. */
  static final class Sampler {
    private long[] positions = new long[256];
    private int[] millis = new int[256];
    private int count;
    private long end;

    void accept(String line) {
      String pts = null;
      String dts = null;
      long pos = -1;
      long size = 0;
      boolean key = false;
      for (String field : line.split("\\|")) {
        int eq = field.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String name = field.substring(0, eq);
        String value = field.substring(eq + 1);
        switch (name) {
          case "pts_time" -> pts = value;
          case "dts_time" -> dts = value;
          case "pos" -> pos = parseLong(value);
          case "size" -> size = Math.max(0, parseLong(value));
          case "flags" -> key = value.startsWith("K");
          default -> {}
        }
      }
      double seconds = parseSeconds(pts);
      if (Double.isNaN(seconds)) {
        seconds = parseSeconds(dts);
      }
      if (pos < 0 || Double.isNaN(seconds) || (count > 0 && pos < positions[count - 1])) {
        return;
      }
      end = Math.max(end, pos + size);
      int ms = (int) Math.max(0, Math.min(Integer.MAX_VALUE, Math.round(seconds * 1000)));
      if (count > 0 && !key && ms / 1000 == millis[count - 1] / 1000) {
        return;
      }
      if (count == positions.length) {
        positions = Arrays.copyOf(positions, count * 2);
        millis = Arrays.copyOf(millis, count * 2);
      }
      positions[count] = pos;
      millis[count] = ms;
      count++;
    }

    TimeIndex toIndex() {
      return new TimeIndex(
          Arrays.copyOf(positions, count), Arrays.copyOf(millis, count), count == 0 ? 0 : end);
    }

    private static long parseLong(String value) {
      try {
        return Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    private static double parseSeconds(String value) {
      if (value == null) {
        return Double.NaN;
      }
      try {
        return Double.parseDouble(value.trim());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
  }
}
