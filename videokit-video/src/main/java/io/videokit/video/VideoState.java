package io.videokit.video;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Processing state of a video, with Cloudflare Stream's wire names ({@code status.state}). */
public enum VideoState {
  /** Created, waiting for its bytes. */
  PENDING_UPLOAD("pendingupload"),
  /** Being fetched from a URL. */
  DOWNLOADING("downloading"),
  /** Bytes received, waiting to be processed. */
  QUEUED("queued"),
  /** Being processed. */
  IN_PROGRESS("inprogress"),
  /** Processed and playable. */
  READY("ready"),
  /** Processing failed; see {@code errorReasonCode}. */
  ERROR("error");

  private final String wireName;

  VideoState(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The name in JSON.
   *
   * @return e.g. {@code inprogress}
   */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /**
   * Reads a wire name.
   *
   * @param wireName e.g. {@code ready}
   * @return the state
   * @throws IllegalArgumentException for an unknown name
   */
  @JsonCreator
  public static VideoState fromWireName(String wireName) {
    return Arrays.stream(values())
        .filter(s -> s.wireName.equals(wireName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown video state " + wireName));
  }

  /**
   * Whether nothing more will happen to the video on its own.
   *
   * @return true for {@link #READY} and {@link #ERROR}
   */
  public boolean isTerminal() {
    return this == READY || this == ERROR;
  }
}
