package io.videokit.core.range;

import org.jspecify.annotations.Nullable;

/**
 * The request fields that decide a range response: the method and the raw values of {@code Range}
 * and of the conditional headers (RFC 9110 §13.1, §14.2). Any field may be null when the header is
 * absent.
 *
 * @param method the request method, e.g. {@code GET} or {@code HEAD}
 * @param range the {@code Range} value
 * @param ifRange the {@code If-Range} value (an entity tag or an HTTP date)
 * @param ifMatch the {@code If-Match} value
 * @param ifNoneMatch the {@code If-None-Match} value
 * @param ifModifiedSince the {@code If-Modified-Since} value (HTTP date)
 * @param ifUnmodifiedSince the {@code If-Unmodified-Since} value (HTTP date)
 */
public record RangeRequest(
    String method,
    @Nullable String range,
    @Nullable String ifRange,
    @Nullable String ifMatch,
    @Nullable String ifNoneMatch,
    @Nullable String ifModifiedSince,
    @Nullable String ifUnmodifiedSince) {

  /**
   * A request with only a method and a {@code Range} value.
   *
   * @param method the request method
   * @param range the {@code Range} value, or null
   * @return the request, with no conditional headers
   */
  public static RangeRequest of(String method, @Nullable String range) {
    return new RangeRequest(method, range, null, null, null, null, null);
  }
}
