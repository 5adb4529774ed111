package io.videokit.web.watch;

/**
 * Records streamed responses as watch sessions. Declare a bean of this type to store them
 * elsewhere.
 */
@FunctionalInterface
public interface WatchSessionRecorder {

  /**
   * Adds a response to the viewer's current session for that file, or starts a new one.
   *
   * @param event the response
   */
  void record(WatchEvent event);
}
