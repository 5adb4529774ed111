package io.videokit.cloudflare;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.videokit.core.video.VideoInput;
import io.videokit.core.video.VideoPlayback;
import io.videokit.core.video.VideoState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Cloudflare Stream's video object ({@code GET /accounts/{account_id}/stream/{identifier}} → {@code
 * result}), as an immutable value that keeps every field it was given.
 *
 * <p>The document is held as JSON-native values (maps, lists, strings, numbers, booleans), so a
 * field Cloudflare adds tomorrow survives a read-modify-write and a round trip through a database
 * JSON column. Typed accessors cover every documented field and tolerate the API's quirks: {@code
 * status.pctComplete} arrives as a string ({@code "39.000000"}), the error code is spelled {@code
 * errorReasonCode} or {@code errReasonCode}, and {@code -1} means "unknown" for durations and
 * dimensions.
 *
 * <p>As a JPA entity attribute it is stored in a JSON column:
 *
 * <pre>{@code
 * @JdbcTypeCode(SqlTypes.JSON)
 * private CloudflareVideo video;
 * ...
 * post.setVideo(CloudflareVideo.ofUid(uid)); // no network call; background jobs fill it in
 * }</pre>
 *
 * and found by JSON path, e.g. HQL {@code json_value(p.video, '$.status.state') = 'ready'}.
 *
 * <p>Serialized by Jackson (2 or 3) as the plain JSON object, via {@link #toMap()} and {@link
 * #fromMap(Map)}.
 */
public final class CloudflareVideo {

  private static final Pattern UID = Pattern.compile("[0-9A-Za-z]{16,64}");

  private final Map<String, Object> document;

  private CloudflareVideo(Map<String, Object> document) {
    this.document = document;
  }

  /**
   * A video known only by its uid, e.g. the {@code Stream-Media-ID} a browser sent back after a
   * direct creator upload. Makes no network call; background synchronisation fills in the rest.
   *
   * @param uid Cloudflare's video identifier (16–64 letters or digits, usually 32 hex characters)
   * @return the video {@code {"uid": uid}}
   * @throws IllegalArgumentException if {@code uid} is not a valid identifier
   */
  public static CloudflareVideo ofUid(String uid) {
    requireValidUid(uid);
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("uid", uid);
    return new CloudflareVideo(Collections.unmodifiableMap(document));
  }

  /**
   * A video from its JSON object, as Cloudflare returned it.
   *
   * @param document the JSON object as maps, lists, strings, numbers and booleans
   * @return the video, keeping every field (copied deeply, unmodifiable)
   * @throws IllegalArgumentException if {@code uid} is missing or invalid
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static CloudflareVideo fromMap(Map<String, ?> document) {
    Objects.requireNonNull(document, "document");
    Object uid = document.get("uid");
    requireValidUid(uid instanceof String s ? s : null);
    return new CloudflareVideo(deepCopy(document));
  }

  /**
   * Whether a string can be a Cloudflare video uid (and is safe in a URL path).
   *
   * @param uid any string
   * @return true for 16–64 ASCII letters or digits
   */
  public static boolean isValidUid(@Nullable String uid) {
    return uid != null && UID.matcher(uid).matches();
  }

  static String requireValidUid(@Nullable String uid) {
    if (!isValidUid(uid)) {
      throw new IllegalArgumentException(
          "a Cloudflare video uid is 16 to 64 letters or digits, got " + uid);
    }
    return uid;
  }

  /**
   * The whole JSON object, including fields this class has no accessor for.
   *
   * @return an unmodifiable deep view
   */
  @JsonValue
  public Map<String, Object> toMap() {
    return document;
  }

  /**
   * A raw top-level field.
   *
   * @param field the JSON key, e.g. {@code watermark}
   * @return its value, or empty
   */
  public Optional<Object> get(String field) {
    return Optional.ofNullable(document.get(field));
  }

  /**
   * A copy with one top-level field set (or removed when {@code value} is null).
   *
   * @param field the JSON key; {@code uid} cannot be changed
   * @param value a JSON-native value
   * @return the new video
   */
  public CloudflareVideo with(String field, @Nullable Object value) {
    if ("uid".equals(field)) {
      throw new IllegalArgumentException("the uid of a video cannot change");
    }
    Map<String, Object> copy = new LinkedHashMap<>(document);
    if (value == null) {
      copy.remove(field);
    } else {
      copy.put(field, value);
    }
    return new CloudflareVideo(deepCopy(copy));
  }

  /**
   * A copy with one {@code meta} entry set (or removed when {@code value} is null).
   *
   * @param key the metadata key, e.g. {@code download_url}
   * @param value a JSON-native value
   * @return the new video
   */
  public CloudflareVideo withMeta(String key, @Nullable Object value) {
    Map<String, Object> meta = new LinkedHashMap<>(meta());
    if (value == null) {
      meta.remove(key);
    } else {
      meta.put(key, value);
    }
    return with("meta", meta);
  }

  /**
   * Whether this holds more than a uid, i.e. details were fetched from Cloudflare at least once.
   *
   * @return true once {@code status} is an object (a clip answer's plain-string status does not
   *     count: fetch the clip's uid for its details)
   */
  public boolean isSynced() {
    return document.get("status") instanceof Map;
  }

  /**
   * {@code uid}.
   *
   * @return the identifier
   */
  public String uid() {
    return (String) document.get("uid");
  }

  /**
   * {@code creator}: who uploaded it (the {@code Upload-Creator} of a direct creator upload).
   *
   * @return the creator id, or null
   */
  public @Nullable String creator() {
    return string(document.get("creator"));
  }

  /**
   * {@code meta}: free-form metadata (uploads put {@code name}, {@code filename}, {@code filetype};
   * videokit puts {@code download_url}).
   *
   * @return an unmodifiable map, empty when absent
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> meta() {
    Object meta = document.get("meta");
    return meta instanceof Map ? (Map<String, Object>) meta : Map.of();
  }

  /**
   * One {@code meta} value as text.
   *
   * @param key e.g. {@code name}
   * @return the value, or null
   */
  public @Nullable String metaString(String key) {
    return string(meta().get(key));
  }

  /**
   * {@code meta.download_url}: the MP4 download stored once it was ready.
   *
   * @return the URL, or null
   */
  public @Nullable String downloadUrl() {
    return metaString("download_url");
  }

  /**
   * {@code created} (RFC 3339, UTC).
   *
   * @return the instant, or null
   */
  public @Nullable Instant created() {
    return instant("created");
  }

  /**
   * {@code modified}: last change at Cloudflare (RFC 3339, UTC).
   *
   * @return the instant, or null
   */
  public @Nullable Instant modified() {
    return instant("modified");
  }

  /**
   * {@code uploaded}: when the bytes finished arriving.
   *
   * @return the instant, or null
   */
  public @Nullable Instant uploaded() {
    return instant("uploaded");
  }

  /**
   * {@code uploadExpiry}: until when a pending direct creator upload URL is valid.
   *
   * @return the instant, or null
   */
  public @Nullable Instant uploadExpiry() {
    return instant("uploadExpiry");
  }

  /**
   * {@code readyToStreamAt}.
   *
   * @return the instant, or null
   */
  public @Nullable Instant readyToStreamAt() {
    return instant("readyToStreamAt");
  }

  /**
   * {@code scheduledDeletion}: when Cloudflare will delete the video on its own.
   *
   * @return the instant, or null
   */
  public @Nullable Instant scheduledDeletion() {
    return instant("scheduledDeletion");
  }

  /**
   * {@code duration} in seconds.
   *
   * @return seconds, {@code -1} while unknown
   */
  public double duration() {
    return number(document.get("duration"), -1);
  }

  /**
   * {@code size} of the original in bytes.
   *
   * @return bytes, {@code -1} while unknown
   */
  public long size() {
    return (long) number(document.get("size"), -1);
  }

  /**
   * {@code input}: dimensions of the original.
   *
   * @return width and height in pixels, {@code -1} while unknown
   */
  public VideoInput input() {
    Map<String, Object> input = object(document.get("input"));
    return new VideoInput(
        (int) number(input.get("width"), -1), (int) number(input.get("height"), -1));
  }

  /**
   * {@code maxDurationSeconds}: the limit the upload was created with.
   *
   * @return seconds, or null for none
   */
  public @Nullable Integer maxDurationSeconds() {
    Object value = document.get("maxDurationSeconds");
    return value instanceof Number n ? n.intValue() : null;
  }

  /**
   * {@code readyToStream}: playable now (possibly before {@code status.state} is {@code ready}).
   *
   * @return the flag, false when absent
   */
  public boolean readyToStream() {
    return Boolean.TRUE.equals(document.get("readyToStream"));
  }

  /**
   * {@code requireSignedURLs}: private video, playable only with a signed token.
   *
   * @return the flag, false when absent
   */
  public boolean requireSignedUrls() {
    return Boolean.TRUE.equals(document.get("requireSignedURLs"));
  }

  /**
   * {@code allowedOrigins}: origins allowed to embed it (empty = any).
   *
   * @return the origins
   */
  public List<String> allowedOrigins() {
    Object value = document.get("allowedOrigins");
    if (!(value instanceof List<?> list)) {
      return List.of();
    }
    List<String> origins = new ArrayList<>();
    list.forEach(o -> origins.add(String.valueOf(o)));
    return List.copyOf(origins);
  }

  /**
   * {@code thumbnailTimestampPct}: where the thumbnail is taken, 0..1 of the duration.
   *
   * @return the fraction, 0 when absent
   */
  public double thumbnailTimestampPct() {
    return number(document.get("thumbnailTimestampPct"), 0);
  }

  /**
   * {@code thumbnail} URL, present once encoded.
   *
   * @return the URL, or null
   */
  public @Nullable String thumbnail() {
    return string(document.get("thumbnail"));
  }

  /**
   * {@code preview}: the watch page URL, present once encoded.
   *
   * @return the URL, or null
   */
  public @Nullable String preview() {
    return string(document.get("preview"));
  }

  /**
   * {@code playback}: HLS and DASH manifest URLs.
   *
   * @return the URLs (each possibly null)
   */
  public VideoPlayback playback() {
    Map<String, Object> playback = object(document.get("playback"));
    return new VideoPlayback(string(playback.get("hls")), string(playback.get("dash")));
  }

  /**
   * {@code status}: state, progress and error.
   *
   * @return the status; state {@code null} before the first synchronisation
   */
  public CloudflareVideoStatus status() {
    Object status = document.get("status");
    if (status instanceof String s) {
      // POST /stream/clip answers with status as a plain string
      return new CloudflareVideoStatus(s, null, null, null);
    }
    Map<String, Object> map = object(status);
    Object code = map.containsKey("errorReasonCode") ? map.get("errorReasonCode") : null;
    if (code == null || "".equals(code)) {
      code = map.get("errReasonCode");
    }
    Object text = map.containsKey("errorReasonText") ? map.get("errorReasonText") : null;
    if (text == null || "".equals(text)) {
      text = map.get("errReasonText");
    }
    Object pct = map.get("pctComplete");
    Double pctComplete = null;
    if (pct instanceof Number n) {
      pctComplete = n.doubleValue();
    } else if (pct instanceof String s && !s.isBlank()) {
      try {
        pctComplete = Double.parseDouble(s.trim());
      } catch (NumberFormatException ignored) {
        pctComplete = null;
      }
    }
    return new CloudflareVideoStatus(
        string(map.get("state")),
        pctComplete,
        emptyToNull(string(code)),
        emptyToNull(string(text)));
  }

  /**
   * The processing state, if it is one videokit knows.
   *
   * @return the state, or empty before the first synchronisation or for a state name Cloudflare
   *     added later
   */
  public Optional<VideoState> state() {
    return status().knownState();
  }

  /**
   * {@code liveInput}: the live input this video is a recording of.
   *
   * @return the live input uid, or null
   */
  public @Nullable String liveInput() {
    return string(document.get("liveInput"));
  }

  /**
   * {@code watermark}: the watermark profile applied, as Cloudflare sent it.
   *
   * @return the object, empty when absent
   */
  public Map<String, Object> watermark() {
    return object(document.get("watermark"));
  }

  /**
   * {@code clippedFrom}: the uid of the video this one was clipped from.
   *
   * @return the parent uid, or null when this is not a clip
   */
  public @Nullable String clippedFrom() {
    String parent = emptyToNull(string(document.get("clippedFrom")));
    // the clip answer (POST /stream/clip) names the parent clippedFromVideoUID
    return parent != null ? parent : emptyToNull(string(document.get("clippedFromVideoUID")));
  }

  /**
   * Whether processing has ended ({@code ready} or {@code error}).
   *
   * @return true when nothing more will change on its own
   */
  public boolean isTerminal() {
    return state().map(VideoState::isTerminal).orElse(false);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CloudflareVideo video && document.equals(video.document);
  }

  @Override
  public int hashCode() {
    return document.hashCode();
  }

  @Override
  public String toString() {
    return "CloudflareVideo" + document;
  }

  private @Nullable Instant instant(String field) {
    return parseInstant(document.get(field));
  }

  /** An RFC 3339 timestamp as Cloudflare writes them, or null when absent or unreadable. */
  static @Nullable Instant parseInstant(@Nullable Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.toString()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static @Nullable String string(@Nullable Object value) {
    return value == null ? null : value.toString();
  }

  private static @Nullable String emptyToNull(@Nullable String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static double number(@Nullable Object value, double fallback) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        return fallback;
      }
    }
    return fallback;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(@Nullable Object value) {
    return value instanceof Map ? (Map<String, Object>) value : Map.of();
  }

  /** Deep, unmodifiable copy of a JSON-native tree (keeps nulls, which JSON allows). */
  static Map<String, Object> deepCopy(Map<String, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(key, deepCopyValue(value)));
    return Collections.unmodifiableMap(copy);
  }

  private static @Nullable Object deepCopyValue(@Nullable Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, v) -> copy.put(String.valueOf(key), deepCopyValue(v)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(deepCopyValue(v)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }
}
