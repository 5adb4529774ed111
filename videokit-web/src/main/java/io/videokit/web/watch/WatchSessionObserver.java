package io.videokit.web.watch;

/**
 * Told about watch sessions, for metrics. The default methods do nothing; implementations must be
 * thread-safe and cheap (they run on request threads) and must not throw.
 */
public interface WatchSessionObserver {

  /** An observer that does nothing. */
  WatchSessionObserver NONE = new WatchSessionObserver() {};

  /** A streamed response was added to a watch session (buffered or written). */
  default void recorded() {}

  /** A new watch session was stored. */
  default void started() {}
}
