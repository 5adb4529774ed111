package io.videokit.core.tus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Limits of a tus endpoint.
 *
 * @param maxSize the largest upload accepted, in bytes ({@code Tus-Max-Size}), {@code > 0}
 * @param expiration how long an unfinished upload lives after its last write
 * @param lockWait how long a request waits for another request on the same upload before answering
 *     423
 * @param quotaPerUser the most bytes one user may hold, in bytes: their stored videos ({@link
 *     UserUsage}) plus their unfinished uploads (the declared {@code Upload-Length}, or the bytes
 *     received so far while the length is deferred); {@code 0} for no quota. Staff are exempt.
 * @param maxConcurrentPerUser the most unfinished uploads one user may have at once; {@code 0} for
 *     no limit. Staff are exempt.
 * @param minFreeSpace the bytes that must stay free on the volume of every path in {@code
 *     watchedPaths}: a creation or write that would go below is refused with 507; {@code 0} for no
 *     floor. Applies to everyone.
 * @param watchedPaths directories whose volumes keep the floor (the upload directory, the media
 *     root)
 */
public record TusSettings(
    long maxSize,
    Duration expiration,
    Duration lockWait,
    long quotaPerUser,
    int maxConcurrentPerUser,
    long minFreeSpace,
    List<Path> watchedPaths) {

  /** Validates the limits. */
  public TusSettings {
    if (maxSize <= 0) {
      throw new IllegalArgumentException("maxSize must be > 0: " + maxSize);
    }
    if (expiration.isNegative() || expiration.isZero()) {
      throw new IllegalArgumentException("expiration must be positive: " + expiration);
    }
    if (quotaPerUser < 0 || maxConcurrentPerUser < 0 || minFreeSpace < 0) {
      throw new IllegalArgumentException("quota, concurrency and free-space limits must be >= 0");
    }
    watchedPaths = List.copyOf(watchedPaths);
  }

  /**
   * Limits without a per-user quota, concurrency limit or free-space floor.
   *
   * @param maxSize the largest upload accepted, in bytes, {@code > 0}
   * @param expiration how long an unfinished upload lives after its last write
   * @param lockWait how long a request waits for the upload's lock before answering 423
   */
  public TusSettings(long maxSize, Duration expiration, Duration lockWait) {
    this(maxSize, expiration, lockWait, 0, 0, 0, List.of());
  }
}
