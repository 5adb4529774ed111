package io.videokit.core.tus;

import org.jspecify.annotations.Nullable;

/** A tus request that cannot be honoured, with the catalogue entry that says how to answer. */
public class TusException extends Exception {

  private static final long serialVersionUID = 1L;

  /** The catalogue entry. */
  private final TusError error;

  /** The upload's offset to report with the refusal, or null. */
  private final @Nullable Long offset;

  /**
   * Creates the exception.
   *
   * @param error the catalogue entry (status and code)
   * @param detail what exactly was wrong, for the client (no paths or secrets)
   */
  public TusException(TusError error, String detail) {
    this(error, detail, null);
  }

  /**
   * Creates the exception for a refused write, answered with the bytes kept as {@code
   * Upload-Offset}.
   *
   * @param error the catalogue entry (status and code)
   * @param detail what exactly was wrong, for the client (no paths or secrets)
   * @param offset the upload's offset after the refusal, or null to send none
   */
  public TusException(TusError error, String detail, @Nullable Long offset) {
    super(detail);
    this.error = error;
    this.offset = offset;
  }

  /**
   * The catalogue entry.
   *
   * @return the error
   */
  public TusError error() {
    return error;
  }

  /**
   * The upload's offset to report as {@code Upload-Offset}.
   *
   * @return the offset, or null when the answer carries none
   */
  public @Nullable Long offset() {
    return offset;
  }
}
