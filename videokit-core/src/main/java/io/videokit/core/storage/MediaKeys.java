package io.videokit.core.storage;

/**
 * Validation of media keys: relative, {@code /}-separated paths that can never leave their root.
 */
public final class MediaKeys {

  /** Longest key accepted, in characters. */
  public static final int MAX_LENGTH = 1024;

  private MediaKeys() {}

  /**
   * Checks a key supplied by a client and returns it normalised.
   *
   * <p>Refused: empty keys, keys over {@link #MAX_LENGTH}, absolute paths, drive letters,
   * backslashes, control characters (NUL included), and any segment that is empty, {@code .},
   * {@code ..} or starts with a dot (hidden files, such as the upload area).
   *
   * @param key the client-supplied key (already URL-decoded)
   * @return the key, unchanged
   * @throws MediaNotFoundException if the key is not allowed
   */
  public static String requireSafe(String key) throws MediaNotFoundException {
    if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
      throw new MediaNotFoundException("no such media: empty or over-long path");
    }
    if (key.startsWith("/") || key.indexOf('\\') >= 0 || startsWithDrive(key)) {
      throw new MediaNotFoundException("no such media: the path must be relative");
    }
    for (int i = 0; i < key.length(); i++) {
      if (Character.isISOControl(key.charAt(i))) {
        throw new MediaNotFoundException("no such media: control character in path");
      }
    }
    int segment = 0; // where the current segment starts; no split: this runs on every read
    for (int i = 0; i <= key.length(); i++) {
      if (i == key.length() || key.charAt(i) == '/') {
        if (i == segment || key.charAt(segment) == '.') {
          throw new MediaNotFoundException(
              "no such media: path segments may not be empty or start with '.'");
        }
        segment = i + 1;
      }
    }
    return key;
  }

  /** {@code C:…}: a Windows drive, whatever follows (no regex: this runs on every read). */
  private static boolean startsWithDrive(String key) {
    if (key.length() < 2 || key.charAt(1) != ':') {
      return false;
    }
    char drive = key.charAt(0);
    return (drive >= 'A' && drive <= 'Z') || (drive >= 'a' && drive <= 'z');
  }
}
