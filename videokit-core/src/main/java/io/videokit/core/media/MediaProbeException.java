package io.videokit.core.media;

/** A file could not be probed as a video; {@link #errorCode()} says why, Cloudflare-style. */
public class MediaProbeException extends Exception {

  private static final long serialVersionUID = 1L;

  /** The Cloudflare-style reason code. */
  private final String errorCode;

  /**
   * Creates the exception.
   *
   * @param errorCode e.g. {@code ERR_NON_VIDEO} or {@code ERR_MALFORMED_VIDEO}
   * @param message explanation for a person
   */
  public MediaProbeException(String errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  /**
   * The Cloudflare-style reason code.
   *
   * @return e.g. {@code ERR_NON_VIDEO}
   */
  public String errorCode() {
    return errorCode;
  }
}
