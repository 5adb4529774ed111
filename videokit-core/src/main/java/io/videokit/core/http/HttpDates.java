package io.videokit.core.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** HTTP dates in the IMF-fixdate form RFC 9110 §5.6.7 requires senders to use. */
public final class HttpDates {

  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  /** The last date formatted: a file's Last-Modified is asked for on every range request. */
  private static volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

  private HttpDates() {}

  /** One formatted second. */
  private record Formatted(long second, String text) {}

  /**
   * Formats an instant for a header such as {@code Last-Modified} or {@code Upload-Expires}.
   *
   * @param instant the instant (UTC); sub-second parts are dropped
   * @return e.g. {@code Fri, 05 Jan 2024 10:00:00 GMT}
   */
  public static String format(Instant instant) {
    long second = instant.getEpochSecond();
    Formatted known = last;
    if (known.second() == second) {
      return known.text();
    }
    String text = IMF_FIXDATE.format(instant);
    last = new Formatted(second, text);
    return text;
  }
}
