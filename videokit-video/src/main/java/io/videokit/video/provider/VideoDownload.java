package io.videokit.video.provider;

import org.jspecify.annotations.Nullable;

/**
 * An MP4 download of a video.
 *
 * @param state {@code inprogress}, {@code ready} or {@code error}
 * @param url where to download it once ready, else null
 * @param percentComplete generation progress, 0..100
 */
public record VideoDownload(String state, @Nullable String url, double percentComplete) {

  /**
   * Whether the file can be downloaded now.
   *
   * @return true when ready with a URL
   */
  public boolean isReady() {
    return "ready".equals(state) && url != null;
  }
}
