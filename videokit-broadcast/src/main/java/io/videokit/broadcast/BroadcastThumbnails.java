package io.videokit.broadcast;

import io.videokit.live.LiveListener;
import io.videokit.live.LiveTarget;
import io.videokit.live.LiveThumbnails;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broadcast's first thumbnail: when the HLS-over-PUT ingest accepts a broadcast's first segment,
 * its first frame becomes {@code {prefix}thumb.jpg} (by {@link LiveThumbnails}, off the publisher's
 * request) and the broadcast records the key ({@link Broadcast#getThumbnailKey()}), as
 * django-broadcast records {@code thumb.jpg} at start.
 */
public class BroadcastThumbnails implements LiveListener {

  private static final Logger log = LoggerFactory.getLogger(BroadcastThumbnails.class);

  private final LiveThumbnails thumbnails;
  private final Supplier<BroadcastService<?>> broadcasts;
  private final Executor executor;

  /**
   * Creates the listener.
   *
   * @param thumbnails extracts a frame of a stored segment into the media store
   * @param broadcasts the service recording the key (looked up when needed)
   * @param executor runs the extractions
   */
  public BroadcastThumbnails(
      LiveThumbnails thumbnails, Supplier<BroadcastService<?>> broadcasts, Executor executor) {
    this.thumbnails = thumbnails;
    this.broadcasts = broadcasts;
    this.executor = executor;
  }

  @Override
  public void firstSegment(LiveTarget target, String storageKey) {
    executor.execute(() -> {
      try {
        String key = thumbnails.extract(target, storageKey);
        broadcasts.get().recordThumbnail(target.broadcastId(), key);
      } catch (IOException | RuntimeException e) {
        log.warn("no thumbnail for broadcast {}: {}", target.broadcastId(), e.getMessage());
      }
    });
  }
}
