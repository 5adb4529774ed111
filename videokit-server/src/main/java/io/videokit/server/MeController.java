package io.videokit.server;

import java.security.Principal;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me}: who the web page is logged in as. */
@RestController
public class MeController {

  /**
   * The current principal.
   *
   * @param principal the authenticated principal (the endpoint needs one)
   * @return {@code {name, staff}}
   */
  @GetMapping("/api/me")
  public Map<String, Object> me(Principal principal) {
    boolean staff =
        principal instanceof Authentication authentication
            && authentication.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
    return Map.of("name", principal.getName(), "staff", staff);
  }
}
