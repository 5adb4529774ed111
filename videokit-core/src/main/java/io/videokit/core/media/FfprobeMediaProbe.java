package io.videokit.core.media;

import io.videokit.core.storage.MediaTypes;
import io.videokit.video.VideoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link MediaProbe} running the {@code ffprobe} executable ({@code -print_format json
 * -show_format -show_streams}).
 *
 * <p>A file is a video only when ffprobe finds moving pictures with a positive duration. ffprobe
 * also opens still images (PNG, JPEG, SVG: one-frame video streams of the {@code image2} or {@code
 * *_pipe} demuxers), animated GIFs, text files (the {@code tty} demuxer), and audio with cover art
 * (a video stream marked {@code attached_pic}); all of them are {@code ERR_NON_VIDEO}, as is a file
 * ffprobe cannot open at all (HTML, text) unless its first bytes show a video container, which is
 * then {@code ERR_MALFORMED_VIDEO}.
 */
public final class FfprobeMediaProbe implements MediaProbe {

  private static final long TIMEOUT_SECONDS = 60;

  /** Codecs ffprobe reports as video streams that are pictures or text, never moving video. */
  private static final Set<String> STILL_OR_TEXT_CODECS =
      Set.of(
          "ansi",
          "apng",
          "bintext",
          "bmp",
          "dpx",
          "exr",
          "gif",
          "hdr",
          "idf",
          "jpeg2000",
          "jpegls",
          "jpegxl",
          "pam",
          "pbm",
          "pcx",
          "pfm",
          "pgm",
          "pgmyuv",
          "phm",
          "photocd",
          "png",
          "ppm",
          "psd",
          "qoi",
          "sgi",
          "sunrast",
          "svg",
          "targa",
          "tiff",
          "txd",
          "webp",
          "xbin",
          "xbm",
          "xpm",
          "xwd");

  /** Demuxers of images and text (besides every {@code *_pipe}). */
  private static final Set<String> IMAGE_OR_TEXT_FORMATS =
      Set.of("image2", "image2pipe", "gif", "apng", "tty", "bin", "xbin", "idf", "adf", "webp");

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
  public Optional<TimeIndex> timeIndex(Path file) throws IOException {
    return Optional.of(new FfprobeTimeIndexer(ffprobe).index(file));
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
      throw unreadable(file);
    }
    JsonNode root = json.readTree(output);
    JsonNode format = root.path("format");
    if (isImageOrTextFormat(format.path("format_name").asString(""))) {
      throw new MediaProbeException(
          VideoErrors.NON_VIDEO, "the file is an image or text, not a video");
    }
    for (JsonNode stream : root.path("streams")) {
      if (!isMovingPicture(stream)) {
        continue;
      }
      double duration = parseDouble(format.path("duration").asString(""));
      if (duration <= 0) {
        duration = parseDouble(stream.path("duration").asString(""));
      }
      if (!(duration > 0)) {
        throw new MediaProbeException(
            VideoErrors.MALFORMED_VIDEO, "the video stream has no duration");
      }
      return new ProbeResult(
          duration,
          stream.path("width").asInt(-1),
          stream.path("height").asInt(-1),
          stream.path("codec_name").asString(""));
    }
    throw new MediaProbeException(VideoErrors.NON_VIDEO, "the file has no video stream");
  }

  /**
   * Whether a stream is moving pictures: a video stream that is not cover art, not a still-image or
   * text codec, and not a single frame.
   */
  private static boolean isMovingPicture(JsonNode stream) {
    if (!"video".equals(stream.path("codec_type").asString(""))
        || stream.path("disposition").path("attached_pic").asInt(0) == 1
        || STILL_OR_TEXT_CODECS.contains(stream.path("codec_name").asString(""))) {
      return false;
    }
    String frames = stream.path("nb_frames").asString("");
    return frames.isEmpty() || parseDouble(frames) < 0 || parseDouble(frames) > 1;
  }

  /**
   * ffprobe's demuxers for single images and text: {@code image2}, every {@code *_pipe} (png_pipe,
   * jpeg_pipe, svg_pipe…), {@code gif}/{@code apng} (animated images, which a {@code <video>}
   * cannot play) and {@code tty} (text files shown as ANSI art).
   */
  private static boolean isImageOrTextFormat(String formatNames) {
    for (String name : formatNames.split(",")) {
      if (name.endsWith("_pipe") || IMAGE_OR_TEXT_FORMATS.contains(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * ffprobe failed: not media at all ({@code ERR_NON_VIDEO}), unless the first bytes say it is a
   * video container, then a broken one ({@code ERR_MALFORMED_VIDEO}).
   */
  private static MediaProbeException unreadable(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(MediaTypes.SNIFF_LENGTH);
    }
    String type = MediaTypes.detect(file.getFileName().toString(), head);
    if (type.startsWith("video/")) {
      return new MediaProbeException(
          VideoErrors.MALFORMED_VIDEO, "the video file could not be decoded");
    }
    return new MediaProbeException(VideoErrors.NON_VIDEO, "the file is not a video");
  }

  private static double parseDouble(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
