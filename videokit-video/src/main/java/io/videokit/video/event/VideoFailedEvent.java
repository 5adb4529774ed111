package io.videokit.video.event;

import io.videokit.video.Video;
import java.util.Objects;

/**
 * Processing ended without a playable video; the status holds the error code and text.
 *
 * @param video the video as it was then
 */
public record VideoFailedEvent(Video video) implements VideoLifecycleEvent {

  /** Checks for null. */
  public VideoFailedEvent {
    Objects.requireNonNull(video, "video");
  }
}
