package io.videokit.core.range;

import java.util.List;

/**
 * What to answer to a request for a representation, as decided by {@link RangeEvaluator}.
 *
 * <p>Each case names its status code; the writer adds headers and the body.
 */
public sealed interface RangeDecision {

  /**
   * The HTTP status code of this decision.
   *
   * @return 200, 206, 304, 412 or 416
   */
  int status();

  /** 200: the whole representation (RFC 9110 §15.3.1). */
  record Full() implements RangeDecision {
    @Override
    public int status() {
      return 200;
    }
  }

  /**
   * 206: one range, or several as {@code multipart/byteranges} (RFC 9110 §15.3.7).
   *
   * @param ranges the ranges to send, never empty, in ascending order without overlaps
   */
  record Partial(List<ByteRange> ranges) implements RangeDecision {
    /** Copies and validates the ranges. */
    public Partial {
      ranges = List.copyOf(ranges);
      if (ranges.isEmpty()) {
        throw new IllegalArgumentException("a partial response needs at least one range");
      }
    }

    /**
     * Whether this answer needs a {@code multipart/byteranges} body.
     *
     * @return true for more than one range
     */
    public boolean isMultipart() {
      return ranges.size() > 1;
    }

    @Override
    public int status() {
      return 206;
    }
  }

  /** 304: the client's cached copy is current (RFC 9110 §15.4.5). */
  record NotModified() implements RangeDecision {
    @Override
    public int status() {
      return 304;
    }
  }

  /** 412: an {@code If-Match} or {@code If-Unmodified-Since} precondition failed (§15.5.13). */
  record PreconditionFailed() implements RangeDecision {
    @Override
    public int status() {
      return 412;
    }
  }

  /**
   * 416: no requested range overlaps the representation, or the set was refused as abusive; the
   * answer carries {@code Content-Range: bytes *}{@code /length} (RFC 9110 §15.5.17).
   *
   * @param reason why, for the problem body
   */
  record NotSatisfiable(String reason) implements RangeDecision {
    @Override
    public int status() {
      return 416;
    }
  }
}
