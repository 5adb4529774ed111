package io.videokit.broadcast.relay;

/**
 * The public ports relay listeners may bind, both ends included.
 *
 * @param first the lowest port
 * @param last the highest port
 */
public record PortRange(int first, int last) {

  /**
   * Checks the range.
   *
   * @param first the lowest port (1–65535)
   * @param last the highest port (at least {@code first})
   * @throws IllegalArgumentException if the range is empty or outside 1–65535
   */
  public PortRange {
    if (first < 1 || last > 65535 || first > last) {
      throw new IllegalArgumentException("not a port range: " + first + "-" + last);
    }
  }

  /**
   * Reads a range as configured.
   *
   * @param text {@code 40000-40099}, or one port
   * @return the range
   * @throws IllegalArgumentException if it is not a range
   */
  public static PortRange parse(String text) {
    String[] ends = text.trim().split("\\s*-\\s*", 2);
    try {
      int first = Integer.parseInt(ends[0]);
      return new PortRange(first, ends.length == 1 ? first : Integer.parseInt(ends[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a port range: " + text, e);
    }
  }

  /**
   * Whether a port is in the range.
   *
   * @param port a port
   * @return true if {@code first <= port <= last}
   */
  public boolean contains(int port) {
    return port >= first && port <= last;
  }

  /**
   * The range as configured.
   *
   * @return e.g. {@code 40000-40099}
   */
  @Override
  public String toString() {
    return first + "-" + last;
  }
}
