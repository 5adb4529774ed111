package io.videokit.local;

import java.time.Duration;

/**
 * Told about every processed video, for metrics. The default method does nothing; implementations
 * must be thread-safe and must not throw.
 */
public interface ProcessingObserver {

  /** An observer that does nothing. */
  ProcessingObserver NONE = new ProcessingObserver() {};

  /**
   * A video was processed and moved to a terminal state.
   *
   * @param ready true when it became {@code ready}, false for {@code error}
   * @param took how long probing and updating took
   */
  default void processed(boolean ready, Duration took) {}
}
