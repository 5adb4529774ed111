package io.videokit.video.provider;

import java.util.Optional;

/** A provider that makes an MP4 file of a video available for download. */
public interface DownloadingProvider extends VideoProvider {

  /**
   * Starts generating the download. A creating call.
   *
   * @param uid a ready video's uid
   * @return the download's state
   * @throws VideoProviderException if the provider refused
   */
  VideoDownload createDownload(String uid);

  /**
   * The download's current state.
   *
   * @param uid the video's uid
   * @return the state, or empty when none was created
   * @throws VideoProviderException if the provider could not be asked
   */
  Optional<VideoDownload> download(String uid);
}
