package io.videokit.jpa;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether the current caller may attach a video (by uid, of any provider) to an entity,
 * checked before an entity with a new or changed {@code Video} attribute is written. A refusal
 * aborts the flush with {@link VideoAttachDeniedException} and so rolls the transaction back.
 *
 * <p>The default: inside an HTTP request, only the principal that uploaded the video (recorded by
 * the self-hosted provider, or by the Cloudflare creation proxy), or staff, may attach its uid;
 * anonymous requests may attach nothing. Outside an HTTP request (background jobs, start-up code)
 * the application's own code is trusted.
 */
@FunctionalInterface
public interface VideoAttachPolicy {

  /**
   * Who is attaching.
   *
   * @param inRequest whether the write happens while serving an HTTP request
   * @param name the authenticated principal's name, or null
   * @param staff whether the principal holds the staff role
   */
  record Attacher(boolean inRequest, @Nullable String name, boolean staff) {}

  /**
   * Checks one attachment.
   *
   * @param uid the video's uid
   * @param attacher who is attaching
   * @param origin the provider and uploader recorded for the uid, or empty when none recorded it
   * @return true to allow
   */
  boolean mayAttach(String uid, Attacher attacher, Optional<VideoOrigins.Origin> origin);

  /**
   * The default policy described above.
   *
   * @return the policy
   */
  static VideoAttachPolicy uploaderOrStaff() {
    return (uid, attacher, origin) -> {
      if (!attacher.inRequest()) {
        return true;
      }
      if (attacher.name() == null) {
        return false;
      }
      if (attacher.staff()) {
        return true;
      }
      return origin.map(o -> attacher.name().equals(o.uploader())).orElse(false);
    };
  }
}
