package io.videokit.broadcast;

import java.util.Locale;

/** Media-store keys of broadcasts: owners made safe path segments. */
final class StoragePaths {

  private static final int MAX_SEGMENT = 64;

  private StoragePaths() {}

  /** {@code live/{owner}/{id}/} with the owner sanitised. */
  static String prefix(String owner, String id) {
    return "live/" + segment(owner) + "/" + id + "/";
  }

  /**
   * A safe single path segment: characters outside {@code [a-z0-9._-]} (after lower-casing) become
   * {@code _}, a leading dot too (no {@code .} or {@code ..}), at most 64 characters, never empty.
   */
  static String segment(String owner) {
    StringBuilder out = new StringBuilder();
    String lower = owner.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length() && out.length() < MAX_SEGMENT; i++) {
      char c = lower.charAt(i);
      boolean safe =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
      out.append(safe && !(c == '.' && out.isEmpty()) ? c : '_');
    }
    return out.isEmpty() ? "_" : out.toString();
  }
}
