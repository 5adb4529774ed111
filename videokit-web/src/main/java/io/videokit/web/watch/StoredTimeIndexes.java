package io.videokit.web.watch;

import io.videokit.core.media.TimeIndex;
import io.videokit.core.storage.MediaNotFoundException;
import io.videokit.core.storage.MediaObject;
import io.videokit.core.storage.MediaStorage;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads time indexes stored next to video files ({@link TimeIndex#keyFor(String)}), keeping the
 * most recently used few in memory. A missing index is not remembered, so one written by a later
 * processing run is found.
 */
public final class StoredTimeIndexes implements TimeIndexes {

  private static final Logger log = LoggerFactory.getLogger(StoredTimeIndexes.class);

  /** How many indexes stay in memory (each is about 12 bytes per second of video). */
  private static final int CACHED = 64;

  private final MediaStorage storage;
  private final Map<String, TimeIndex> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TimeIndex> eldest) {
          return size() > CACHED;
        }
      };

  /**
   * Creates the lookup.
   *
   * @param storage the media storage holding videos and their indexes
   */
  public StoredTimeIndexes(MediaStorage storage) {
    this.storage = storage;
  }

  @Override
  public Optional<TimeIndex> find(String mediaKey) {
    synchronized (cache) {
      TimeIndex cached = cache.get(mediaKey);
      if (cached != null) {
        return Optional.of(cached);
      }
    }
    TimeIndex index;
    try {
      MediaObject stored = storage.get(TimeIndex.keyFor(mediaKey));
      if (stored.size() == 0) {
        return Optional.empty();
      }
      try (InputStream in = stored.openRange(0, stored.size() - 1)) {
        index = TimeIndex.read(in);
      }
    } catch (MediaNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      log.warn("time index of {} unreadable: {}", mediaKey, e.toString());
      return Optional.empty();
    }
    synchronized (cache) {
      cache.put(mediaKey, index);
    }
    return Optional.of(index);
  }
}
