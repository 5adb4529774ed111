package io.videokit.web.watch;

import io.videokit.web.ApiProblem;
import io.videokit.web.Caller;
import io.videokit.web.Page;
import io.videokit.web.VideokitEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/watch-sessions}: staff only. */
@RestController
@VideokitEndpoint
public class WatchSessionController {

  private final WatchSessionQuery sessions;
  private final String staffRole;

  /**
   * Creates the controller.
   *
   * @param sessions the query service
   * @param staffRole the role whose holders are staff
   */
  public WatchSessionController(WatchSessionQuery sessions, String staffRole) {
    this.sessions = sessions;
    this.staffRole = staffRole;
  }

  /**
   * Lists watch sessions, most recently started first.
   *
   * @param request the request (principal)
   * @param video only this video uid
   * @param user only this principal name
   * @param from ISO-8601 instant, e.g. {@code 2026-11-21T00:00:00Z}: sessions started at or after
   * @param to ISO-8601 instant: sessions started before
   * @param page zero-based page, default 0
   * @param size page size 1..500, default 50
   * @return {@code {items, page, size, total}}; 401 when anonymous, 403 when not staff
   */
  @GetMapping("/api/watch-sessions")
  public Page<WatchSessionView> list(
      HttpServletRequest request,
      @RequestParam(required = false) @Nullable String video,
      @RequestParam(required = false) @Nullable String user,
      @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    Caller.of(request, staffRole)
        .requireStaff("listing watch sessions", "watch sessions are for staff only");
    Page.check(page, size);
    return sessions.find(video, user, instant("from", from), instant("to", to), page, size);
  }

  private static @Nullable Instant instant(String name, @Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(
          name + " must be an ISO-8601 instant such as 2026-11-21T00:00:00Z");
    }
  }
}
