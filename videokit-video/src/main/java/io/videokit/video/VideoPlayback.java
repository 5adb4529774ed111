package io.videokit.video;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where to play a video ({@code playback}).
 *
 * @param hls an HLS manifest URL, if the video has one
 * @param dash a DASH manifest URL, if the video has one
 * @param file the URL of the video's file, range-streamable (self-hosted videos; on the media
 *     origin when {@code videokit.streaming.media-origin} is set); omitted from JSON when null
 */
public record VideoPlayback(
    @Nullable String hls,
    @Nullable String dash,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String file) {

  /**
   * Manifest URLs only, as Cloudflare Stream answers them.
   *
   * @param hls an HLS manifest URL, or null
   * @param dash a DASH manifest URL, or null
   */
  public VideoPlayback(@Nullable String hls, @Nullable String dash) {
    this(hls, dash, null);
  }

  /**
   * These URLs as JSON, absent ones omitted.
   *
   * @return a JSON-native map
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    if (hls != null) {
      map.put("hls", hls);
    }
    if (dash != null) {
      map.put("dash", dash);
    }
    if (file != null) {
      map.put("file", file);
    }
    return map;
  }
}
