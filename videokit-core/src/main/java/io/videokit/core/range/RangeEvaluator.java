package io.videokit.core.range;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides the answer to a {@code GET} or {@code HEAD} of a representation: conditional requests
 * first (RFC 9110 §13.2.2), then {@code If-Range} and {@code Range} (§13.1.5, §14.2).
 *
 * <p>Range sets are defended against abuse (CVE-2011-3192, CVE-2018-15756): more than {@link
 * #maxRanges()} specs are refused with 416, and overlapping or adjacent ranges are coalesced, so a
 * response never carries more bytes than the representation plus part headers. An optional cap
 * shortens a single range to at most {@link #maxRangeLength()} bytes (like django-sage-streaming's
 * {@code STREAM_MAX_LOAD_VOLUME}, but honouring the requested start and end otherwise).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param maxRanges the largest number of range specs accepted in one request, {@code >= 1}
 * @param maxRangeLength the largest length of a single-range 206 body in bytes, or {@code 0} for no
 *     cap
 */
public record RangeEvaluator(int maxRanges, long maxRangeLength) {

  /** Default limit on the number of range specs in one request, as Spring Framework's. */
  public static final int DEFAULT_MAX_RANGES = 100;

  /** Validates the limits. */
  public RangeEvaluator {
    if (maxRanges < 1) {
      throw new IllegalArgumentException("maxRanges must be >= 1: " + maxRanges);
    }
    if (maxRangeLength < 0) {
      throw new IllegalArgumentException("maxRangeLength must be >= 0: " + maxRangeLength);
    }
  }

  /**
   * An evaluator with {@link #DEFAULT_MAX_RANGES} and no cap on range length.
   *
   * @return the default evaluator
   */
  public static RangeEvaluator defaults() {
    return new RangeEvaluator(DEFAULT_MAX_RANGES, 0);
  }

  /**
   * Decides the answer.
   *
   * @param request the method and raw header values
   * @param representation length, strong ETag and last-modified time of what is asked for
   * @return the decision; never throws for malformed headers (they are ignored as RFC 9110 allows)
   */
  public RangeDecision evaluate(RangeRequest request, Representation representation) {
    boolean getOrHead = "GET".equals(request.method()) || "HEAD".equals(request.method());
    // RFC 9110 §13.2.2 step 1-2
    if (request.ifMatch() != null) {
      if (!EntityTags.matches(request.ifMatch(), representation.etag(), true)) {
        return new RangeDecision.PreconditionFailed();
      }
    } else if (request.ifUnmodifiedSince() != null) {
      Instant since = parseHttpDate(request.ifUnmodifiedSince());
      if (since != null && seconds(representation.lastModified()) > since.getEpochSecond()) {
        return new RangeDecision.PreconditionFailed();
      }
    }
    // step 3-4
    if (request.ifNoneMatch() != null) {
      if (EntityTags.matches(request.ifNoneMatch(), representation.etag(), false)) {
        return getOrHead ? new RangeDecision.NotModified() : new RangeDecision.PreconditionFailed();
      }
    } else if (getOrHead && request.ifModifiedSince() != null) {
      Instant since = parseHttpDate(request.ifModifiedSince());
      if (since != null && seconds(representation.lastModified()) <= since.getEpochSecond()) {
        return new RangeDecision.NotModified();
      }
    }
    // step 5: Range, only for GET (§14.2); HEAD answers as the GET without Range would
    if (!"GET".equals(request.method()) || request.range() == null) {
      return new RangeDecision.Full();
    }
    Optional<RangeHeader> header = RangeHeader.parse(request.range());
    if (header.isEmpty()) {
      return new RangeDecision.Full();
    }
    if (request.ifRange() != null && !ifRangeMatches(request.ifRange(), representation)) {
      return new RangeDecision.Full();
    }
    return decideRanges(header.get(), representation.length());
  }

  private RangeDecision decideRanges(RangeHeader header, long length) {
    if (header.specs().size() > maxRanges) {
      return new RangeDecision.NotSatisfiable(
          "too many ranges: " + header.specs().size() + " (at most " + maxRanges + ")");
    }
    List<ByteRange> satisfiable = new ArrayList<>(header.specs().size());
    for (ByteRangeSpec spec : header.specs()) {
      spec.resolve(length).ifPresent(satisfiable::add);
    }
    if (satisfiable.isEmpty()) {
      return new RangeDecision.NotSatisfiable(
          "no range of " + header + " overlaps the " + length + " bytes of the representation");
    }
    List<ByteRange> ranges = coalesce(satisfiable);
    if (ranges.size() == 1 && maxRangeLength > 0) {
      ranges = List.of(ranges.get(0).limitTo(maxRangeLength));
    }
    return new RangeDecision.Partial(ranges);
  }

  /** Sorts ranges and merges the overlapping or adjacent ones (RFC 9110 §14.2 allows this). */
  static List<ByteRange> coalesce(List<ByteRange> ranges) {
    if (ranges.size() == 1) {
      return ranges;
    }
    List<ByteRange> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparingLong(ByteRange::first));
    List<ByteRange> merged = new ArrayList<>(sorted.size());
    ByteRange current = sorted.get(0);
    for (int i = 1; i < sorted.size(); i++) {
      ByteRange next = sorted.get(i);
      if (next.first() <= current.last() + 1) {
        current = new ByteRange(current.first(), Math.max(current.last(), next.last()));
      } else {
        merged.add(current);
        current = next;
      }
    }
    merged.add(current);
    return merged;
  }

  private static boolean ifRangeMatches(String ifRange, Representation representation) {
    String value = ifRange.strip();
    if (value.startsWith("\"") || value.startsWith("W/")) {
      // §13.1.5: strong comparison; a weak tag never matches
      return !value.startsWith("W/") && value.equals(representation.etag());
    }
    Instant date = parseHttpDate(value);
    return date != null && date.getEpochSecond() == seconds(representation.lastModified());
  }

  private static long seconds(Instant instant) {
    return instant.getEpochSecond();
  }

  /**
   * Parses an IMF-fixdate (RFC 9110 §5.6.7), e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}.
   *
   * @param value the field value
   * @return the instant, or null when the value is not a valid date (the header is then ignored)
   */
  static @Nullable Instant parseHttpDate(String value) {
    try {
      return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
