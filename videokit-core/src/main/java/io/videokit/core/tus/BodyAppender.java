package io.videokit.core.tus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * Copies a tus request body into a file in large writes: the body is read until a buffer of {@link
 * #BUFFER} bytes is full (a servlet container hands over a few KiB per read) and only then written,
 * so a 50 MiB PATCH is 800 writes instead of 6,400. Buffers come from a small bounded pool and go
 * back after the copy; when the pool is empty (more concurrent PATCHes than it holds) a fresh
 * buffer is made and dropped afterwards, so memory stays bounded by {@code pooled} buffers plus
 * those in use.
 *
 * <p>When the body breaks off (the client went away), what was read is still written before the
 * error is passed on, so the file holds every byte that arrived; forcing it to disk is the caller's
 * one {@link FileChannel#force} per PATCH.
 */
final class BodyAppender {

  /**
   * The size of each buffer: 8 times fewer writes than the container's 8 KiB reads, yet small
   * enough to stay in the CPU cache; 1 MiB buffers measured twice the CPU per GiB (three copies of
   * each byte through memory instead of cache).
   */
  static final int BUFFER = 64 * 1024;

  private final int size;
  private final ArrayBlockingQueue<byte[]> pool;

  BodyAppender(int size, int pooled) {
    this.size = size;
    this.pool = new ArrayBlockingQueue<>(pooled);
  }

  /**
   * Appends at most {@code maxBytes} of {@code in} to {@code out} (opened for appending).
   *
   * @param digest updated with every byte copied, or {@code null}
   * @param copied {@code copied[0]} counts the bytes written to {@code out}, also when this throws
   */
  void copy(
      InputStream in, FileChannel out, long maxBytes, @Nullable MessageDigest digest, long[] copied)
      throws IOException {
    byte[] buffer = take();
    try {
      boolean more = true;
      while (more && copied[0] < maxBytes) {
        int filled = 0;
        int want = (int) Math.min(buffer.length, maxBytes - copied[0]);
        try {
          while (filled < want) {
            int n = in.read(buffer, filled, want - filled);
            if (n < 0) {
              more = false;
              break;
            }
            filled += n;
          }
        } finally {
          write(buffer, filled, out, digest, copied); // what arrived is kept, even on a failure
        }
      }
    } finally {
      pool.offer(buffer);
    }
  }

  private static void write(
      byte[] buffer, int length, FileChannel out, @Nullable MessageDigest digest, long[] copied)
      throws IOException {
    if (digest != null) {
      digest.update(buffer, 0, length);
    }
    ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, length);
    while (bytes.hasRemaining()) {
      copied[0] += out.write(bytes);
    }
  }

  /** How many idle buffers the pool holds now. */
  int idle() {
    return pool.size();
  }

  private byte[] take() {
    byte[] buffer = pool.poll();
    return buffer != null ? buffer : new byte[size];
  }
}
