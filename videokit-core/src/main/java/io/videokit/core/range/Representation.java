package io.videokit.core.range;

import java.time.Instant;
import java.util.Objects;

/**
 * What the range evaluator needs to know about the selected representation (RFC 9110 §3.2, §8.8).
 *
 * @param length the representation's length in bytes, {@code >= 0}
 * @param etag its strong entity tag including the quotes, e.g. {@code "5f3-18c2a"}
 * @param lastModified when it last changed (UTC); compared at one-second precision, as HTTP dates
 *     carry no fraction
 */
public record Representation(long length, String etag, Instant lastModified) {

  /** Validates the fields. */
  public Representation {
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0: " + length);
    }
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(lastModified, "lastModified");
  }
}
