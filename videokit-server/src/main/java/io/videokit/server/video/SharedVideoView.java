package io.videokit.server.video;

import io.videokit.video.Video;
import io.videokit.video.VideoPlayback;
import io.videokit.video.provider.VideoProviders;
import io.videokit.web.PlaybackUrls;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Map;

/**
 * A shared video as the API answers it: the row and its video document, whichever provider holds
 * it.
 *
 * @param id the row's id
 * @param title the title
 * @param owner who shared it
 * @param created when it was shared
 * @param video the video document (Cloudflare Stream's video object: {@code uid}, {@code provider},
 *     {@code status {state, pctComplete, errorReasonCode, errorReasonText}}, {@code duration},
 *     {@code meta}…) as last synchronised, with {@code playback} as its provider plays it: an HLS
 *     and DASH manifest for Cloudflare, the range-streamable {@code file} for a self-hosted video;
 *     absolute URLs
 */
public record SharedVideoView(
    long id, String title, String owner, Instant created, Map<String, Object> video) {

  /**
   * The view of a row.
   *
   * @param row the row
   * @param providers the configured providers (playback URLs)
   * @param request the request being answered (its origin and context path)
   * @param urls makes the providers' paths such as {@code /api/videos/{uid}/file} absolute
   * @return its view
   */
  public static SharedVideoView of(
      SharedVideo row, VideoProviders providers, HttpServletRequest request, PlaybackUrls urls) {
    Video stored = row.getVideo();
    Video video = stored;
    VideoPlayback playback = providers.of(stored).map(p -> p.playback(stored)).orElse(null);
    if (playback != null) {
      video = stored.withPlayback(urls.absolute(request, playback));
    }
    return new SharedVideoView(
        row.getId(), row.getTitle(), row.getOwner(), row.getCreated(), video.toMap());
  }
}
