package io.videokit.cloudflare.sync;

import io.videokit.video.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link CloudflareVideoSync} needs to know: how often to refresh an unfinished video, when to
 * give up, the automatic trim and what to do with a video over the duration limit.
 *
 * @param initialDelay first wait between two refreshes of an unfinished video
 * @param maxDelay longest wait between two refreshes
 * @param giveUpAfter stop refreshing after this long without reaching ready or error
 * @param automaticTrim whether ready videos longer than {@code trimDurationSeconds} are clipped
 * @param trimDurationSeconds length of the automatic trim, or null for none
 * @param durationExceeded outcome of {@code ERR_DURATION_EXCEED_CONSTRAINT}
 */
public record CloudflareSyncSettings(
    Duration initialDelay,
    Duration maxDelay,
    Duration giveUpAfter,
    boolean automaticTrim,
    @Nullable Integer trimDurationSeconds,
    DurationExceededAction durationExceeded) {

  /**
   * Checks the settings are all present.
   *
   * @param initialDelay first wait
   * @param maxDelay longest wait
   * @param giveUpAfter upper bound of a synchronisation
   * @param automaticTrim whether ready videos are trimmed
   * @param trimDurationSeconds trim length, or null
   * @param durationExceeded outcome of a duration refusal
   */
  public CloudflareSyncSettings {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(giveUpAfter, "giveUpAfter");
    Objects.requireNonNull(durationExceeded, "durationExceeded");
  }

  /**
   * The backoff between two refreshes of an unfinished video: from {@code initialDelay}, doubling
   * per attempt up to {@code maxDelay} (at least {@code initialDelay}), each wait between three
   * quarters and all of that. Bounded by {@code giveUpAfter}, not by a count of attempts.
   *
   * @return the policy
   */
  public RetryPolicy refreshPolicy() {
    Duration max = maxDelay.compareTo(initialDelay) < 0 ? initialDelay : maxDelay;
    return new RetryPolicy(initialDelay, max, Integer.MAX_VALUE, 0.25);
  }
}
