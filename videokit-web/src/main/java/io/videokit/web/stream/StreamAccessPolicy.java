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
   * Whether answers for a target this policy allowed may be kept by shared caches (a CDN, a proxy:
   * {@code Cache-Control: public}) when the request carries no credentials. Say true only when the
   * policy lets anyone stream the target, whoever and wherever they are; the streaming service
   * answers {@code private} otherwise, and always for requests with credentials. The default is
   * false: a policy that checks something about the caller must not have its answers handed to
   * others by a cache.
   *
   * @param target the file and its video, if any
   * @return true if a shared cache may keep the answer
   */
  default boolean publiclyCacheable(StreamTarget target) {
    return false;
  }

  /**
   * The default policy.
   *
   * @return ready videos and plain files for anyone (publicly cacheable), other videos for their
   *     creator and staff
   */
  static StreamAccessPolicy readyVideosForEveryone() {
    return new ReadyVideosForEveryone();
  }
}
