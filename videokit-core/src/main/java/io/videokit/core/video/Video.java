package io.videokit.core.video;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A video as a JSON document shaped like Cloudflare Stream's video object ({@code GET
 * /accounts/{account_id}/stream/{identifier}} → {@code result}), so that the self-hosted and the
 * Cloudflare provider share one model.
 *
 * @param uid 32 lower-case hex characters
 * @param creator who uploaded it (the principal's name)
 * @param meta free-form metadata; uploads set {@code name}, {@code filename}, {@code filetype}
 * @param size length of the original file in bytes
 * @param created when the video record was created (UTC)
 * @param uploaded when its bytes finished arriving (UTC), or null before
 * @param status processing state, progress and error
 * @param readyToStream whether it can be played now
 * @param duration length in seconds, {@code -1} while unknown
 * @param input dimensions of the original
 * @param playback manifest URLs, if any
 */
public record Video(
    String uid,
    String creator,
    Map<String, Object> meta,
    long size,
    Instant created,
    @Nullable Instant uploaded,
    VideoStatus status,
    boolean readyToStream,
    double duration,
    VideoInput input,
    @Nullable VideoPlayback playback) {

  private static final Pattern UID = Pattern.compile("[0-9a-f]{32}");

  /** Validates the uid and copies the metadata. */
  public Video {
    if (!isValidUid(uid)) {
      throw new IllegalArgumentException("a video uid is 32 lower-case hex characters: " + uid);
    }
    Objects.requireNonNull(creator, "creator");
    Objects.requireNonNull(status, "status");
    meta =
        meta == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    input = input == null ? VideoInput.UNKNOWN : input;
  }

  /**
   * Whether a string is a valid uid.
   *
   * @param uid any string
   * @return true for 32 lower-case hex characters
   */
  public static boolean isValidUid(@Nullable String uid) {
    return uid != null && UID.matcher(uid).matches();
  }

  /**
   * A video whose bytes just arrived, waiting to be processed.
   *
   * @param uid its uid
   * @param creator the uploader
   * @param meta name, filename, filetype…
   * @param size bytes
   * @param now the current instant
   * @return the video in state {@code queued}
   */
  public static Video uploaded(
      String uid, String creator, Map<String, Object> meta, long size, Instant now) {
    return new Video(
        uid,
        creator,
        meta,
        size,
        now,
        now,
        VideoStatus.of(VideoState.QUEUED),
        false,
        -1,
        VideoInput.UNKNOWN,
        null);
  }

  /**
   * This video processed and playable.
   *
   * @param durationSeconds length in seconds, or -1 if unknown
   * @param dimensions width and height
   * @return the copy in state {@code ready}
   */
  public Video ready(double durationSeconds, VideoInput dimensions) {
    return new Video(
        uid,
        creator,
        meta,
        size,
        created,
        uploaded,
        VideoStatus.of(VideoState.READY),
        true,
        durationSeconds,
        dimensions,
        playback);
  }

  /**
   * This video failed processing.
   *
   * @param code e.g. {@code ERR_NON_VIDEO}
   * @param text explanation
   * @return the copy in state {@code error}
   */
  public Video failed(String code, String text) {
    return new Video(
        uid,
        creator,
        meta,
        size,
        created,
        uploaded,
        VideoStatus.error(code, text),
        false,
        duration,
        input,
        playback);
  }

  /**
   * This video with other playback URLs.
   *
   * @param urls where to play it, or null for none
   * @return the copy
   */
  public Video withPlayback(@Nullable VideoPlayback urls) {
    return new Video(
        uid, creator, meta, size, created, uploaded, status, readyToStream, duration, input, urls);
  }

  /**
   * A metadata value as text.
   *
   * @param key e.g. {@code filename}
   * @return the value, or null
   */
  public @Nullable String metaString(String key) {
    Object value = meta.get(key);
    return value == null ? null : value.toString();
  }
}
