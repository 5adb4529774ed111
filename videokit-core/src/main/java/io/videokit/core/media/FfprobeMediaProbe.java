package io.videokit.core.media;

import io.videokit.core.video.VideoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link MediaProbe} running the {@code ffprobe} executable ({@code -print_format json
 * -show_format -show_streams}).
 */
public final class FfprobeMediaProbe implements MediaProbe {

  private static final long TIMEOUT_SECONDS = 60;

  private final Path ffprobe;
  private final JsonMapper json = JsonMapper.builder().build();

  /**
   * Creates the probe.
   *
   * @param ffprobe path of the {@code ffprobe} executable
   */
  public FfprobeMediaProbe(Path ffprobe) {
    this.ffprobe = ffprobe;
  }

  @Override
  public ProbeResult probe(Path file) throws MediaProbeException, IOException {
    Process process =
        new ProcessBuilder(
                List.of(
                    ffprobe.toString(),
                    "-v",
                    "error",
                    "-print_format",
                    "json",
                    "-show_format",
                    "-show_streams",
                    file.toString()))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] output;
    try (InputStream in = process.getInputStream()) {
      output = in.readAllBytes();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("ffprobe did not finish within " + TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while probing", e);
    }
    if (process.exitValue() != 0) {
      throw new MediaProbeException(
          VideoErrors.MALFORMED_VIDEO, "the file could not be decoded as media");
    }
    JsonNode root = json.readTree(output);
    for (JsonNode stream : root.path("streams")) {
      if ("video".equals(stream.path("codec_type").asString(""))
          && !"mjpeg".equals(stream.path("codec_name").asString(""))) {
        double duration = parseDouble(root.path("format").path("duration").asString(""));
        if (duration < 0) {
          duration = parseDouble(stream.path("duration").asString(""));
        }
        return new ProbeResult(
            duration,
            stream.path("width").asInt(-1),
            stream.path("height").asInt(-1),
            stream.path("codec_name").asString(""));
      }
    }
    throw new MediaProbeException(VideoErrors.NON_VIDEO, "the file has no video stream");
  }

  private static double parseDouble(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
