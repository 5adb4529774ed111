package io.videokit.video.event;

import io.videokit.video.Video;
import java.util.Objects;

/**
 * Its bytes all arrived at the provider; processing follows.
 *
 * @param video the video as it was then
 */
public record VideoUploadedEvent(Video video) implements VideoLifecycleEvent {

  /** Checks for null. */
  public VideoUploadedEvent {
    Objects.requireNonNull(video, "video");
  }
}
