package io.videokit.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real H.264 MP4 files made by the ffmpeg executable, for tests. */
final class TestVideos {

  private TestVideos() {}

  /**
   * Encodes a test pattern with ffmpeg ({@code libx264}, {@code +faststart}).
   *
   * @param target output file
   * @param seconds duration
   * @param width width in pixels
   * @param height height in pixels
   * @return the file
   */
  static Path mp4(Path target, int seconds, int width, int height)
      throws IOException, InterruptedException {
    return mp4(target, seconds, width, height, List.of());
  }

  /**
   * Encodes a test pattern as {@link #mp4(Path, int, int, int)} does, with a keyframe every second
   * exactly (25 frames, no scene-cut keyframes): one GOP per second, for the watch heatmap.
   *
   * @param target output file
   * @param seconds duration
   * @param width width in pixels
   * @param height height in pixels
   * @return the file
   */
  static Path mp4WithOneSecondGops(Path target, int seconds, int width, int height)
      throws IOException, InterruptedException {
    return mp4(
        target,
        seconds,
        width,
        height,
        List.of("-g", "25", "-keyint_min", "25", "-sc_threshold", "0"));
  }

  /**
   * Encodes a noisy test pattern at a constant bitrate with one GOP per second: a noise filter
   * keeps the encoder from compressing it below the bitrate, so every second has about the same
   * bytes.
   *
   * @param target output file
   * @param seconds duration
   * @param width width in pixels
   * @param height height in pixels
   * @param kbps video bitrate in kbit/s
   * @return the file
   */
  static Path noisyMp4WithOneSecondGops(Path target, int seconds, int width, int height, int kbps)
      throws IOException, InterruptedException {
    return mp4(
        target,
        seconds,
        width,
        height,
        List.of(
            "-vf",
            "noise=alls=40:allf=t",
            "-g",
            "25",
            "-keyint_min",
            "25",
            "-sc_threshold",
            "0",
            "-b:v",
            kbps + "k",
            "-maxrate",
            kbps + "k",
            "-bufsize",
            (kbps / 2) + "k"));
  }

  /**
   * The keyframes' byte offsets in a file, in file order (ffprobe's packet positions).
   *
   * @param file the video
   * @return offsets of the video stream's keyframe packets
   */
  static List<Long> keyframeOffsets(Path file) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                List.of(
                    "ffprobe",
                    "-v",
                    "error",
                    "-select_streams",
                    "v:0",
                    "-show_entries",
                    "packet=pos,flags",
                    "-of",
                    "csv=p=0",
                    file.toString()))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("ffprobe failed: " + output);
    }
    List<Long> offsets = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.contains("K")) {
        offsets.add(Long.parseLong(line.substring(0, line.indexOf(','))));
      }
    }
    return offsets;
  }

  private static Path mp4(Path target, int seconds, int width, int height, List<String> gop)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "ffmpeg",
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc=duration=" + seconds + ":size=" + width + "x" + height + ":rate=25",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=" + seconds,
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast"));
    command.addAll(gop);
    command.addAll(
        List.of(
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-shortest",
            "-movflags",
            "+faststart",
            target.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("ffmpeg failed (is it installed? .ci/run installs it): " + output);
    }
    return target;
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return sha256(in.readAllBytes());
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
