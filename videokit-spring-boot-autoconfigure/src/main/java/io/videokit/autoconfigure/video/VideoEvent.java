package io.videokit.autoconfigure.video;

import io.videokit.core.video.Video;

/**
 * Published (as a Spring application event) when a video changes, after the change is committed.
 *
 * @param kind what happened
 * @param video the video after the change (before it, for {@link Kind#DELETED})
 */
public record VideoEvent(Kind kind, Video video) {

  /** What happened to the video. */
  public enum Kind {
    /** Its bytes arrived; processing is queued. */
    UPLOADED,
    /** Processing ended: {@code ready} or {@code error}. */
    PROCESSED,
    /** It was deleted. */
    DELETED
  }
}
