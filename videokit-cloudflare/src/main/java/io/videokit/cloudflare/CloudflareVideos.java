package io.videokit.cloudflare;

import io.videokit.video.Video;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The videos of a Cloudflare Stream account: read, list, edit, delete, copy from a URL, clip. Made
 * by {@link CloudflareStreamClient}, which implements it; tests of callers may implement it in
 * memory.
 */
public interface CloudflareVideos {

  /**
   * Video details: {@code GET /accounts/{account_id}/stream/{identifier}}.
   *
   * @param uid the video's uid
   * @return the video object
   * @throws CloudflareApiException with {@link CloudflareApiException#isNotFound()} when it does
   *     not exist
   * @throws CloudflareProtocolException when the answer is not a video object, or describes another
   *     video than {@code uid}
   * @throws CloudflareException on any other failure
   */
  Video video(String uid);

  /**
   * One page of videos: {@code GET /accounts/{account_id}/stream} (at most 1,000, newest first
   * unless {@link VideoQuery#ascending()}).
   *
   * @param query the filters
   * @return the page with {@code total} and {@code range}
   * @throws CloudflareException on failure
   */
  VideoPage list(VideoQuery query);

  /**
   * Every video matching a query, following pages of {@code GET /accounts/{account_id}/stream}
   * newest first (by {@code created}).
   *
   * @param query the filters ({@code ascending} is ignored)
   * @param limit the most videos to return
   * @return the videos, without duplicates
   * @throws CloudflareException on failure
   */
  List<Video> listAll(VideoQuery query, int limit);

  /**
   * Edits a video: {@code POST /accounts/{account_id}/stream/{identifier}} (POST, not PATCH).
   *
   * @param uid the video
   * @param changes fields to set, e.g. {@code {"meta": {...}}}, {@code requireSignedURLs}, {@code
   *     allowedOrigins}, {@code maxDurationSeconds}, {@code scheduledDeletion}, {@code
   *     thumbnailTimestampPct}, {@code creator}, {@code uploadExpiry}
   * @return the video after the edit
   * @throws CloudflareException on failure
   */
  Video edit(String uid, Map<String, ?> changes);

  /**
   * Deletes a video: {@code DELETE /accounts/{account_id}/stream/{identifier}}.
   *
   * @param uid the video
   * @return true if it was deleted, false if it did not exist (already deleted)
   * @throws CloudflareException on failure
   */
  boolean delete(String uid);

  /**
   * Uploads a video from a URL: {@code POST /accounts/{account_id}/stream/copy}. Never repeated
   * once the request may have reached Cloudflare.
   *
   * @param url a publicly reachable video URL
   * @param creator the creator to record, or null
   * @param meta metadata, or null
   * @return the new video (state {@code downloading})
   * @throws CloudflareException on failure
   */
  Video copyFromUrl(URI url, @Nullable String creator, @Nullable Map<String, Object> meta);

  /**
   * Creates a clip: {@code POST /accounts/{account_id}/stream/clip}. The answer's {@code status} is
   * a plain string; fetch the returned uid with {@link #video(String)} for the usual object. Never
   * repeated once the request may have reached Cloudflare.
   *
   * @param request the parent and the range
   * @return the new video as the clip answer describes it; the documented answer has no {@code
   *     uid}, so it is taken from the answer's preview, playback or thumbnail URL when missing
   * @throws CloudflareApiException with code {@code 10005} when the range exceeds the parent's
   *     duration (no clip needed), or another error
   * @throws CloudflareProtocolException when the answer names no uid at all: the clip may exist, so
   *     look for it ({@link #listAll}, {@code clippedFrom}) instead of asking again
   * @throws CloudflareException on any other failure
   */
  Video clip(ClipRequest request);
}
