package io.videokit.live;

import io.videokit.core.http.ProblemType;
import io.videokit.core.storage.MediaObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Reading request bodies under a size cap, chunked or not, and comparing stored bytes. */
final class Bodies {

  private static final int BUFFER = 64 * 1024;

  private Bodies() {}

  /** Reads a whole body into memory; over {@code max} bytes → 413, the rest is not read. */
  static byte[] toBytes(InputStream in, int max) throws IOException, LiveException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    copy(in, out, max);
    return out.toByteArray();
  }

  /**
   * Reads a whole body into a new temporary file in {@code directory}; over {@code max} bytes → 413
   * and the file is gone.
   */
  static Path toTempFile(InputStream in, long max, Path directory)
      throws IOException, LiveException {
    Files.createDirectories(directory);
    Path temp = Files.createTempFile(directory, ".live-", ".part");
    boolean done = false;
    try (OutputStream out = Files.newOutputStream(temp)) {
      copy(in, out, max);
      done = true;
      return temp;
    } finally {
      if (!done) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private static void copy(InputStream in, OutputStream out, long max)
      throws IOException, LiveException {
    byte[] buffer = new byte[BUFFER];
    long total = 0;
    while (true) {
      int n;
      try {
        n = in.read(buffer);
      } catch (IOException e) {
        throw new LiveException(ProblemType.BAD_REQUEST, "the body could not be read to its end");
      }
      if (n < 0) {
        return;
      }
      total += n;
      if (total > max) {
        throw new LiveException(ProblemType.LIVE_TOO_LARGE, "the body is over " + max + " bytes");
      }
      out.write(buffer, 0, n);
    }
  }

  /** Whether a stored object holds exactly the bytes of a local file. */
  static boolean sameBytes(MediaObject stored, Path file) throws IOException {
    long size = Files.size(file);
    if (stored.size() != size) {
      return false;
    }
    if (size == 0) {
      return true;
    }
    try (InputStream a = stored.openRange(0, size - 1);
        InputStream b = Files.newInputStream(file)) {
      byte[] x = new byte[BUFFER];
      byte[] y = new byte[BUFFER];
      while (true) {
        int n = a.readNBytes(x, 0, BUFFER);
        int m = b.readNBytes(y, 0, BUFFER);
        if (n != m || !Arrays.equals(x, 0, n, y, 0, m)) {
          return false;
        }
        if (n < BUFFER) {
          return true;
        }
      }
    }
  }

  /** Reads a stored object whole (playlists, at most {@code max} bytes). */
  static byte[] read(MediaObject stored, int max) throws IOException {
    if (stored.size() > max) {
      throw new IOException("stored playlist over " + max + " bytes");
    }
    if (stored.size() == 0) {
      return new byte[0];
    }
    try (InputStream in = stored.openRange(0, stored.size() - 1)) {
      return in.readAllBytes();
    }
  }
}
