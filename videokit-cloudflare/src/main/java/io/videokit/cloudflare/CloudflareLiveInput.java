package io.videokit.cloudflare;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.videokit.video.Video;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Cloudflare Stream live input ({@code …/stream/live_inputs/{live_input_identifier}} → {@code
 * result}), keeping every field it was given. Holds secrets (the RTMPS stream key, the SRT
 * passphrase): {@link #toString()} shows only the uid.
 */
public final class CloudflareLiveInput {

  private final Map<String, Object> document;

  private CloudflareLiveInput(Map<String, Object> document) {
    this.document = document;
  }

  /**
   * A live input from its JSON object.
   *
   * @param document the JSON object as maps, lists, strings, numbers and booleans
   * @return the live input
   * @throws IllegalArgumentException when {@code uid} is missing
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static CloudflareLiveInput fromMap(Map<String, ?> document) {
    Objects.requireNonNull(document, "document");
    if (!(document.get("uid") instanceof String)) {
      throw new IllegalArgumentException("a live input has a uid");
    }
    return new CloudflareLiveInput(Video.deepCopy(document));
  }

  /**
   * The whole JSON object.
   *
   * @return an unmodifiable deep view
   */
  @JsonValue
  public Map<String, Object> toMap() {
    return document;
  }

  /**
   * {@code uid}.
   *
   * @return the live input's identifier
   */
  public String uid() {
    return (String) document.get("uid");
  }

  /**
   * {@code rtmps.url}: where a broadcaster pushes RTMPS.
   *
   * @return the URL, or null
   */
  public @Nullable String rtmpsUrl() {
    return nested("rtmps", "url");
  }

  /**
   * {@code rtmps.streamKey}: the secret stream key.
   *
   * @return the key, or null
   */
  public @Nullable String rtmpsStreamKey() {
    return nested("rtmps", "streamKey");
  }

  /**
   * {@code srt.url}.
   *
   * @return the URL, or null
   */
  public @Nullable String srtUrl() {
    return nested("srt", "url");
  }

  /**
   * {@code webRTC.url}: the WHIP endpoint.
   *
   * @return the URL, or null
   */
  public @Nullable String webRtcUrl() {
    return nested("webRTC", "url");
  }

  /**
   * {@code webRTCPlayback.url}: the WHEP playback endpoint.
   *
   * @return the URL, or null
   */
  public @Nullable String webRtcPlaybackUrl() {
    return nested("webRTCPlayback", "url");
  }

  /**
   * One ingest or playback object as Cloudflare answered it, e.g. {@code rtmps} → {@code {url,
   * streamKey}}, {@code srt} → {@code {url, streamId, passphrase}}, {@code webRTC} → {@code {url}}:
   * its text and number fields in answer order.
   *
   * @param object the field name, e.g. {@code rtmps}
   * @return the fields (secrets included), empty when the answer has no such object
   */
  public Map<String, String> endpoint(String object) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (document.get(object) instanceof Map<?, ?> map) {
      map.forEach((key, value) -> {
        if (value instanceof String || value instanceof Number) {
          fields.put(key.toString(), value.toString());
        }
      });
    }
    return fields;
  }

  /**
   * The live HLS manifest of this input, {@code https://customer-<code>.cloudflarestream.com/<uid>
   * /manifest/video.m3u8} (Cloudflare's documented playback URL of a live input), on the customer
   * host of its {@code webRTCPlayback} (or {@code webRTC}) URL.
   *
   * @return the URL, or null when the answer names no customer host
   */
  public @Nullable String hlsPlaybackUrl() {
    for (String url : new String[] {webRtcPlaybackUrl(), webRtcUrl()}) {
      if (url == null) {
        continue;
      }
      try {
        URI uri = URI.create(url);
        if ("https".equals(uri.getScheme()) && uri.getHost() != null) {
          return "https://" + uri.getRawAuthority() + "/" + uid() + "/manifest/video.m3u8";
        }
      } catch (IllegalArgumentException notAUrl) {
        // try the next one
      }
    }
    return null;
  }

  /**
   * The connection status ({@code status.current.state} or {@code status} as a string), e.g. {@code
   * connected}.
   *
   * @return the state, or null when idle
   */
  public @Nullable String state() {
    Object status = document.get("status");
    if (status instanceof String s) {
      return s;
    }
    if (status instanceof Map<?, ?> map && map.get("current") instanceof Map<?, ?> current) {
      Object state = current.get("state");
      return state == null ? null : state.toString();
    }
    return null;
  }

  /**
   * {@code meta}.
   *
   * @return metadata, empty when absent
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> meta() {
    Object meta = document.get("meta");
    return meta instanceof Map ? (Map<String, Object>) meta : Map.of();
  }

  private @Nullable String nested(String object, String field) {
    if (document.get(object) instanceof Map<?, ?> map) {
      Object value = map.get(field);
      return value == null ? null : value.toString();
    }
    return null;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CloudflareLiveInput input && document.equals(input.document);
  }

  @Override
  public int hashCode() {
    return document.hashCode();
  }

  @Override
  public String toString() {
    return "CloudflareLiveInput[uid=" + uid() + "]";
  }
}
