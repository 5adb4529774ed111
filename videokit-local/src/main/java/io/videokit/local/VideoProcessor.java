package io.videokit.local;

import io.videokit.core.media.MediaProbe;
import io.videokit.core.media.MediaProbeException;
import io.videokit.core.media.ProbeResult;
import io.videokit.core.media.TimeIndex;
import io.videokit.core.storage.MediaNotFoundException;
import io.videokit.core.storage.MediaObject;
import io.videokit.core.storage.MediaStorage;
import io.videokit.video.Video;
import io.videokit.video.VideoErrors;
import io.videokit.video.VideoInput;
import io.videokit.video.event.VideoFailedEvent;
import io.videokit.video.event.VideoReadyEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Processes an uploaded video: probes its file (duration, dimensions) and moves it to {@code
 * ready}, or to {@code error} with a Cloudflare-style reason code when it is not a decodable video.
 * Without a probe, videos become ready with unknown duration.
 *
 * <p>A ready video also gets its {@link TimeIndex} (byte offsets to presentation times, for watch
 * heatmaps) stored next to its file at {@link TimeIndex#keyFor(String)}; a video whose index cannot
 * be built still becomes ready, only without a heatmap.
 */
public class VideoProcessor {

  private static final Logger log = LoggerFactory.getLogger(VideoProcessor.class);

  private final VideoService videos;
  private final MediaStorage storage;
  private final @Nullable MediaProbe probe;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private volatile ProcessingObserver observer = ProcessingObserver.NONE;

  /**
   * Creates the processor.
   *
   * @param videos reads and updates videos
   * @param storage where the files are
   * @param probe the media probe, or null for none
   * @param events where {@link VideoReadyEvent} and {@link VideoFailedEvent} go
   * @param clock the clock (UTC)
   */
  public VideoProcessor(
      VideoService videos,
      MediaStorage storage,
      @Nullable MediaProbe probe,
      ApplicationEventPublisher events,
      Clock clock) {
    this.clock = clock;
    this.videos = videos;
    this.storage = storage;
    this.probe = probe;
    this.events = events;
  }

  /**
   * Sets who is told about each processed video (metrics); {@link ProcessingObserver#NONE} by
   * default.
   *
   * @param observer the observer
   */
  public void setObserver(ProcessingObserver observer) {
    this.observer = java.util.Objects.requireNonNull(observer);
  }

  /**
   * Processes one video; does nothing if it is gone or already processed.
   *
   * @param uid the video's uid
   * @throws IOException if the probe could not run (the job is retried)
   */
  public void process(String uid) throws IOException {
    Optional<VideoEntity> found = videos.find(uid);
    if (found.isEmpty() || found.get().getDocument().isTerminal()) {
      return;
    }
    VideoEntity entity = found.get();
    long started = System.nanoTime();
    Video processed;
    try {
      processed = probe(entity);
    } catch (MediaProbeException e) {
      processed = entity.getDocument().failed(e.errorCode(), e.getMessage(), clock.instant());
    }
    Video result = processed;
    Optional<Video> updated =
        videos
            .update(uid, current -> current.isTerminal() ? current : result)
            .filter(v -> v.equals(result));
    if (updated.isEmpty()) {
      return;
    }
    Video v = updated.get();
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    observer.processed(v.readyToStream(), took);
    if (v.readyToStream()) {
      log.atInfo()
          .setMessage("video {} processed")
          .addArgument(uid)
          .addKeyValue("uid", uid)
          .addKeyValue("user", entity.getCreator())
          .addKeyValue("bytes", v.size())
          .addKeyValue("duration_ms", took.toMillis())
          .log();
    } else {
      log.atInfo()
          .setMessage("video {} is not playable: {}")
          .addArgument(uid)
          .addArgument(v.status().errorReasonText())
          .addKeyValue("uid", uid)
          .addKeyValue("user", entity.getCreator())
          .addKeyValue("error", v.status().errorReasonCode())
          .addKeyValue("duration_ms", took.toMillis())
          .log();
    }
    Video named = v.withProvider(VideoService.PROVIDER);
    events.publishEvent(
        v.readyToStream() ? new VideoReadyEvent(named) : new VideoFailedEvent(named));
  }

  private Video probe(VideoEntity entity) throws MediaProbeException, IOException {
    Video video = entity.getDocument();
    if (probe == null) {
      return video.ready(-1, VideoInput.UNKNOWN, clock.instant());
    }
    MediaObject object;
    try {
      object = storage.get(entity.getStorageKey());
    } catch (MediaNotFoundException e) {
      throw new MediaProbeException(VideoErrors.UNKNOWN, "the video's file is missing");
    }
    Optional<Path> file = object.localFile();
    if (file.isEmpty()) {
      return video.ready(-1, VideoInput.UNKNOWN, clock.instant());
    }
    ProbeResult result = probe.probe(file.get());
    storeTimeIndex(entity, file.get());
    return video.ready(
        result.durationSeconds(), new VideoInput(result.width(), result.height()), clock.instant());
  }

  private void storeTimeIndex(VideoEntity entity, Path file) {
    MediaProbe indexer = probe;
    if (indexer == null) {
      return;
    }
    try {
      Optional<TimeIndex> index = indexer.timeIndex(file);
      if (index.isPresent()) {
        storage.put(
            TimeIndex.keyFor(entity.getStorageKey()),
            new ByteArrayInputStream(index.get().toBytes()));
      }
    } catch (IOException | MediaNotFoundException | RuntimeException e) {
      log.warn(
          "video {}: no watch heatmap, its time index failed: {}", entity.getUid(), e.toString());
    }
  }
}
