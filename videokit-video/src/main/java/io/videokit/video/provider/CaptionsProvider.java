package io.videokit.video.provider;

import java.util.List;

/** A provider that holds WebVTT captions per language for its videos. */
public interface CaptionsProvider extends VideoProvider {

  /**
   * Adds or replaces the captions of one language.
   *
   * @param uid the video's uid
   * @param language a BCP 47 language tag, e.g. {@code en}
   * @param webVtt the WebVTT file's bytes
   * @return the stored captions
   * @throws VideoProviderException if the provider refused (e.g. not WebVTT)
   */
  VideoCaption putCaption(String uid, String language, byte[] webVtt);

  /**
   * The captions of a video.
   *
   * @param uid the video's uid
   * @return one entry per language, possibly none
   * @throws VideoProviderException if the provider could not be asked
   */
  List<VideoCaption> captions(String uid);

  /**
   * Removes the captions of one language.
   *
   * @param uid the video's uid
   * @param language the language tag
   * @return true if there were any
   * @throws VideoProviderException if the provider could not be asked
   */
  boolean deleteCaption(String uid, String language);
}
