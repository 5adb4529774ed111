package io.videokit.core.range;

import java.util.Optional;

/**
 * One {@code range-spec} of a {@code Range} header before it is resolved against a length (RFC 9110
 * §14.1.1): {@code first-last}, {@code first-} or the suffix form {@code -length}.
 *
 * <p>Positions that do not fit a {@code long} are held as {@link Long#MAX_VALUE}, which resolves
 * the way an arbitrarily large number would.
 */
public sealed interface ByteRangeSpec {

  /**
   * Resolves this spec against a representation of the given length.
   *
   * <p>An end past the last byte is clamped; a first position at or past the end, a suffix of
   * length 0, or an empty representation is unsatisfiable.
   *
   * @param completeLength the representation's length in bytes, {@code >= 0}
   * @return the satisfiable range, or empty if this spec is unsatisfiable
   */
  Optional<ByteRange> resolve(long completeLength);

  /**
   * {@code first-last}: bytes {@code first} to {@code last} inclusive.
   *
   * @param first first byte offset
   * @param last last byte offset, inclusive, {@code >= first}
   */
  record Bounded(long first, long last) implements ByteRangeSpec {
    /** Validates that {@code 0 <= first <= last}. */
    public Bounded {
      if (first < 0 || last < first) {
        throw new IllegalArgumentException("invalid range-spec " + first + "-" + last);
      }
    }

    @Override
    public Optional<ByteRange> resolve(long completeLength) {
      if (first >= completeLength) {
        return Optional.empty();
      }
      return Optional.of(new ByteRange(first, Math.min(last, completeLength - 1)));
    }

    @Override
    public String toString() {
      return first + "-" + last;
    }
  }

  /**
   * {@code first-}: from byte {@code first} to the end.
   *
   * @param first first byte offset, {@code >= 0}
   */
  record FromOffset(long first) implements ByteRangeSpec {
    /** Validates that {@code first >= 0}. */
    public FromOffset {
      if (first < 0) {
        throw new IllegalArgumentException("invalid range-spec " + first + "-");
      }
    }

    @Override
    public Optional<ByteRange> resolve(long completeLength) {
      if (first >= completeLength) {
        return Optional.empty();
      }
      return Optional.of(new ByteRange(first, completeLength - 1));
    }

    @Override
    public String toString() {
      return first + "-";
    }
  }

  /**
   * {@code -length}: the last {@code length} bytes (the whole representation when it is shorter).
   *
   * @param length number of bytes from the end, {@code >= 0}
   */
  record Suffix(long length) implements ByteRangeSpec {
    /** Validates that {@code length >= 0}. */
    public Suffix {
      if (length < 0) {
        throw new IllegalArgumentException("invalid suffix-range -" + length);
      }
    }

    @Override
    public Optional<ByteRange> resolve(long completeLength) {
      if (length == 0 || completeLength == 0) {
        return Optional.empty();
      }
      return Optional.of(new ByteRange(Math.max(0, completeLength - length), completeLength - 1));
    }

    @Override
    public String toString() {
      return "-" + length;
    }
  }
}
