package io.videokit.core.storage;

/**
 * The requested media object does not exist, or the key is not allowed (outside the root, a hidden
 * segment, a link leading elsewhere). Both cases answer 404 so that probing learns nothing.
 */
public class MediaNotFoundException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was asked for and why it is not served (safe to show: no absolute paths)
   */
  public MediaNotFoundException(String message) {
    super(message);
  }
}
