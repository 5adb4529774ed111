package io.videokit.cloudflare;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a signed playback token allows ({@code POST …/stream/{identifier}/token}, or the claims of a
 * self-signed token).
 *
 * @param expiresAt when the token stops working (UTC); Cloudflare's default is one hour
 * @param notBefore when it starts working, or null for now
 * @param downloadable whether the token also allows the MP4 download
 * @param accessRules Cloudflare access rules (e.g. {@code {"type":"ip.geoip.country","action":
 *     "allow","country":["GB"]}}), possibly empty
 */
public record TokenRequest(
    Instant expiresAt,
    @Nullable Instant notBefore,
    boolean downloadable,
    List<Map<String, Object>> accessRules) {

  /** Copies the rules. */
  public TokenRequest {
    accessRules = accessRules == null ? List.of() : List.copyOf(accessRules);
  }

  /**
   * A token valid from now until {@code expiresAt}, without download or access rules.
   *
   * @param expiresAt the expiry (UTC)
   * @return the request
   */
  public static TokenRequest until(Instant expiresAt) {
    return new TokenRequest(expiresAt, null, false, List.of());
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("exp", expiresAt.getEpochSecond());
    if (notBefore != null) {
      json.put("nbf", notBefore.getEpochSecond());
    }
    if (downloadable) {
      json.put("downloadable", true);
    }
    if (!accessRules.isEmpty()) {
      json.put("accessRules", accessRules);
    }
    return json;
  }
}
