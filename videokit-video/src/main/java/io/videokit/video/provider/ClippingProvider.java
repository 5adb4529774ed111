package io.videokit.video.provider;

import io.videokit.video.Video;

/** A provider that cuts a new video out of an existing one. */
public interface ClippingProvider extends VideoProvider {

  /**
   * Creates a clip: a new video holding a time range of a ready video. A creating call: never
   * repeated by videokit once the provider may have acted on it.
   *
   * @param uid the parent video's uid
   * @param startSeconds the clip's start in the parent, in seconds (at least 0)
   * @param endSeconds its end in seconds, greater than {@code startSeconds}
   * @return the new video (usually not ready yet)
   * @throws VideoProviderException if the provider refused (e.g. a range past the video's end)
   */
  Video clip(String uid, double startSeconds, double endSeconds);
}
