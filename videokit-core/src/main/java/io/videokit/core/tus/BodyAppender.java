package io.videokit.core.tus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
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
 *
 * <p><b>Syncing ahead.</b> That final force has to write back every byte of the PATCH that the
 * kernel has not written yet, while the client waits: for a 50 MiB PATCH, tens of milliseconds
 * during which nothing is received. With {@code syncAhead}, every {@code syncEvery} bytes a
 * background {@code force(false)} starts writing back what is already in the file while the next
 * bytes arrive (what storage engines call {@code bytes_per_sync}), so the final force finds only
 * the tail left. At most one runs per copy: the next waits for it, which also bounds the dirty
 * pages one PATCH can leave behind. It is an optimisation only: the caller's final force is what
 * makes an acknowledged byte durable, and a failed background force fails the copy (on Linux a
 * write-back error is reported once, so it must not be dropped). The copy returns only after its
 * background force ended, so the caller may close the channel.
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
  private final long syncEvery;
  private final @Nullable ExecutorService syncs;

  /** An appender that never syncs ahead. */
  BodyAppender(int size, int pooled) {
    this(size, pooled, 0, null);
  }

  /**
   * @param syncEvery bytes between two background forces of a {@code syncAhead} copy
   * @param syncs runs the background forces; {@code null} when {@code syncEvery} is 0
   */
  BodyAppender(int size, int pooled, long syncEvery, @Nullable ExecutorService syncs) {
    this.size = size;
    this.pool = new ArrayBlockingQueue<>(pooled);
    this.syncEvery = syncEvery;
    this.syncs = syncs;
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
    copy(in, out, maxBytes, digest, copied, false);
  }

  /**
   * As {@link #copy(InputStream, FileChannel, long, MessageDigest, long[])}; with {@code
   * syncAhead}, forces what was written in the background every {@code syncEvery} bytes (see the
   * class comment), and returns once no background force runs.
   *
   * @throws IOException also when a background force failed
   */
  void copy(
      InputStream in,
      FileChannel out,
      long maxBytes,
      @Nullable MessageDigest digest,
      long[] copied,
      boolean syncAhead)
      throws IOException {
    byte[] buffer = take();
    SyncAhead ahead = syncAhead && syncs != null && syncEvery > 0 ? new SyncAhead(out) : null;
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
        if (ahead != null) {
          ahead.wrote(copied[0]);
        }
      }
    } catch (IOException | RuntimeException | Error failure) {
      if (ahead != null) {
        try {
          ahead.await();
        } catch (IOException also) {
          failure.addSuppressed(also);
        }
      }
      throw failure;
    } finally {
      pool.offer(buffer);
    }
    if (ahead != null) {
      ahead.await();
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

  /** The background forces of one copy: at most one at a time, every {@link #syncEvery} bytes. */
  private final class SyncAhead {
    private final FileChannel out;
    private long forcedUpTo;
    private @Nullable Future<?> running;

    SyncAhead(FileChannel out) {
      this.out = out;
    }

    /** After a write: starts a background force once {@link #syncEvery} more bytes are written. */
    void wrote(long written) throws IOException {
      if (written - forcedUpTo < syncEvery) {
        return;
      }
      await();
      forcedUpTo = written;
      running =
          syncs.submit(() -> {
            try {
              out.force(false);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }

    /** Waits for the running background force; throws what it failed with. */
    void await() throws IOException {
      Future<?> force = running;
      if (force == null) {
        return;
      }
      running = null;
      boolean interrupted = false;
      try {
        while (true) {
          try {
            force.get();
            return;
          } catch (InterruptedException e) {
            interrupted = true; // never return while the force may still use the channel
          }
        }
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UncheckedIOException unchecked) {
          throw unchecked.getCause();
        }
        throw new IOException("background force of an upload failed", cause);
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
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
