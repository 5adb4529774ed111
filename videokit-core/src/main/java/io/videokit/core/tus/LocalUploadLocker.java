package io.videokit.core.tus;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Upload locks within one JVM. Holds no memory for uploads nobody is writing. Not reentrant. */
public final class LocalUploadLocker implements UploadLocker {
  /** Creates the instance; used by Spring or by hand. */
  public LocalUploadLocker() {}

  private static final long POLL_MILLIS = 25;

  private final ConcurrentHashMap<String, Object> held = new ConcurrentHashMap<>();

  @Override
  public Optional<UploadLock> tryLock(String id, Duration wait) throws InterruptedException {
    Object token = new Object();
    long deadline = System.nanoTime() + wait.toNanos();
    while (held.putIfAbsent(id, token) != null) {
      if (System.nanoTime() >= deadline) {
        return Optional.empty();
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
    return Optional.of(() -> held.remove(id, token));
  }
}
