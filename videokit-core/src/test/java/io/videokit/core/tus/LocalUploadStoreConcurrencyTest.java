package io.videokit.core.tus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LocalUploadStore#find} while another thread marks the same upload completed: a HEAD is
 * answered without the upload's lock, so it may read the state file just before the completed state
 * replaces it and look for {@code <id>.bin} just after completion removed it. The upload must be
 * found all the same, with every byte counted (the CI once answered such a HEAD with 404 right
 * after a restart, when the start-up resumption completed the upload under the client's retry).
 */
class LocalUploadStoreConcurrencyTest {

  private static final int ROUNDS = 300;

  @TempDir Path directory;

  @Test
  void anUploadBeingCompletedIsAlwaysFoundWithAllItsBytes() throws Exception {
    LocalUploadStore store = new LocalUploadStore(directory);
    byte[] body = new byte[1000];
    AtomicInteger lost = new AtomicInteger();
    AtomicInteger shortOffsets = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int round = 0; round < ROUNDS; round++) {
      Instant now = Instant.parse("2024-01-05T10:00:00Z");
      UploadInfo created =
          store.create(
              new NewUpload(
                  (long) body.length,
                  UploadMetadata.EMPTY,
                  "alice",
                  now,
                  now.plusSeconds(3600),
                  ConcatType.NONE,
                  List.of()));
      store.append(created.id(), new ByteArrayInputStream(body), body.length, null);
      UploadInfo finished = store.find(created.id()).orElseThrow();
      CountDownLatch reading = new CountDownLatch(1);
      Thread reader =
          new Thread(() -> {
            try {
              boolean completed = false;
              while (!completed) {
                Optional<UploadInfo> found = store.find(created.id());
                reading.countDown();
                if (found.isEmpty()) {
                  lost.incrementAndGet();
                  return;
                }
                if (found.get().offset() != body.length) {
                  shortOffsets.incrementAndGet();
                }
                completed = found.get().completed();
              }
            } catch (IOException | RuntimeException e) {
              failure.set(e);
            }
          });
      reader.start();
      reading.await();
      store.update(finished.asCompleted());
      reader.join();
    }

    assertThat(failure.get()).isNull();
    assertThat(lost.get()).as("finds that answered 'no such upload'").isZero();
    assertThat(shortOffsets.get()).as("finds that counted fewer bytes than arrived").isZero();
  }
}
