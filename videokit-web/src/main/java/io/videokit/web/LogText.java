package io.videokit.web;

import org.jspecify.annotations.Nullable;

/**
 * Request-supplied text made safe for one log line: control characters (CR, LF, C1 controls …)
 * become {@code ?} and the text is cut to a bounded length, so a client can neither forge log lines
 * nor flood the log.
 */
public final class LogText {

  /** Longest text kept, in characters. */
  public static final int MAX_LENGTH = 200;

  private LogText() {}

  /**
   * The text as it may be logged.
   *
   * @param text what the request carried, or null
   * @return the text with controls replaced and at most {@link #MAX_LENGTH} characters (plus an
   *     ellipsis), or {@code "-"} for null
   */
  public static String of(@Nullable String text) {
    if (text == null) {
      return "-";
    }
    int length = Math.min(text.length(), MAX_LENGTH);
    StringBuilder sb = new StringBuilder(length + 1);
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    if (text.length() > MAX_LENGTH) {
      sb.append('…');
    }
    return sb.toString();
  }
}
