package io.videokit.video.event;

import io.videokit.video.Video;
import java.util.Objects;

/**
 * The video and its files are gone from the provider.
 *
 * @param video the video as it was then
 */
public record VideoDeletedEvent(Video video) implements VideoLifecycleEvent {

  /** Checks for null. */
  public VideoDeletedEvent {
    Objects.requireNonNull(video, "video");
  }
}
