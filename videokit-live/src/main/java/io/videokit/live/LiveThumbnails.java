package io.videokit.live;

import io.videokit.core.storage.MediaNotFoundException;
import io.videokit.core.storage.MediaObject;
import io.videokit.core.storage.MediaStorage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LiveListener} writing a broadcast's first thumbnail: on its first segment, ffmpeg
 * extracts one frame as JPEG into {@code <storagePrefix>}{@value HlsPutHandler#THUMBNAIL_NAME},
 * which the handler serves with {@code image/jpeg}. The extraction runs on the given executor,
 * never on the publisher's request; a failure is logged and leaves no thumbnail.
 */
public final class LiveThumbnails implements LiveListener {

  private static final long TIMEOUT_SECONDS = 30;

  private static final Logger log = LoggerFactory.getLogger(LiveThumbnails.class);

  private final MediaStorage storage;
  private final Path ffmpeg;
  private final Path tempDirectory;
  private final Executor executor;

  /**
   * Creates the listener.
   *
   * @param storage the media storage the handler writes to
   * @param ffmpeg the {@code ffmpeg} executable (see {@link #discoverFfmpeg()})
   * @param tempDirectory where the segment and the image are prepared
   * @param executor runs the extractions
   */
  public LiveThumbnails(MediaStorage storage, Path ffmpeg, Path tempDirectory, Executor executor) {
    this.storage = storage;
    this.ffmpeg = ffmpeg;
    this.tempDirectory = tempDirectory;
    this.executor = executor;
  }

  /**
   * Looks for ffmpeg as the core's ffprobe discovery does: the executable bundled in {@code
   * org.bytedeco:ffmpeg} when that is on the class path, else {@code ffmpeg} on the {@code PATH}.
   *
   * @return the executable, or null if there is none
   */
  public static @Nullable Path discoverFfmpeg() {
    try {
      Class<?> loader = Class.forName("org.bytedeco.javacpp.Loader");
      Class<?> bundled = Class.forName("org.bytedeco.ffmpeg.ffmpeg");
      Object path = loader.getMethod("load", Class.class).invoke(null, bundled);
      if (path != null) {
        return Path.of(path.toString());
      }
    } catch (ReflectiveOperationException | LinkageError e) {
      log.debug("bytedeco ffmpeg not available: {}", e.toString());
    }
    String pathVariable = System.getenv("PATH");
    if (pathVariable != null) {
      for (String dir : pathVariable.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, "ffmpeg");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  @Override
  public void firstSegment(LiveTarget target, String storageKey) {
    executor.execute(() -> {
      try {
        extract(target, storageKey);
      } catch (IOException e) {
        log.warn("no thumbnail for broadcast {}: {}", target.broadcastId(), e.getMessage());
      }
    });
  }

  /**
   * Extracts the first frame of a stored segment into the broadcast's thumbnail, now.
   *
   * @param target the broadcast
   * @param segmentKey the media storage key of a segment
   * @return the thumbnail's storage key
   * @throws IOException if the segment cannot be read, ffmpeg fails or the image cannot be stored
   */
  public String extract(LiveTarget target, String segmentKey) throws IOException {
    Files.createDirectories(tempDirectory);
    Path segment = Files.createTempFile(tempDirectory, ".live-thumb-", ".ts");
    Path image = Files.createTempFile(tempDirectory, ".live-thumb-", ".jpg");
    try {
      MediaObject object = storage.get(segmentKey);
      try (InputStream in = object.openRange(0, Math.max(0, object.size() - 1))) {
        Files.copy(in, segment, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      Process process =
          new ProcessBuilder(
                  ffmpeg.toString(),
                  "-hide_banner",
                  "-nostdin",
                  "-loglevel",
                  "error",
                  "-y",
                  "-i",
                  segment.toString(),
                  "-frames:v",
                  "1",
                  "-q:v",
                  "3",
                  "-f",
                  "image2",
                  image.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("ffmpeg took over " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0 || Files.size(image) == 0) {
        throw new IOException("ffmpeg found no picture (exit " + process.exitValue() + ")");
      }
      String key = target.key(HlsPutHandler.THUMBNAIL_NAME);
      storage.put(key, image);
      log.info("wrote the thumbnail of broadcast {}", target.broadcastId());
      return key;
    } catch (MediaNotFoundException e) {
      throw new IOException("segment " + segmentKey + " is not stored", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(segment);
      Files.deleteIfExists(image);
    }
  }
}
