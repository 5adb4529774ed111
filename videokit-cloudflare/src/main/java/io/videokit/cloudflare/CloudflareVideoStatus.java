package io.videokit.cloudflare;

import io.videokit.core.video.VideoState;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A Cloudflare video's {@code status}, read leniently.
 *
 * @param state the wire name ({@code pendingupload}, {@code downloading}, {@code queued}, {@code
 *     inprogress}, {@code ready}, {@code error}), or null before the first synchronisation
 * @param pctComplete encoding progress in percent (0..100), parsed from Cloudflare's string, or
 *     null
 * @param errorReasonCode e.g. {@code ERR_DURATION_EXCEED_CONSTRAINT} (read from {@code
 *     errorReasonCode} or {@code errReasonCode}), or null
 * @param errorReasonText a readable explanation, or null
 */
public record CloudflareVideoStatus(
    @Nullable String state,
    @Nullable Double pctComplete,
    @Nullable String errorReasonCode,
    @Nullable String errorReasonText) {

  /** The error code Cloudflare gives a video longer than its {@code maxDurationSeconds}. */
  public static final String ERR_DURATION_EXCEED_CONSTRAINT = "ERR_DURATION_EXCEED_CONSTRAINT";

  /**
   * The state, if videokit knows its name.
   *
   * @return the state, or empty
   */
  public Optional<VideoState> knownState() {
    return Arrays.stream(VideoState.values()).filter(s -> s.wireName().equals(state)).findFirst();
  }

  /**
   * Whether the state is {@code error}.
   *
   * @return true for a failed video
   */
  public boolean isError() {
    return knownState().orElse(null) == VideoState.ERROR;
  }
}
