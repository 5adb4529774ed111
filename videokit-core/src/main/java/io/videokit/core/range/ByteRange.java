package io.videokit.core.range;

/**
 * An inclusive span of bytes {@code first..last} of a representation whose length is known.
 *
 * <p>This is the resolved form of a range: both positions are zero-based byte offsets, {@code last}
 * is inclusive (as in the HTTP wire format), and {@code first <= last}. See RFC 9110 §14.1.1.
 *
 * @param first offset of the first byte, in bytes, {@code >= 0}
 * @param last offset of the last byte, inclusive, in bytes, {@code >= first}
 */
public record ByteRange(long first, long last) {

  /**
   * Validates the positions.
   *
   * @throws IllegalArgumentException if {@code first < 0} or {@code last < first}
   */
  public ByteRange {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("invalid byte range " + first + "-" + last);
    }
  }

  /**
   * The whole representation as one range.
   *
   * @param completeLength the representation's length in bytes, {@code > 0}
   * @return {@code 0..completeLength-1}
   * @throws IllegalArgumentException if {@code completeLength <= 0}
   */
  public static ByteRange whole(long completeLength) {
    return new ByteRange(0, completeLength - 1);
  }

  /**
   * Number of bytes in this range.
   *
   * @return {@code last - first + 1}, in bytes
   */
  public long length() {
    return last - first + 1;
  }

  /**
   * This range shortened to at most {@code maxLength} bytes, keeping its first byte.
   *
   * @param maxLength the largest length allowed, in bytes, {@code > 0}
   * @return this range if it is short enough, else {@code first..first+maxLength-1}
   */
  public ByteRange limitTo(long maxLength) {
    if (maxLength <= 0) {
      throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
    }
    return length() <= maxLength ? this : new ByteRange(first, first + maxLength - 1);
  }

  /**
   * The {@code Content-Range} field value for this range (RFC 9110 §14.4).
   *
   * @param completeLength the representation's length in bytes
   * @return e.g. {@code bytes 0-1/1048576}
   */
  public String toContentRange(long completeLength) {
    return "bytes " + first + "-" + last + "/" + completeLength;
  }

  /** Returns the range in its {@code first-last} wire form. */
  @Override
  public String toString() {
    return first + "-" + last;
  }
}
