package io.videokit.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
    Process process =
        new ProcessBuilder(
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
                    "ultrafast",
                    "-pix_fmt",
                    "yuv420p",
                    "-c:a",
                    "aac",
                    "-shortest",
                    "-movflags",
                    "+faststart",
                    target.toString()))
            .redirectErrorStream(true)
            .start();
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
