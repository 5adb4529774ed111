package io.videokit.cloudflare;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A caption or subtitle track of a video ({@code stream_captions}): {@code GET
 * /accounts/{account_id}/stream/{identifier}/captions}.
 *
 * @param language the BCP 47 language tag, e.g. {@code en} or {@code pt-BR}
 * @param label the language's name in that language (e.g. {@code Türkçe}), or null
 * @param generated whether Cloudflare generated it (AI) rather than it being uploaded
 * @param status {@code ready}, {@code inprogress} or {@code error} for generated tracks, or null
 */
public record Caption(
    String language, @Nullable String label, boolean generated, @Nullable String status) {

  /**
   * A track.
   *
   * @param language the BCP 47 language tag, required
   * @param label the language's name, or null
   * @param generated whether it was generated
   * @param status its generation status, or null
   */
  public Caption {
    Objects.requireNonNull(language, "language");
  }

  /**
   * Whether the track can be shown (uploaded tracks are ready at once).
   *
   * @return true unless generation is still running or failed
   */
  public boolean isReady() {
    return status == null || "ready".equals(status);
  }

  /**
   * Whether generation failed.
   *
   * @return true for status {@code error}
   */
  public boolean isFailed() {
    return "error".equals(status);
  }

  static Caption fromMap(Map<String, Object> map) {
    if (!(map.get("language") instanceof String language) || language.isBlank()) {
      throw new IllegalArgumentException("a caption without language");
    }
    Object label = map.get("label");
    Object status = map.get("status");
    return new Caption(
        language,
        label instanceof String s ? s : null,
        Boolean.TRUE.equals(map.get("generated")),
        status instanceof String s ? s : null);
  }
}
