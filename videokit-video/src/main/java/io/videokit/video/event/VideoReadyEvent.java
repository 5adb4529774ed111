package io.videokit.video.event;

import io.videokit.video.Video;
import java.util.Objects;

/**
 * Processing ended and the video is playable.
 *
 * @param video the video as it was then
 */
public record VideoReadyEvent(Video video) implements VideoLifecycleEvent {

  /** Checks for null. */
  public VideoReadyEvent {
    Objects.requireNonNull(video, "video");
  }
}
