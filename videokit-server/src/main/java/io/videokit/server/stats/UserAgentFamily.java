package io.videokit.server.stats;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The browser family of a {@code User-Agent}: a small mapping of well-known product tokens, not a
 * full parser. The order matters: Edge and Opera also say {@code Chrome/}, Chrome also says {@code
 * Safari/}.
 */
public final class UserAgentFamily {

  /** The families the staff charts show, "other" last. */
  public static final List<String> FAMILIES =
      List.of("Chrome", "Firefox", "Safari", "Edge", "curl", "other");

  private UserAgentFamily() {}

  /**
   * The family of a user agent.
   *
   * @param userAgent the header's value, or null when none was sent
   * @return one of {@link #FAMILIES}
   */
  public static String of(@Nullable String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return "other";
    }
    String ua = userAgent.toLowerCase(Locale.ROOT);
    if (ua.startsWith("curl/")) {
      return "curl";
    }
    if (ua.contains("edg/")
        || ua.contains("edge/")
        || ua.contains("edga/")
        || ua.contains("edgios/")) {
      return "Edge";
    }
    if (ua.contains("opr/") || ua.contains("opera")) {
      return "other";
    }
    if (ua.contains("firefox/") || ua.contains("fxios/")) {
      return "Firefox";
    }
    if (ua.contains("chrome/") || ua.contains("crios/") || ua.contains("chromium/")) {
      return "Chrome";
    }
    if (ua.contains("safari/") && ua.contains("version/")) {
      return "Safari";
    }
    return "other";
  }
}
