package io.videokit.core.tus;

import java.time.Duration;

/**
 * Limits of a tus endpoint.
 *
 * @param maxSize the largest upload accepted, in bytes ({@code Tus-Max-Size}), {@code > 0}
 * @param expiration how long an unfinished upload lives after its last write
 * @param lockWait how long a request waits for another request on the same upload before answering
 *     423
 */
public record TusSettings(long maxSize, Duration expiration, Duration lockWait) {

  /** Validates the limits. */
  public TusSettings {
    if (maxSize <= 0) {
      throw new IllegalArgumentException("maxSize must be > 0: " + maxSize);
    }
    if (expiration.isNegative() || expiration.isZero()) {
      throw new IllegalArgumentException("expiration must be positive: " + expiration);
    }
  }
}
