package io.videokit.web.watch;

/**
 * Records streamed responses as watch sessions. Declare a bean of this type to store them
 * elsewhere.
 *
 * <p>The contract an implementation must keep:
 *
 * <ul>
 *   <li><b>Called after the answer, from several threads at once.</b> {@link #record} runs once per
 *       streamed response, once its body was sent or the client went away: on the request's thread
 *       for copied answers, on videokit's own reporting thread for sendfile transfers whose bytes
 *       the connector reported back (decision 12). It must be thread-safe.
 *   <li><b>Never block for long.</b> On the request's thread, the time {@code record} takes delays
 *       that connection's next request; on the reporting thread it delays every other reported
 *       transfer's record. An implementation that writes to a database or a remote service should
 *       buffer and write in the background, as {@link JpaWatchSessionRecorder} does with a positive
 *       flush interval ({@code videokit.watch.flush-interval}, 2 s by default). Its zero interval
 *       writes each response at once, on the calling thread: keep that for tests and in-memory
 *       databases.
 *   <li><b>Failures stay inside.</b> A {@link RuntimeException} thrown by {@code record} is logged
 *       at WARN in one line and dropped; it never reaches the viewer, whose bytes are already sent.
 * </ul>
 */
@FunctionalInterface
public interface WatchSessionRecorder {

  /**
   * Adds a response to the viewer's current session for that file, or starts a new one. See the
   * type's contract: thread-safe, quick, failures dropped.
   *
   * @param event the response: its media key, viewer, bytes sent and first byte, and when it was
   *     answered (UTC)
   */
  void record(WatchEvent event);
}
