package io.videokit.core.tus;

/** A tus request that cannot be honoured, with the catalogue entry that says how to answer. */
public class TusException extends Exception {

  private static final long serialVersionUID = 1L;

  /** The catalogue entry. */
  private final TusError error;

  /**
   * Creates the exception.
   *
   * @param error the catalogue entry (status and code)
   * @param detail what exactly was wrong, for the client (no paths or secrets)
   */
  public TusException(TusError error, String detail) {
    super(detail);
    this.error = error;
  }

  /**
   * The catalogue entry.
   *
   * @return the error
   */
  public TusError error() {
    return error;
  }
}
