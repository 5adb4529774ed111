package io.videokit.cloudflare.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Describes a video to put into the fake's state directly, bypassing the API ({@link
 * FakeCloudflareStream#addVideo(VideoSeed)}). A plain mutable builder: configure it, then hand it
 * over; not thread-safe.
 *
 * <p>Unset values take the fake's defaults: a random uid, {@code created} = now, the fake's default
 * duration and input size, 1 MiB size, empty meta.
 */
public final class VideoSeed {

  String uid;
  String state;
  String creator;
  final Map<String, Object> meta = new LinkedHashMap<>();
  Double duration;
  Long size;
  Integer width;
  Integer height;
  Integer maxDurationSeconds;
  boolean requireSignedURLs;
  final List<String> allowedOrigins = new ArrayList<>();
  double thumbnailTimestampPct;
  Instant created;
  Instant scheduledDeletion;
  String liveInput;
  String errorReasonCode;
  String errorReasonText;

  private VideoSeed(String state) {
    this.state = state;
  }

  /**
   * A video that is ready to stream (state {@code ready}, playback URLs, duration, input size).
   *
   * @return a new seed
   */
  public static VideoSeed ready() {
    return new VideoSeed(Video.READY);
  }

  /**
   * A video in any state: {@code pendingupload}, {@code downloading}, {@code queued}, {@code
   * inprogress}, {@code ready} or {@code error}. Videos in a processing state advance like uploaded
   * ones.
   *
   * @param state a {@code status.state} value
   * @return a new seed
   * @throws IllegalArgumentException for an unknown state
   */
  public static VideoSeed inState(String state) {
    if (!List.of(
            Video.PENDING_UPLOAD,
            Video.DOWNLOADING,
            Video.QUEUED,
            Video.IN_PROGRESS,
            Video.READY,
            Video.ERROR)
        .contains(state)) {
      throw new IllegalArgumentException("unknown state " + state);
    }
    return new VideoSeed(state);
  }

  /**
   * Sets the uid.
   *
   * @param value at most 32 characters (Cloudflare uses 32 lower-case hex characters)
   * @return this seed
   */
  public VideoSeed uid(String value) {
    if (Objects.requireNonNull(value).isEmpty() || value.length() > 32) {
      throw new IllegalArgumentException("uid must be 1..32 characters: " + value);
    }
    this.uid = value;
    return this;
  }

  /**
   * Sets the creator id.
   *
   * @param value at most 64 characters
   * @return this seed
   */
  public VideoSeed creator(String value) {
    this.creator = value;
    return this;
  }

  /**
   * Adds one {@code meta} entry.
   *
   * @param key meta key, e.g. {@code name}
   * @param value a JSON-compatible value (string, number, boolean, map, list)
   * @return this seed
   */
  public VideoSeed meta(String key, Object value) {
    meta.put(key, value);
    return this;
  }

  /**
   * Sets the duration revealed once the video is ready.
   *
   * @param seconds duration in seconds, positive
   * @return this seed
   */
  public VideoSeed duration(double seconds) {
    this.duration = seconds;
    return this;
  }

  /**
   * Sets the size.
   *
   * @param bytes size in bytes
   * @return this seed
   */
  public VideoSeed size(long bytes) {
    this.size = bytes;
    return this;
  }

  /**
   * Sets the input dimensions revealed once the video is ready.
   *
   * @param widthPixels width in pixels
   * @param heightPixels height in pixels
   * @return this seed
   */
  public VideoSeed input(int widthPixels, int heightPixels) {
    this.width = widthPixels;
    this.height = heightPixels;
    return this;
  }

  /**
   * Sets {@code maxDurationSeconds}.
   *
   * @param seconds 1..21600
   * @return this seed
   */
  public VideoSeed maxDurationSeconds(int seconds) {
    this.maxDurationSeconds = seconds;
    return this;
  }

  /**
   * Sets {@code requireSignedURLs}.
   *
   * @param value true for a private video
   * @return this seed
   */
  public VideoSeed requireSignedURLs(boolean value) {
    this.requireSignedURLs = value;
    return this;
  }

  /**
   * Adds entries to {@code allowedOrigins}.
   *
   * @param origins host names such as {@code example.com}
   * @return this seed
   */
  public VideoSeed allowedOrigins(String... origins) {
    allowedOrigins.addAll(List.of(origins));
    return this;
  }

  /**
   * Sets {@code thumbnailTimestampPct}.
   *
   * @param value 0..1
   * @return this seed
   */
  public VideoSeed thumbnailTimestampPct(double value) {
    this.thumbnailTimestampPct = value;
    return this;
  }

  /**
   * Sets {@code created} (and {@code modified}).
   *
   * @param value creation instant
   * @return this seed
   */
  public VideoSeed created(Instant value) {
    this.created = value;
    return this;
  }

  /**
   * Sets {@code scheduledDeletion}.
   *
   * @param value deletion instant
   * @return this seed
   */
  public VideoSeed scheduledDeletion(Instant value) {
    this.scheduledDeletion = value;
    return this;
  }

  /**
   * Marks the video as a recording of a live input.
   *
   * @param liveInputUid the live input's uid
   * @return this seed
   */
  public VideoSeed liveInput(String liveInputUid) {
    this.liveInput = liveInputUid;
    return this;
  }

  /**
   * Sets the error reason (for seeds in state {@code error}).
   *
   * @param code e.g. {@code ERR_NON_VIDEO}
   * @param text human-readable reason
   * @return this seed
   */
  public VideoSeed error(String code, String text) {
    this.errorReasonCode = code;
    this.errorReasonText = text;
    return this;
  }
}
