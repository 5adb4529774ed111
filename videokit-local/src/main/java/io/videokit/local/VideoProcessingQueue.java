package io.videokit.local;

/** Queues a video for processing (probe, then {@code ready} or {@code error}). */
@FunctionalInterface
public interface VideoProcessingQueue {

  /**
   * Queues processing; calling it twice for the same video queues it once.
   *
   * @param uid the video's uid
   */
  void enqueue(String uid);
}
