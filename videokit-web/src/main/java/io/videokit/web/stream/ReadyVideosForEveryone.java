package io.videokit.web.stream;

import io.videokit.video.Video;
import io.videokit.web.Caller;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The default {@link StreamAccessPolicy}: ready videos and plain files for anyone, and so publicly
 * cacheable; other videos for their creator and staff only.
 */
final class ReadyVideosForEveryone implements StreamAccessPolicy {

  /** Creates the policy. */
  ReadyVideosForEveryone() {}

  @Override
  public boolean mayStream(StreamTarget target, Caller caller, HttpServletRequest request) {
    Video video = target.video();
    return video == null || video.readyToStream() || caller.mayManage(video.creator());
  }

  @Override
  public boolean publiclyCacheable(StreamTarget target) {
    Video video = target.video();
    return video == null || video.readyToStream();
  }
}
