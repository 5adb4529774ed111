package io.videokit.video.event;

import io.videokit.video.Video;

/**
 * A video's lifecycle step. Listen with {@code @EventListener} (or
 * {@code @TransactionalEventListener}) for one of the four kinds, or for this interface to get them
 * all.
 */
public sealed interface VideoLifecycleEvent
    permits VideoUploadedEvent, VideoReadyEvent, VideoFailedEvent, VideoDeletedEvent {

  /**
   * The video as it was when the event happened.
   *
   * @return the document, its {@code provider} set
   */
  Video video();
}
