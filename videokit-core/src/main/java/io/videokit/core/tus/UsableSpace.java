package io.videokit.core.tus;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How many bytes can still be written on the volume holding a path: the source the free-space floor
 * ({@link TusSettings#minFreeSpace()}) is measured against. Replace it to simulate a nearly full
 * disk in tests, or to measure a volume the JVM cannot see (a quota'd mount, a network store).
 */
@FunctionalInterface
public interface UsableSpace {

  /**
   * The bytes this process may still write on the volume holding {@code path}.
   *
   * @param path a directory (or a path below one that does not exist yet)
   * @return usable bytes, {@code >= 0}
   * @throws IOException if the volume cannot be queried
   */
  long usableBytes(Path path) throws IOException;

  /**
   * The file system's own figure: {@link java.nio.file.FileStore#getUsableSpace()} of the path's
   * file store (of its nearest existing ancestor when the path does not exist yet).
   *
   * @return the default source
   */
  static UsableSpace fileStores() {
    return new FileStoreSpace();
  }
}
