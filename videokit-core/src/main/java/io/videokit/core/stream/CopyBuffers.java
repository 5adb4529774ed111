package io.videokit.core.stream;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of copy buffers, so that a copied response does not allocate a fresh 64 KiB array
 * (JFR showed those at half of all allocation under range load). At most {@code capacity} buffers
 * are kept between uses, so the memory held is bounded; when the pool is empty a new buffer is
 * made, and when it is full a returned buffer is left to the garbage collector. A response shorter
 * than the buffer size gets an array of its own length instead, never pooled. Thread-safe.
 */
final class CopyBuffers {

  private final int size;
  private final int capacity;
  private final ConcurrentLinkedQueue<byte[]> idle = new ConcurrentLinkedQueue<>();
  private final AtomicInteger kept = new AtomicInteger();

  /**
   * Creates an empty pool.
   *
   * @param size length of each pooled buffer
   * @param capacity how many idle buffers are kept at most
   */
  CopyBuffers(int size, int capacity) {
    this.size = size;
    this.capacity = capacity;
  }

  /** A buffer for copying {@code length} bytes: pooled at full size, exact below it. */
  byte[] take(long length) {
    if (length < size) {
      return new byte[(int) Math.max(1, length)];
    }
    byte[] buffer = idle.poll();
    if (buffer == null) {
      return new byte[size];
    }
    kept.decrementAndGet();
    return buffer;
  }

  /** Gives a buffer from {@link #take} back; only full-size ones are kept, up to the capacity. */
  void give(byte[] buffer) {
    if (buffer.length != size) {
      return;
    }
    if (kept.incrementAndGet() > capacity) {
      kept.decrementAndGet();
      return;
    }
    idle.offer(buffer);
  }

  /** How many idle buffers the pool holds now. */
  int idle() {
    return kept.get();
  }
}
