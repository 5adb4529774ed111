package io.videokit.server.cloudflare;

import io.videokit.video.Video;
import io.videokit.video.VideoStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A shared video as the API answers it: the row and the synchronised Cloudflare facts.
 *
 * @param id the row's id
 * @param title the title
 * @param owner who shared it
 * @param created when it was shared
 * @param uid the Cloudflare video uid
 * @param state Cloudflare's {@code status.state} ({@code pendingupload}, {@code queued}, {@code
 *     inprogress}, {@code ready}, {@code error}…), null until the first synchronisation
 * @param pctComplete processing progress in percent, when Cloudflare reports it
 * @param errorReasonCode Cloudflare's error code for state {@code error}
 * @param errorReasonText Cloudflare's error text for state {@code error}
 * @param readyToStream whether it can be played
 * @param duration length in seconds, null while unknown
 * @param thumbnail thumbnail URL, once known
 * @param downloadUrl URL of the MP4 download, once Cloudflare has made it
 * @param playback HLS and DASH manifest URLs, once known
 */
public record SharedVideoView(
    long id,
    String title,
    String owner,
    Instant created,
    String uid,
    @Nullable String state,
    @Nullable Double pctComplete,
    @Nullable String errorReasonCode,
    @Nullable String errorReasonText,
    boolean readyToStream,
    @Nullable Double duration,
    @Nullable String thumbnail,
    @Nullable String downloadUrl,
    Playback playback) {

  /**
   * Manifest URLs.
   *
   * @param hls the HLS manifest ({@code .m3u8}), or null
   * @param dash the DASH manifest ({@code .mpd}), or null
   */
  public record Playback(@Nullable String hls, @Nullable String dash) {}

  /**
   * The view of a row.
   *
   * @param video the row
   * @return its view
   */
  public static SharedVideoView of(SharedVideo video) {
    Video cloudflare = video.getVideo();
    VideoStatus status = cloudflare.status();
    double duration = cloudflare.duration();
    return new SharedVideoView(
        video.getId(),
        video.getTitle(),
        video.getOwner(),
        video.getCreated(),
        cloudflare.uid(),
        status.state(),
        status.pctComplete(),
        status.errorReasonCode(),
        status.errorReasonText(),
        cloudflare.readyToStream(),
        duration >= 0 ? duration : null,
        cloudflare.thumbnail(),
        cloudflare.downloadUrl(),
        new Playback(cloudflare.playback().hls(), cloudflare.playback().dash()));
  }
}
