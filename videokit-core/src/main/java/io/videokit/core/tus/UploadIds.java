package io.videokit.core.tus;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The shape of upload ids, shared by every {@link UploadStore}: a normal or final upload's id is
 * also the uid of the video it becomes, so the shape is videokit's, not a store's choice.
 */
public final class UploadIds {

  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private UploadIds() {}

  /**
   * A new random upload id.
   *
   * @return 32 lower-case hex characters (128 random bits)
   */
  public static String random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Whether a string has the shape of an upload id.
   *
   * @param id any string, or null
   * @return true for 32 lower-case hex characters
   */
  public static boolean isValid(@Nullable String id) {
    return id != null && ID.matcher(id).matches();
  }
}
