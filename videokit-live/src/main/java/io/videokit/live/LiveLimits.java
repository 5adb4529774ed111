package io.videokit.live;

/**
 * Abuse limits of one broadcast's ingest.
 *
 * @param maxSegmentBytes largest segment accepted, in bytes; a bigger one is answered 413 and
 *     nothing is kept
 * @param maxPlaylistSegments most segments one playlist may name (a live playlist is a sliding
 *     window; an event playlist grows for the whole broadcast)
 */
public record LiveLimits(long maxSegmentBytes, int maxPlaylistSegments) {

  /** Default segment size limit: 64 MiB. */
  public static final long DEFAULT_MAX_SEGMENT_BYTES = 64L * 1024 * 1024;

  /** Default playlist length limit: 20,000 segments (11 hours of 2-second segments). */
  public static final int DEFAULT_MAX_PLAYLIST_SEGMENTS = 20_000;

  /**
   * Validates the limits.
   *
   * @throws IllegalArgumentException if a limit is not positive
   */
  public LiveLimits {
    if (maxSegmentBytes <= 0 || maxPlaylistSegments <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /**
   * The default limits.
   *
   * @return 64 MiB segments, 20,000 segments per playlist
   */
  public static LiveLimits defaults() {
    return new LiveLimits(DEFAULT_MAX_SEGMENT_BYTES, DEFAULT_MAX_PLAYLIST_SEGMENTS);
  }
}
