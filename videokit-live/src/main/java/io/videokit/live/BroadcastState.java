package io.videokit.live;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What the handler remembers of one broadcast between requests: the lock that orders its writes,
 * the playlist last accepted, the segments being received and the last accepted PUT.
 */
final class BroadcastState {

  /** Held while a broadcast's stored files are checked and replaced. */
  final Object lock = new Object();

  /** The stored playlist as last read or written under {@link #lock}; null until loaded. */
  @Nullable MediaPlaylist playlist;

  /** Whether {@link #playlist} reflects the storage (it may be null: none stored yet). */
  boolean loaded;

  /** Segment names with a PUT in progress, counted (two PUTs of one name may overlap). */
  private final Map<String, Integer> receiving = new ConcurrentHashMap<>();

  private volatile @Nullable Instant lastActivity;

  void startReceiving(String name) {
    receiving.merge(name, 1, Integer::sum);
  }

  void stopReceiving(String name) {
    receiving.computeIfPresent(name, (key, count) -> count == 1 ? null : count - 1);
  }

  boolean receiving(String name) {
    return receiving.containsKey(name);
  }

  void touch(Instant now) {
    lastActivity = now;
  }

  @Nullable Instant lastActivity() {
    return lastActivity;
  }
}
