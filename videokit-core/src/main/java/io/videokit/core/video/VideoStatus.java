package io.videokit.core.video;

import org.jspecify.annotations.Nullable;

/**
 * A video's {@code status} object, shaped like Cloudflare Stream's.
 *
 * @param state the processing state
 * @param pctComplete progress as a decimal string, e.g. {@code "39.000000"} (Cloudflare sends a
 *     string)
 * @param errorReasonCode e.g. {@code ERR_NON_VIDEO}, when {@code state} is {@code error}
 * @param errorReasonText a readable explanation of the error
 */
public record VideoStatus(
    VideoState state,
    @Nullable String pctComplete,
    @Nullable String errorReasonCode,
    @Nullable String errorReasonText) {

  /**
   * A status without progress or error.
   *
   * @param state the state
   * @return the status
   */
  public static VideoStatus of(VideoState state) {
    return new VideoStatus(state, state == VideoState.READY ? "100.000000" : null, null, null);
  }

  /**
   * An error status.
   *
   * @param code e.g. {@code ERR_MALFORMED_VIDEO}
   * @param text explanation
   * @return the status
   */
  public static VideoStatus error(String code, String text) {
    return new VideoStatus(VideoState.ERROR, null, code, text);
  }
}
