package io.videokit.video;

/** The {@code errorReasonCode} values, as Cloudflare Stream names them. */
public final class VideoErrors {

  /** The file is not a video. */
  public static final String NON_VIDEO = "ERR_NON_VIDEO";

  /** The video is longer than allowed. */
  public static final String DURATION_EXCEED_CONSTRAINT = "ERR_DURATION_EXCEED_CONSTRAINT";

  /** The file could not be decoded. */
  public static final String MALFORMED_VIDEO = "ERR_MALFORMED_VIDEO";

  /** Anything else. */
  public static final String UNKNOWN = "ERR_UNKNOWN";

  private VideoErrors() {}
}
