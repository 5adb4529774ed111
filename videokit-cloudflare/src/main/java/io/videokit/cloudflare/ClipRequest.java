package io.videokit.cloudflare;

import io.videokit.video.Video;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /accounts/{account_id}/stream/clip}: a new video made of a time range of a
 * ready one.
 *
 * @param clippedFromVideoUid the parent video's uid
 * @param startTimeSeconds start of the range in seconds (≥ 0)
 * @param endTimeSeconds end of the range in seconds (&gt; start; must not exceed the parent's
 *     duration, else Cloudflare answers 400 with code {@code 10005})
 * @param creator the clip's creator, or null
 * @param maxDurationSeconds the clip's duration limit, or null
 * @param requireSignedUrls whether the clip needs signed URLs, or null for the default
 * @param meta the clip's metadata, or null
 */
public record ClipRequest(
    String clippedFromVideoUid,
    double startTimeSeconds,
    double endTimeSeconds,
    @Nullable String creator,
    @Nullable Integer maxDurationSeconds,
    @Nullable Boolean requireSignedUrls,
    @Nullable Map<String, Object> meta) {

  /** Validates the uid and the range. */
  public ClipRequest {
    Video.requireValidUid(clippedFromVideoUid);
    if (!Double.isFinite(startTimeSeconds)
        || !Double.isFinite(endTimeSeconds)
        || startTimeSeconds < 0
        || endTimeSeconds <= startTimeSeconds) {
      throw new IllegalArgumentException(
          "clip range must satisfy 0 <= start < end: " + startTimeSeconds + ".." + endTimeSeconds);
    }
  }

  /**
   * The first {@code seconds} of a video, as the automatic trim does.
   *
   * @param parentUid the video to clip
   * @param seconds the clip's length in seconds
   * @return the request for {@code 0..seconds}
   */
  public static ClipRequest firstSeconds(String parentUid, double seconds) {
    return new ClipRequest(parentUid, 0, seconds, null, null, null, null);
  }

  /**
   * A copy with the creator, privacy and metadata carried over from the parent (except its {@code
   * meta.download_url}, which points at the parent's file).
   *
   * @param parent the parent video
   * @return the new request
   */
  public ClipRequest inheriting(Video parent) {
    return new ClipRequest(
        clippedFromVideoUid,
        startTimeSeconds,
        endTimeSeconds,
        creator != null ? creator : parent.creator(),
        maxDurationSeconds,
        requireSignedUrls != null ? requireSignedUrls : parent.requireSignedUrls(),
        meta != null ? meta : metaWithoutDownload(parent));
  }

  /** The parent's metadata without videokit's {@code download_url}, which is the parent's file. */
  private static Map<String, Object> metaWithoutDownload(Video parent) {
    Map<String, Object> meta = new LinkedHashMap<>(parent.meta());
    meta.remove("download_url");
    return meta;
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("clippedFromVideoUID", clippedFromVideoUid);
    json.put("startTimeSeconds", wholeIfPossible(startTimeSeconds));
    json.put("endTimeSeconds", wholeIfPossible(endTimeSeconds));
    if (creator != null) {
      json.put("creator", creator);
    }
    if (maxDurationSeconds != null) {
      json.put("maxDurationSeconds", maxDurationSeconds);
    }
    if (requireSignedUrls != null) {
      json.put("requireSignedURLs", requireSignedUrls);
    }
    if (meta != null && !meta.isEmpty()) {
      json.put("meta", meta);
    }
    return json;
  }

  private static Object wholeIfPossible(double seconds) {
    return seconds == Math.rint(seconds) ? (Object) (long) seconds : (Object) seconds;
  }
}
