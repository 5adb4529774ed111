package io.videokit.web.stream;

import io.videokit.web.Caller;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Decides who may stream what (django-sage-streaming's permission classes). Declare a bean of this
 * type to replace the default, which lets anyone stream a ready video or a plain file under the
 * media root, and lets only the creator and staff stream a video that is not ready yet.
 */
@FunctionalInterface
public interface StreamAccessPolicy {

  /**
   * Whether the caller may stream the target.
   *
   * @param target the file and its video, if any
   * @param caller the principal (possibly anonymous) and its staff flag
   * @param request the request, for anything else (headers, address)
   * @return true to serve it; false answers 403
   */
  boolean mayStream(StreamTarget target, Caller caller, HttpServletRequest request);

  /**
   * The default policy.
   *
   * @return ready videos and plain files for anyone, other videos for their creator and staff
   */
  static StreamAccessPolicy readyVideosForEveryone() {
    return (target, caller, request) ->
        target.video() == null
            || target.video().readyToStream()
            || caller.mayManage(target.video().creator());
  }
}
