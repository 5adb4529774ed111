package io.videokit.live;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What the handler remembers of one broadcast between requests: the lock that orders its writes,
 * the current publisher session (its directory and the playlist it last had accepted), the
 * recording of every accepted segment, the segments being received and the last accepted PUT.
 */
final class BroadcastState {

  /** Held while a broadcast's stored files are checked and replaced. */
  final Object lock = new Object();

  /**
   * The current publisher session's last accepted playlist, under {@link #lock}; null before its
   * first (a new session starts with none).
   */
  @Nullable MediaPlaylist playlist;

  /** Whether the fields below {@link #lock} reflect the storage (read once per broadcast). */
  boolean loaded;

  /** The current session's directory number ({@link SessionKeys}). */
  int directory;

  /** Whether the next accepted playlist starts a new publisher session (a discontinuity). */
  boolean newSession;

  /** Every accepted segment; loaded with the rest. */
  LiveRecording recording = new LiveRecording();

  /** Whether the first segment was reported to the listener. */
  boolean firstReported;

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

  /**
   * Waits, up to {@code grace}, until none of the names is being received, so that a playlist is
   * judged after the segments it names (a restarted publisher's first segment starts its session).
   */
  void awaitReceived(List<String> names, Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    while (names.stream().anyMatch(this::receiving) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Whether a segment is stored (the caller's check) or being received. */
  interface Presence {
    boolean stored(String name) throws IOException;
  }

  /**
   * Waits, up to {@code grace}, until every name is stored or being received. A publisher such as
   * ffmpeg sends a segment and the playlist naming it on two connections at once, without waiting
   * for the segment's answer, so the playlist's request may be dispatched first. Call without
   * holding {@link #lock} (storing a segment needs it).
   */
  void awaitSegments(List<String> names, Presence presence, Duration grace) throws IOException {
    long deadline = System.nanoTime() + grace.toNanos();
    for (String name : names) {
      while (!receiving(name) && !presence.stored(name) && System.nanoTime() < deadline) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  void touch(Instant now) {
    lastActivity = now;
  }

  @Nullable Instant lastActivity() {
    return lastActivity;
  }
}
