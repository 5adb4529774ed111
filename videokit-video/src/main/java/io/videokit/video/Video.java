package io.videokit.video;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
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
 * A video, whichever provider holds it: Cloudflare Stream's video object ({@code GET
 * /accounts/{account_id}/stream/{identifier}} → {@code result}) as an immutable value that keeps
 * every field it was given, plus the name of the {@linkplain #provider() provider} holding the
 * video. The self-hosted provider writes the same document, so applications read one shape.
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
 * private Video video;
 * ...
 * lesson.setVideo(Video.ofUid(uid)); // no network call; background jobs fill it in
 * }</pre>
 *
 * and found by JSON path, e.g. HQL {@code json_value(l.video, '$.status.state') = 'ready'}.
 *
 * <p>Serialized by Jackson (2 or 3) as the plain JSON object, via {@link #toMap()} and {@link
 * #fromMap(Map)}. Why one class of this size: one accessor per documented field of the object, each
 * small; splitting them would scatter one document's reading over several types.
 */
public final class Video {

  private static final Pattern UID = Pattern.compile("[0-9A-Za-z]{16,64}");

  /** The key videokit adds to the document: the name of the provider holding the video. */
  public static final String PROVIDER = "provider";

  private final Map<String, Object> document;

  private Video(Map<String, Object> document) {
    this.document = document;
  }

  /**
   * A video known only by its uid, e.g. the {@code Stream-Media-ID} a browser sent back after a
   * direct creator upload. Makes no network call; background synchronisation fills in the rest.
   *
   * @param uid the video's identifier (16–64 letters or digits, usually 32 hex characters)
   * @return the video {@code {"uid": uid}}
   * @throws IllegalArgumentException if {@code uid} is not a valid identifier
   */
  public static Video ofUid(String uid) {
    requireValidUid(uid);
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("uid", uid);
    return new Video(Collections.unmodifiableMap(document));
  }

  /**
   * A video from its JSON object, as a provider (or a database column) gave it.
   *
   * @param document the JSON object as maps, lists, strings, numbers and booleans
   * @return the video, keeping every field (copied deeply, unmodifiable)
   * @throws IllegalArgumentException if {@code uid} is missing or invalid
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Video fromMap(Map<String, ?> document) {
    Objects.requireNonNull(document, "document");
    Object uid = document.get("uid");
    requireValidUid(uid instanceof String s ? s : null);
    return new Video(deepCopy(document));
  }

  /**
   * Whether a string can be a video uid (and is safe in a URL path).
   *
   * @param uid any string
   * @return true for 16–64 ASCII letters or digits
   */
  public static boolean isValidUid(@Nullable String uid) {
    return uid != null && UID.matcher(uid).matches();
  }

  /**
   * Checks a uid.
   *
   * @param uid any string
   * @return the uid
   * @throws IllegalArgumentException unless it is 16–64 ASCII letters or digits
   */
  public static String requireValidUid(@Nullable String uid) {
    if (!isValidUid(uid)) {
      throw new IllegalArgumentException("a video uid is 16 to 64 letters or digits, got " + uid);
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
  public Video with(String field, @Nullable Object value) {
    if ("uid".equals(field)) {
      throw new IllegalArgumentException("the uid of a video cannot change");
    }
    Map<String, Object> copy = new LinkedHashMap<>(document);
    if (value == null) {
      copy.remove(field);
    } else {
      copy.put(field, value);
    }
    return new Video(deepCopy(copy));
  }

  /**
   * A copy with one {@code meta} entry set (or removed when {@code value} is null).
   *
   * @param key the metadata key, e.g. {@code download_url}
   * @param value a JSON-native value
   * @return the new video
   */
  public Video withMeta(String key, @Nullable Object value) {
    Map<String, Object> meta = new LinkedHashMap<>(meta());
    if (value == null) {
      meta.remove(key);
    } else {
      meta.put(key, value);
    }
    return with("meta", meta);
  }

  /**
   * A video whose bytes just arrived at a provider, waiting to be processed ({@code queued}).
   *
   * @param uid its uid (16–64 letters or digits)
   * @param provider the provider holding it, e.g. {@code local}
   * @param creator who uploaded it (the principal's name)
   * @param meta free-form metadata; uploads set {@code name}, {@code filename}, {@code filetype}
   * @param size the original file's length in bytes
   * @param now the current instant (UTC), written as {@code created}, {@code modified} and {@code
   *     uploaded}
   * @return the video
   * @throws IllegalArgumentException if {@code uid} is not a valid identifier
   */
  public static Video uploaded(
      String uid, String provider, String creator, Map<String, ?> meta, long size, Instant now) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("uid", requireValidUid(uid));
    document.put(PROVIDER, Objects.requireNonNull(provider, "provider"));
    document.put("creator", Objects.requireNonNull(creator, "creator"));
    document.put("meta", meta == null ? Map.of() : meta);
    document.put("size", size);
    document.put("created", now.toString());
    document.put("modified", now.toString());
    document.put("uploaded", now.toString());
    document.put("status", VideoStatus.of(VideoState.QUEUED).toMap());
    document.put("readyToStream", false);
    document.put("duration", -1);
    document.put("input", Map.of("width", -1, "height", -1));
    return new Video(deepCopy(document));
  }

  /**
   * {@code provider}: the name of the provider holding this video ({@code local}, {@code
   * cloudflare}, …). Not part of Cloudflare's object; videokit adds it, so that videos of several
   * providers can coexist (during a migration, say).
   *
   * @return the provider's name, or null when not known yet (a value made by {@link #ofUid})
   */
  public @Nullable String provider() {
    return emptyToNull(string(document.get(PROVIDER)));
  }

  /**
   * A copy naming the provider that holds the video.
   *
   * @param provider the provider's name
   * @return the new video
   */
  public Video withProvider(String provider) {
    return with(PROVIDER, Objects.requireNonNull(provider, "provider"));
  }

  /**
   * A copy with another {@code status}, {@code readyToStream} following it.
   *
   * @param status the new status
   * @param now when it changed (UTC), written as {@code modified} (and {@code readyToStreamAt} on
   *     becoming ready)
   * @return the new video
   */
  public Video withStatus(VideoStatus status, Instant now) {
    boolean ready = status.knownState().orElse(null) == VideoState.READY;
    Video next = with("status", status.toMap()).with("readyToStream", ready);
    next = next.with("modified", now.toString());
    if (ready && readyToStreamAt() == null) {
      next = next.with("readyToStreamAt", now.toString());
    }
    return next;
  }

  /**
   * A copy processed and playable ({@code ready}).
   *
   * @param durationSeconds length in seconds, or -1 if unknown
   * @param dimensions width and height in pixels
   * @param now when processing ended (UTC)
   * @return the new video
   */
  public Video ready(double durationSeconds, VideoInput dimensions, Instant now) {
    return withStatus(VideoStatus.of(VideoState.READY), now)
        .with("duration", durationSeconds)
        .with("input", Map.of("width", dimensions.width(), "height", dimensions.height()));
  }

  /**
   * A copy whose processing failed ({@code error}).
   *
   * @param code e.g. {@link VideoErrors#NON_VIDEO}
   * @param text a readable explanation
   * @param now when processing ended (UTC)
   * @return the new video
   */
  public Video failed(String code, String text, Instant now) {
    return withStatus(VideoStatus.error(code, text), now);
  }

  /**
   * A copy with other playback URLs.
   *
   * @param urls where to play it
   * @return the new video
   */
  public Video withPlayback(VideoPlayback urls) {
    return with("playback", urls.toMap());
  }

  /**
   * Whether this holds more than a uid, i.e. details were fetched from its provider at least once.
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
   * {@code modified}: last change at the provider (RFC 3339, UTC).
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
   * {@code playback}: HLS and DASH manifest URLs, and (self-hosted videos) the file's URL.
   *
   * @return the URLs (each possibly null)
   */
  public VideoPlayback playback() {
    Map<String, Object> playback = object(document.get("playback"));
    return new VideoPlayback(
        string(playback.get("hls")), string(playback.get("dash")), string(playback.get("file")));
  }

  /**
   * {@code status}: state, progress and error.
   *
   * @return the status; state {@code null} before the first synchronisation
   */
  public VideoStatus status() {
    Object status = document.get("status");
    if (status instanceof String s) {
      // POST /stream/clip answers with status as a plain string
      return new VideoStatus(s, null, null, null);
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
    return new VideoStatus(
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
    return other instanceof Video video && document.equals(video.document);
  }

  @Override
  public int hashCode() {
    return document.hashCode();
  }

  @Override
  public String toString() {
    return "Video" + document;
  }

  private @Nullable Instant instant(String field) {
    return parseInstant(document.get(field));
  }

  /**
   * Reads a timestamp field's value as Cloudflare writes them (RFC 3339, or epoch seconds).
   *
   * @param value an RFC 3339 string, epoch seconds, or null
   * @return the instant, or null when absent or unreadable
   */
  public static @Nullable Instant parseInstant(@Nullable Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    if (value instanceof Number seconds) {
      // epoch seconds, as a Jackson with WRITE_DATES_AS_TIMESTAMPS wrote the first local documents
      double s = seconds.doubleValue();
      long whole = (long) Math.floor(s);
      return Instant.ofEpochSecond(whole, Math.round((s - whole) * 1e9));
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

  /**
   * A deep, unmodifiable copy of a JSON-native tree (keeps nulls, which JSON allows; numbers take
   * the types Jackson reads them as: {@code Integer} when they fit, else {@code Long}; {@code
   * Double} for fractions).
   *
   * @param map a JSON object as maps, lists, strings, numbers and booleans
   * @return the copy
   */
  public static Map<String, Object> deepCopy(Map<String, ?> map) {
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
    // The Java types Jackson reads JSON numbers as, so a value equals itself after a round trip
    if (value instanceof Long || value instanceof Short || value instanceof Byte) {
      long n = ((Number) value).longValue();
      if (n == (int) n) {
        return Integer.valueOf((int) n);
      }
      return Long.valueOf(n);
    }
    if (value instanceof Float || value instanceof java.math.BigDecimal) {
      return ((Number) value).doubleValue();
    }
    return value;
  }
}
