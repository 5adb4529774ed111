package io.videokit.web.watch;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Which seconds of a video were watched, as {@code GET /api/videos/{uid}/heatmap} returns it.
 *
 * @param videoUid the video
 * @param durationSeconds the video's length in whole seconds (rounded up)
 * @param seconds per second, how many watch sessions were served its bytes
 * @param sessions how many sessions have watched seconds
 */
public record WatchHeatmap(
    @JsonProperty("video_uid") String videoUid,
    @JsonProperty("duration_seconds") int durationSeconds,
    int[] seconds,
    int sessions) {

  /**
   * Creates the heatmap.
   *
   * @param videoUid the video
   * @param durationSeconds the video's length in whole seconds
   * @param seconds per-second session counts (copied)
   * @param sessions how many sessions have watched seconds
   */
  public WatchHeatmap {
    seconds = seconds.clone();
  }

  /**
   * The per-second counts.
   *
   * @return a copy
   */
  @Override
  public int[] seconds() {
    return seconds.clone();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof WatchHeatmap that
        && videoUid.equals(that.videoUid)
        && durationSeconds == that.durationSeconds
        && sessions == that.sessions
        && Arrays.equals(seconds, that.seconds);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * videoUid.hashCode() + durationSeconds) + Arrays.hashCode(seconds);
  }

  @Override
  public String toString() {
    return "WatchHeatmap[" + videoUid + ", " + durationSeconds + " s, " + sessions + " sessions]";
  }
}
