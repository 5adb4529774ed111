package io.videokit.broadcast;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where and how a publisher sends a broadcast, as handed out by start and refresh: the only places
 * the secret ever appears. {@link #toString()} leaves the secret out.
 *
 * @param kind the endpoint kind
 * @param url where the publisher sends the live playlist ({@code <base>/<id>/index.m3u8})
 * @param secret the publisher's secret (32 random bytes, base64url)
 * @param ffmpeg a ready ffmpeg command line publishing a test pattern there
 */
public record PublisherEndpoint(EndpointKind kind, String url, String secret, String ffmpeg) {

  /**
   * The header the publisher sends with every request.
   *
   * @return {@code Authorization: Bearer <secret>}
   */
  public Map<String, String> headers() {
    return Map.of("Authorization", "Bearer " + secret);
  }

  /**
   * The endpoint as JSON: {@code {"type", "url", "secret", "headers": {"Authorization"},
   * "ffmpeg"}}.
   *
   * @return an ordered map
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("type", kind.name());
    map.put("url", url);
    map.put("secret", secret);
    map.put("headers", headers());
    map.put("ffmpeg", ffmpeg);
    return map;
  }

  /**
   * The endpoint without its secret.
   *
   * @return e.g. {@code PublisherEndpoint[kind=HLS_PUT, url=…, secret=***]}
   */
  @Override
  public String toString() {
    return "PublisherEndpoint[kind=" + kind + ", url=" + url + ", secret=***]";
  }
}
