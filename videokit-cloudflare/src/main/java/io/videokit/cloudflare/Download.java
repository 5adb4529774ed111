package io.videokit.cloudflare;

import org.jspecify.annotations.Nullable;

/**
 * The default MP4 download of a video ({@code …/stream/{identifier}/downloads} → {@code
 * result.default}).
 *
 * @param status {@code inprogress}, {@code ready} or {@code error}
 * @param url where the MP4 will be, or null
 * @param percentComplete progress in percent (a number here, unlike {@code status.pctComplete})
 */
public record Download(String status, @Nullable String url, double percentComplete) {

  /**
   * Whether the file can be downloaded now.
   *
   * @return true when {@code status} is {@code ready} and there is a URL
   */
  public boolean isReady() {
    return "ready".equals(status) && url != null;
  }

  /**
   * Whether generating the file failed.
   *
   * @return true when {@code status} is {@code error}
   */
  public boolean isFailed() {
    return "error".equals(status);
  }
}
