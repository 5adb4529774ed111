package io.videokit.core.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed {@code Range} request header in the {@code bytes} unit (RFC 9110 §14.2).
 *
 * <p>Parsing is strict about the grammar ({@code bytes=} followed by a comma-separated list of
 * {@code first-last}, {@code first-} and {@code -suffix} specs, optional whitespace only around
 * commas) and returns empty for anything else, because RFC 9110 §14.2 lets a server ignore a {@code
 * Range} header it cannot parse and answer with the whole representation.
 *
 * @param specs the range specs in request order, never empty
 */
public record RangeHeader(List<ByteRangeSpec> specs) {

  /** The only range unit defined by HTTP and the one this parser understands. */
  public static final String BYTES_UNIT = "bytes";

  /** Copies and validates the specs. */
  public RangeHeader {
    specs = List.copyOf(specs);
    if (specs.isEmpty()) {
      throw new IllegalArgumentException("a Range header needs at least one range-spec");
    }
  }

  /**
   * Parses a {@code Range} field value.
   *
   * @param value the field value, e.g. {@code bytes=0-1023, -500}; may be null
   * @return the parsed header, or empty when the value is absent, uses another unit, or is not
   *     syntactically valid (the caller then ignores the header)
   */
  public static Optional<RangeHeader> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String trimmed = value.strip();
    int eq = trimmed.indexOf('=');
    if (eq <= 0 || !trimmed.substring(0, eq).toLowerCase(Locale.ROOT).equals(BYTES_UNIT)) {
      return Optional.empty();
    }
    List<ByteRangeSpec> specs = new ArrayList<>();
    for (String element : trimmed.substring(eq + 1).split(",", -1)) {
      String spec = element.strip();
      if (spec.isEmpty()) {
        continue; // RFC 9110 §5.6.1: recipients accept empty list elements
      }
      ByteRangeSpec parsed = parseSpec(spec);
      if (parsed == null) {
        return Optional.empty();
      }
      specs.add(parsed);
    }
    return specs.isEmpty() ? Optional.empty() : Optional.of(new RangeHeader(specs));
  }

  private static ByteRangeSpec parseSpec(String spec) {
    int dash = spec.indexOf('-');
    if (dash < 0 || dash != spec.lastIndexOf('-')) {
      return null;
    }
    String firstText = spec.substring(0, dash);
    String lastText = spec.substring(dash + 1);
    if (firstText.isEmpty()) {
      return isDigits(lastText) ? new ByteRangeSpec.Suffix(parsePosition(lastText)) : null;
    }
    if (!isDigits(firstText)) {
      return null;
    }
    long first = parsePosition(firstText);
    if (lastText.isEmpty()) {
      return new ByteRangeSpec.FromOffset(first);
    }
    if (!isDigits(lastText)) {
      return null;
    }
    long last = parsePosition(lastText);
    return last < first ? null : new ByteRangeSpec.Bounded(first, last);
  }

  private static boolean isDigits(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Parses digits, saturating at {@link Long#MAX_VALUE} instead of overflowing. */
  private static long parsePosition(String digits) {
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      int digit = digits.charAt(i) - '0';
      if (value > (Long.MAX_VALUE - digit) / 10) {
        return Long.MAX_VALUE;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  /** Returns the header in its wire form, e.g. {@code bytes=0-1,-500}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(BYTES_UNIT).append('=');
    for (int i = 0; i < specs.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(specs.get(i));
    }
    return sb.toString();
  }
}
