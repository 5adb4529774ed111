package io.videokit.video.provider;

import io.videokit.video.Video;
import io.videokit.video.VideoPlayback;
import java.time.Duration;

/** A provider that can restrict a video to viewers holding a signed, expiring URL. */
public interface SignedPlaybackProvider extends VideoProvider {

  /**
   * Playback URLs carrying a signed token.
   *
   * @param video a video of this provider
   * @param validFor how long the URLs work, at most a day
   * @return the signed URLs
   * @throws VideoProviderException if no token could be made
   */
  VideoPlayback signedPlayback(Video video, Duration validFor);
}
