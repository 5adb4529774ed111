package io.videokit.core.tus;

import java.time.Duration;
import java.util.Optional;

/**
 * Exclusive access to one upload while a request writes it. The default works within one JVM;
 * several instances sharing uploads need a shared implementation (e.g. database row locks).
 */
public interface UploadLocker {

  /**
   * Tries to lock an upload, waiting up to {@code wait}.
   *
   * @param id the upload id
   * @param wait how long to wait for another holder to release it
   * @return the lock, to be closed when done; empty if still held by someone else (answer 423)
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  Optional<UploadLock> tryLock(String id, Duration wait) throws InterruptedException;

  /** A held lock; closing releases it. */
  interface UploadLock extends AutoCloseable {
    @Override
    void close();
  }
}
