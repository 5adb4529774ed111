package io.videokit.core.tus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A real file channel that records the size of each write and counts the forces. */
final class CountingFileChannel extends FileChannel {

  final FileChannel real;
  final List<Integer> writes;
  final int[] forces;

  /** Forces running now (background forces run on another thread). */
  final AtomicInteger forcing = new AtomicInteger();

  /** How long each force takes at least, in ms: a slow disk. */
  volatile long forceMillis;

  /** Runs after each force that succeeded: to look at the disk at that moment. */
  volatile Runnable afterForce = () -> {};

  /** When set, every force fails with it after counting: a write-back error. */
  volatile IOException forceFailure;

  CountingFileChannel(FileChannel real, List<Integer> writes, int[] forces) {
    this.real = real;
    this.writes = writes;
    this.forces = forces;
  }

  /**
   * Opens real channels whose writes land in {@code writes} and forces in {@code forces[0]}: those
   * of the upload's bytes; state files and the directory are opened uncounted.
   */
  static LocalUploadStore.Opener opener(List<Integer> writes, int[] forces) {
    return (Path path, OpenOption... options) -> {
      FileChannel real = FileChannel.open(path, options);
      boolean bytes = !Files.isDirectory(path) && !path.toString().endsWith(".json.tmp");
      return bytes ? new CountingFileChannel(real, writes, forces) : real;
    };
  }

  /** Counts only, for a channel of its own. */
  static CountingFileChannel counting(Path path, OpenOption... options) throws IOException {
    return new CountingFileChannel(FileChannel.open(path, options), new ArrayList<>(), new int[1]);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return real.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return real.read(dsts, offset, length);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    int n = real.write(src);
    writes.add(n);
    return n;
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    long n = real.write(srcs, offset, length);
    writes.add((int) n);
    return n;
  }

  @Override
  public long position() throws IOException {
    return real.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    real.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return real.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    real.truncate(size);
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    synchronized (forces) {
      forces[0]++;
    }
    forcing.incrementAndGet();
    try {
      if (forceMillis > 0) {
        Thread.sleep(forceMillis);
      }
      if (forceFailure != null) {
        throw forceFailure;
      }
      real.force(metaData);
      afterForce.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      forcing.decrementAndGet();
    }
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return real.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    long n = real.transferFrom(src, position, count);
    writes.add((int) n);
    return n;
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return real.read(dst, position);
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    int n = real.write(src, position);
    writes.add(n);
    return n;
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    return real.map(mode, position, size);
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return real.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return real.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    real.close();
  }
}
