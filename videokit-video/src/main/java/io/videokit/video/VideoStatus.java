package io.videokit.video;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A video's {@code status}, shaped like Cloudflare Stream's and read leniently (Cloudflare sends
 * {@code pctComplete} as a string and spells the error code two ways).
 *
 * @param state the wire name ({@code pendingupload}, {@code downloading}, {@code queued}, {@code
 *     inprogress}, {@code ready}, {@code error}), or null before the first synchronisation
 * @param pctComplete encoding progress in percent (0..100), parsed from Cloudflare's string, or
 *     null
 * @param errorReasonCode e.g. {@code ERR_DURATION_EXCEED_CONSTRAINT} (read from {@code
 *     errorReasonCode} or {@code errReasonCode}), or null
 * @param errorReasonText a readable explanation, or null
 */
public record VideoStatus(
    @Nullable String state,
    @Nullable Double pctComplete,
    @Nullable String errorReasonCode,
    @Nullable String errorReasonText) {

  /** The error code Cloudflare gives a video longer than its {@code maxDurationSeconds}. */
  public static final String ERR_DURATION_EXCEED_CONSTRAINT =
      VideoErrors.DURATION_EXCEED_CONSTRAINT;

  /**
   * A status without error; a ready video is 100 % complete.
   *
   * @param state the state
   * @return the status
   */
  public static VideoStatus of(VideoState state) {
    return new VideoStatus(state.wireName(), state == VideoState.READY ? 100.0 : null, null, null);
  }

  /**
   * An error status.
   *
   * @param code e.g. {@link VideoErrors#MALFORMED_VIDEO}
   * @param text a readable explanation
   * @return the status
   */
  public static VideoStatus error(String code, String text) {
    return new VideoStatus(VideoState.ERROR.wireName(), null, code, text);
  }

  /**
   * This status as Cloudflare writes it: {@code pctComplete} a decimal string with six places
   * ({@code "100.000000"}), absent values omitted.
   *
   * @return a JSON-native map
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    if (state != null) {
      map.put("state", state);
    }
    if (pctComplete != null) {
      map.put("pctComplete", String.format(Locale.ROOT, "%.6f", pctComplete));
    }
    if (errorReasonCode != null) {
      map.put("errorReasonCode", errorReasonCode);
    }
    if (errorReasonText != null) {
      map.put("errorReasonText", errorReasonText);
    }
    return map;
  }

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
