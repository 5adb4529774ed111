package io.videokit.cloudflare;

import io.videokit.video.Video;
import java.util.List;

/**
 * One page of {@code GET /accounts/{account_id}/stream}.
 *
 * @param videos the videos of this page
 * @param total how many videos match in all ({@code total}), or -1 when not given
 * @param range how many are in this page ({@code range}), or -1 when not given
 */
public record VideoPage(List<Video> videos, long total, long range) {

  /** Copies the list. */
  public VideoPage {
    videos = List.copyOf(videos);
  }
}
