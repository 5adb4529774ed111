package io.videokit.cloudflare.fake;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request the fake received (API, tus or upload URL; also requests answered by custom
 * WireMock stubs).
 *
 * @param method the HTTP method as sent (tus clients may send {@code POST} with {@code
 *     X-HTTP-Method-Override: PATCH})
 * @param url path and query string, e.g. {@code /client/v4/accounts/abc/stream?status=ready}
 * @param headers request headers; keys as sent, look them up with {@link #header(String)}
 * @param body the body as UTF-8 text; empty for binary bodies (tus chunks, multipart uploads)
 * @param bodyLength the body length in bytes
 * @param receivedAt when the fake received the request
 */
public record RecordedRequest(
    String method,
    String url,
    Map<String, List<String>> headers,
    String body,
    int bodyLength,
    Instant receivedAt) {

  /**
   * Copies the header map so the record is immutable.
   *
   * @param method the HTTP method
   * @param url path and query string
   * @param headers request headers
   * @param body the body as text
   * @param bodyLength the body length in bytes
   * @param receivedAt when the request arrived
   */
  public RecordedRequest {
    headers = Map.copyOf(headers);
  }

  /**
   * The first value of a header, ignoring the case of its name.
   *
   * @param name header name
   * @return the first value, or empty if the header is absent
   */
  public Optional<String> header(String name) {
    return Optional.ofNullable(StreamSchemaValidator.header(headers, name));
  }

  /**
   * The path without query string.
   *
   * @return e.g. {@code /client/v4/accounts/abc/stream}
   */
  public String path() {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }
}
