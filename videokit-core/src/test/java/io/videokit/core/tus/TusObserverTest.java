package io.videokit.core.tus;

import static io.videokit.core.tus.TusRequests.bytes;
import static io.videokit.core.tus.TusRequests.creation;
import static io.videokit.core.tus.TusRequests.handle;
import static io.videokit.core.tus.TusRequests.idOf;
import static io.videokit.core.tus.TusRequests.patch;
import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.core.http.ProblemType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a {@link TusObserver} is told by a real handler over a real local store. */
class TusObserverTest {

  @TempDir Path directory;

  final List<String> seen = new CopyOnWriteArrayList<>();
  final TusCaller alice = new TusCaller("alice", false);

  @Test
  void transfersBytesCompletionsAndErrorsReachTheObserver() throws IOException {
    TusHandler handler =
        new TusHandler(
            new LocalUploadStore(directory),
            new LocalUploadLocker(),
            UploadHooks.NONE,
            new TusSettings(1_000_000, Duration.ofHours(1), Duration.ofSeconds(1)),
            Clock.systemUTC());
    handler.setObserver(
        new TusObserver() {
          @Override
          public void transferStarted() {
            seen.add("start");
          }

          @Override
          public void transferEnded() {
            seen.add("end");
          }

          @Override
          public void received(long bytes) {
            seen.add("received " + bytes);
          }

          @Override
          public void completed(UploadInfo upload) {
            seen.add("completed " + upload.offset());
          }

          @Override
          public void failed(ProblemType type) {
            seen.add("failed " + type.code());
          }
        });
    String id = idOf(handle(handler, creation(300), null, alice));

    assertThat(handle(handler, patch(id, 0, bytes(100)), id, alice).getStatus()).isEqualTo(204);
    assertThat(handle(handler, patch(id, 0, bytes(10)), id, alice).getStatus()).isEqualTo(409);
    assertThat(handle(handler, patch(id, 100, bytes(200)), id, alice).getStatus()).isEqualTo(204);

    assertThat(seen)
        .containsExactly(
            "start",
            "received 100",
            "end",
            "failed tus/mismatched-offset",
            "start",
            "received 200",
            "end",
            "completed 300");
  }
}
