package io.videokit.core.range;

/**
 * Entity-tag comparison for {@code If-Match} and {@code If-None-Match} lists (RFC 9110 §8.8.3.2).
 */
final class EntityTags {

  private EntityTags() {}

  /**
   * Whether a list of entity tags (or {@code *}) matches the current strong tag.
   *
   * @param list the field value, e.g. {@code "a", W/"b"} or {@code *}
   * @param current the representation's strong tag including quotes
   * @param strong true for strong comparison (If-Match), false for weak (If-None-Match)
   * @return true on a match
   */
  static boolean matches(String list, String current, boolean strong) {
    String trimmed = list.strip();
    if (trimmed.equals("*")) {
      return true;
    }
    for (String element : trimmed.split(",")) {
      String tag = element.strip();
      boolean weak = tag.startsWith("W/");
      if (weak && strong) {
        continue;
      }
      String opaque = weak ? tag.substring(2) : tag;
      if (opaque.equals(current)) {
        return true;
      }
    }
    return false;
  }
}
