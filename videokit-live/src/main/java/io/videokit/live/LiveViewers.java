package io.videokit.live;

import io.videokit.core.watch.ClientAddressResolver;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Live viewers per broadcast: distinct viewer keys that fetched the live playlist recently. A key
 * is the {@code viewer} query parameter or cookie when it is a plain token, else a digest of the
 * client address and {@code User-Agent}. Thread-safe; at most {@link #MAX_VIEWERS} keys are kept
 * per broadcast (the stalest are dropped first when pruning is not enough).
 */
final class LiveViewers {

  /** Most viewer keys remembered per broadcast. */
  static final int MAX_VIEWERS = 100_000;

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final ClientAddressResolver addresses;
  private final Map<String, Map<String, Instant>> seen = new ConcurrentHashMap<>();

  LiveViewers(ClientAddressResolver addresses) {
    this.addresses = addresses;
  }

  /** Records a playlist fetch. */
  void fetched(String broadcastId, HttpServletRequest request, Instant now, Duration window) {
    Map<String, Instant> viewers =
        seen.computeIfAbsent(broadcastId, id -> new ConcurrentHashMap<>());
    if (viewers.size() >= MAX_VIEWERS) {
      prune(viewers, now, window);
      if (viewers.size() >= MAX_VIEWERS) {
        viewers.entrySet().stream()
            .min(Map.Entry.comparingByValue())
            .ifPresent(e -> viewers.remove(e.getKey()));
      }
    }
    viewers.put(key(request), now);
  }

  /** The viewers whose last fetch is within the window. */
  int count(String broadcastId, Instant now, Duration window) {
    Map<String, Instant> viewers = seen.get(broadcastId);
    if (viewers == null) {
      return 0;
    }
    prune(viewers, now, window);
    return viewers.size();
  }

  void forget(String broadcastId) {
    seen.remove(broadcastId);
  }

  private static void prune(Map<String, Instant> viewers, Instant now, Duration window) {
    Instant oldest = now.minus(window);
    viewers.values().removeIf(last -> last.isBefore(oldest));
  }

  private String key(HttpServletRequest request) {
    String given = request.getParameter("viewer");
    if (given == null) {
      given = cookie(request);
    }
    if (given != null && TOKEN.matcher(given).matches()) {
      return "v:" + given;
    }
    String address =
        addresses.resolve(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
    String agent = request.getHeader("User-Agent");
    return "a:" + digest(address + "\n" + (agent == null ? "" : agent));
  }

  private static @Nullable String cookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie cookie : cookies) {
        if (cookie.getName().equals("viewer")) {
          return cookie.getValue();
        }
      }
    }
    return null;
  }

  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
