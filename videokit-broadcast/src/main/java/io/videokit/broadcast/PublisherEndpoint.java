package io.videokit.broadcast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where and how a publisher sends a broadcast, as handed out by start and refresh: the only places
 * credentials ever appear. {@link #toString()} names the settings but leaves their values out.
 *
 * @param kind the endpoint kind
 * @param settings the kind's settings in answer order, e.g. for {@link EndpointKind#HLS_PUT} {@code
 *     url, secret, headers, ffmpeg}; for {@link EndpointKind#S3} the seed's {@code
 *     aws_access_key_id … s3_bucket_region}
 */
public record PublisherEndpoint(EndpointKind kind, Map<String, Object> settings) {

  /**
   * Copies the settings, keeping their order.
   *
   * @param kind the kind
   * @param settings the settings
   */
  public PublisherEndpoint {
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /**
   * One text setting.
   *
   * @param name e.g. {@code url} or {@code secret}
   * @return its value
   * @throws IllegalArgumentException if the endpoint has no such text setting
   */
  public String setting(String name) {
    if (settings.get(name) instanceof String text) {
      return text;
    }
    throw new IllegalArgumentException(kind + " endpoints have no text setting " + name);
  }

  /**
   * The endpoint as the REST API answers it: {@code {"type": "<KIND>", …settings}}.
   *
   * @return an ordered map
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("type", kind.name());
    map.putAll(settings);
    return map;
  }

  /**
   * The endpoint as django-broadcast answers it: {@code {"<KIND>": {…settings}}}, e.g. {@code
   * {"S3": {"aws_access_key_id", …}}}.
   *
   * @return an ordered map
   */
  public Map<String, Object> toSeedMap() {
    return Map.of(kind.name(), settings);
  }

  /**
   * The endpoint without its values.
   *
   * @return e.g. {@code PublisherEndpoint[kind=HLS_PUT, settings=[url, secret, headers, ffmpeg]]}
   */
  @Override
  public String toString() {
    return "PublisherEndpoint[kind=" + kind + ", settings=" + settings.keySet() + "]";
  }
}
