package io.videokit.web.cloudflare;

import io.videokit.cloudflare.SignedUrls;
import io.videokit.cloudflare.TokenRequest;
import io.videokit.video.Video;
import io.videokit.video.VideoPlayback;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Playback URLs of a Cloudflare video for a viewer the application has already authorised: public
 * videos as they are, private ones ({@code requireSignedURLs}) with a fresh token (self-signed with
 * the configured signing key, else from the token endpoint).
 */
public class CloudflarePlayback {

  /**
   * Where to play a video.
   *
   * @param uid the video's uid
   * @param hls the HLS manifest URL, or null
   * @param dash the DASH manifest URL, or null
   * @param signed whether the URLs carry a token
   * @param expiresAt when the token expires (UTC), or null for public videos
   */
  public record Urls(
      String uid,
      @Nullable String hls,
      @Nullable String dash,
      boolean signed,
      @Nullable Instant expiresAt) {}

  private final SignedUrls signedUrls;
  private final Duration ttl;
  private final Clock clock;

  /**
   * The service.
   *
   * @param signedUrls token source
   * @param ttl token lifetime
   * @param clock the clock
   */
  public CloudflarePlayback(SignedUrls signedUrls, Duration ttl, Clock clock) {
    this.signedUrls = signedUrls;
    this.ttl = ttl;
    this.clock = clock;
  }

  /**
   * The playback URLs of a video.
   *
   * @param video the video (as stored in an attribute)
   * @return its URLs, signed when it is private
   * @throws io.videokit.cloudflare.CloudflareException when a token had to come from the API and
   *     that failed
   */
  public Urls urls(Video video) {
    if (!video.requireSignedUrls()) {
      VideoPlayback playback = video.playback();
      return new Urls(video.uid(), playback.hls(), playback.dash(), false, null);
    }
    Instant expiresAt = clock.instant().plus(ttl);
    VideoPlayback playback = signedUrls.playback(video, TokenRequest.until(expiresAt));
    return new Urls(video.uid(), playback.hls(), playback.dash(), true, expiresAt);
  }
}
