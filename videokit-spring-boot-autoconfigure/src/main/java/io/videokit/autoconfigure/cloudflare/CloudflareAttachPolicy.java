package io.videokit.autoconfigure.cloudflare;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether the current caller may attach a Cloudflare video (by uid) to an entity, checked
 * before an entity with a new or changed {@code Video} attribute is written. A refusal aborts the
 * flush with {@link CloudflareAttachDeniedException} and so rolls the transaction back.
 *
 * <p>The default: inside an HTTP request, only the principal that created the direct creator upload
 * (recorded by the upload proxy), or staff, may attach its uid; anonymous requests may attach
 * nothing. Outside an HTTP request (background jobs, start-up code) the application's own code is
 * trusted.
 */
@FunctionalInterface
public interface CloudflareAttachPolicy {

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
   * @param record what the upload proxy recorded for the uid, or empty when it never saw it
   * @return true to allow
   */
  boolean mayAttach(String uid, Attacher attacher, Optional<CloudflareVideoRecord> record);

  /**
   * The default policy described above.
   *
   * @return the policy
   */
  static CloudflareAttachPolicy uploaderOrStaff() {
    return (uid, attacher, record) -> {
      if (!attacher.inRequest()) {
        return true;
      }
      if (attacher.name() == null) {
        return false;
      }
      if (attacher.staff()) {
        return true;
      }
      return record.map(r -> attacher.name().equals(r.creator())).orElse(false);
    };
  }
}
