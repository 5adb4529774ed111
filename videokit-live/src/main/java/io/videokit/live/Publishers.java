package io.videokit.live;

import io.videokit.core.http.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Publisher authentication: {@code Authorization: Bearer <secret>} checked by {@link LiveTargets}.
 */
final class Publishers {

  private Publishers() {}

  /**
   * The publisher's target: 401 without a bearer secret or with a wrong or revoked one (RFC 6750
   * §3.1 {@code invalid_token}), 404 for an unknown broadcast.
   */
  static LiveTarget authorize(LiveTargets targets, HttpServletRequest request, String id)
      throws LiveException {
    String header = request.getHeader("Authorization");
    if (header == null
        || header.length() <= 7
        || !header.regionMatches(true, 0, "Bearer ", 0, 7)
        || header.substring(7).isBlank()) {
      throw new LiveException(
          ProblemType.UNAUTHENTICATED, "publishing needs Authorization: Bearer <secret>");
    }
    Optional<LiveTarget> target = targets.authorizePublisher(id, header.substring(7).strip());
    if (target.isPresent()) {
      return target.get();
    }
    if (targets.forViewer(id).isEmpty()) {
      throw HlsPutHandler.notFound();
    }
    throw new LiveException(
        ProblemType.UNAUTHENTICATED,
        "the secret does not publish this broadcast (wrong, replaced, or the broadcast stopped)");
  }
}
