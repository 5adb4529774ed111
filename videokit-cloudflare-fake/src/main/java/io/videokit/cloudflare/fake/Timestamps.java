package io.videokit.cloudflare.fake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** RFC 3339 timestamps as Cloudflare writes them: UTC, microseconds, {@code Z}. */
final class Timestamps {

  private static final DateTimeFormatter RFC_3339 =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  static String format(Instant instant) {
    return RFC_3339.format(instant);
  }

  /** Parses an RFC 3339 date-time; throws a 400 {@link ApiException} naming {@code field}. */
  static Instant parse(String value, String field) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(field + " is not an RFC 3339 date-time: " + value);
    }
  }
}
