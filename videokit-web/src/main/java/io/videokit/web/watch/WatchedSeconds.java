package io.videokit.web.watch;

import io.videokit.core.media.TimeIndex;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The whole seconds of a video one watch session was served, as a bitmap (bit {@code n} is second
 * {@code n}; stored little-endian, about 450 bytes for an hour). Seconds past {@link #MAX_SECONDS}
 * are not kept.
 */
public final class WatchedSeconds {

  /** The longest video a bitmap covers: 24 hours. */
  public static final int MAX_SECONDS = 24 * 60 * 60;

  private final BitSet bits;

  private WatchedSeconds(BitSet bits) {
    this.bits = bits;
  }

  /**
   * No second watched.
   *
   * @return an empty bitmap
   */
  public static WatchedSeconds none() {
    return new WatchedSeconds(new BitSet());
  }

  /**
   * A stored bitmap.
   *
   * @param stored the stored form, or null for none
   * @return the bitmap
   */
  public static WatchedSeconds of(byte @Nullable [] stored) {
    return new WatchedSeconds(stored == null ? new BitSet() : BitSet.valueOf(stored));
  }

  /**
   * The seconds that served byte spans show, through a file's time index: a span in the {@code
   * moov} or past the last packet adds nothing.
   *
   * @param index the file's time index
   * @param spans served spans, each {@code [first, last]} inclusive
   * @return the bitmap
   */
  public static WatchedSeconds of(TimeIndex index, List<long[]> spans) {
    WatchedSeconds watched = none();
    for (long[] span : spans) {
      Optional<int[]> seconds = index.seconds(span[0], span[1]);
      if (seconds.isPresent() && seconds.get()[0] < MAX_SECONDS) {
        watched.bits.set(seconds.get()[0], Math.min(MAX_SECONDS, seconds.get()[1] + 1));
      }
    }
    return watched;
  }

  /**
   * Whether a second was watched.
   *
   * @param second zero-based second
   * @return true if it was
   */
  public boolean contains(int second) {
    return second >= 0 && bits.get(second);
  }

  /**
   * One past the last watched second.
   *
   * @return 0 when nothing was watched
   */
  public int length() {
    return bits.length();
  }

  /**
   * Whether nothing was watched.
   *
   * @return true if empty
   */
  public boolean isEmpty() {
    return bits.isEmpty();
  }

  /**
   * This bitmap with another's seconds added.
   *
   * @param other more watched seconds
   * @return the union (a new bitmap)
   */
  public WatchedSeconds plus(WatchedSeconds other) {
    BitSet union = (BitSet) bits.clone();
    union.or(other.bits);
    return new WatchedSeconds(union);
  }

  /**
   * Adds one to the count of every watched second below {@code counts.length}.
   *
   * @param counts per-second counts
   */
  public void addTo(int[] counts) {
    for (int s = bits.nextSetBit(0); s >= 0 && s < counts.length; s = bits.nextSetBit(s + 1)) {
      counts[s]++;
    }
  }

  /**
   * The stored form.
   *
   * @return little-endian bytes of the bitmap (empty when nothing was watched)
   */
  public byte[] toBytes() {
    return bits.toByteArray();
  }
}
