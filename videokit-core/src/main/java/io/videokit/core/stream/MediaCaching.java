package io.videokit.core.stream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The {@code Cache-Control} values of media answers (RFC 9111), one place for every route that
 * serves stored bytes: range streaming, video files, live playlists, segments and thumbnails.
 *
 * <ul>
 *   <li>bytes that never change under their URL — a ready video's file — are long-lived ({@link
 *       #longLived}) and revalidated with their {@code ETag} / {@code Last-Modified} when they
 *       expire;
 *   <li>files whose name is never reused — HLS segments, a broadcast's thumbnail — are {@link
 *       #immutable} as well;
 *   <li>files that may change under their URL — plain files under the media root, a video still
 *       being processed, a live playlist — are {@link #revalidate}: stored but checked (304) on
 *       every use;
 *   <li>problem answers are {@link #NO_STORE}.
 * </ul>
 *
 * <p>{@code public} (shared caches such as a CDN may keep the answer) only when the answer does not
 * depend on who asks: the route's policy lets anyone have it and the request carries no credentials
 * ({@link #sharedCachesAllowed}); otherwise {@code private}, so that an answer that needed
 * authorization never lands in a shared cache.
 *
 * <p>Set the header before the body is written: Spring Security's {@code CacheControlHeadersWriter}
 * (its default {@code no-cache, no-store, max-age=0, must-revalidate}, {@code Pragma}, {@code
 * Expires}) only writes when the response has no {@code Cache-Control}, {@code Pragma} or {@code
 * Expires} yet and is not a 304, and it writes when the response is committed.
 */
public final class MediaCaching {

  /** The header's name. */
  public static final String HEADER = "Cache-Control";

  /** For problem answers: never stored. */
  public static final String NO_STORE = "no-store";

  /** One year in seconds, the longest lifetime caches are asked to keep (RFC 9111 §5.2.2.1). */
  public static final long ONE_YEAR_SECONDS = 31_536_000;

  private MediaCaching() {}

  /**
   * For bytes whose URL is never reused for other bytes (segments, thumbnails).
   *
   * @param shared whether shared caches may keep the answer
   * @return e.g. {@code public, max-age=31536000, immutable}
   */
  public static String immutable(boolean shared) {
    return longLived(shared) + ", immutable";
  }

  /**
   * For bytes that never change while they are served under their URL (a ready video's file).
   *
   * @param shared whether shared caches may keep the answer
   * @return e.g. {@code private, max-age=31536000}
   */
  public static String longLived(boolean shared) {
    return maxAge(shared, ONE_YEAR_SECONDS);
  }

  /**
   * For bytes that may be kept for a while.
   *
   * @param shared whether shared caches may keep the answer
   * @param seconds how long they are fresh, {@code >= 0}
   * @return e.g. {@code public, max-age=3600}
   */
  public static String maxAge(boolean shared, long seconds) {
    if (seconds < 0) {
      throw new IllegalArgumentException("max-age must be >= 0: " + seconds);
    }
    return scope(shared) + ", max-age=" + seconds;
  }

  /**
   * For bytes that may change under their URL: caches keep them but ask again every time, which the
   * validators ({@code ETag}, {@code Last-Modified}) make a cheap 304.
   *
   * @param shared whether shared caches may keep the answer
   * @return e.g. {@code public, no-cache}
   */
  public static String revalidate(boolean shared) {
    return scope(shared) + ", no-cache";
  }

  /**
   * Whether a request carries no credentials: neither a principal (an authenticated session or HTTP
   * authentication) nor an {@code Authorization} header. Only then may an answer be {@code public}
   * (RFC 9111 §3.5: a shared cache stores an answer to an authorized request only when it says
   * {@code public}).
   *
   * @param request the request
   * @return true if nothing in the request identifies the caller
   */
  public static boolean sharedCachesAllowed(HttpServletRequest request) {
    return request.getUserPrincipal() == null && request.getHeader("Authorization") == null;
  }

  /**
   * Sets the header, replacing any value set before.
   *
   * @param response the response, not yet committed
   * @param value the value
   */
  public static void set(HttpServletResponse response, String value) {
    response.setHeader(HEADER, value);
  }

  private static String scope(boolean shared) {
    return shared ? "public" : "private";
  }
}
