package io.videokit.live;

/** A playlist that is not a well-formed RFC 8216 media playlist (§4); the message says why. */
public final class PlaylistException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, for a person (no playlist content beyond a line number)
   */
  public PlaylistException(String message) {
    super(message);
  }
}
