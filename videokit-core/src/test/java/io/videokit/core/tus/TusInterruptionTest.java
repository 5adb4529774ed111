package io.videokit.core.tus;

import static io.videokit.core.tus.TusRequests.OFFSET_OCTET_STREAM;
import static io.videokit.core.tus.TusRequests.bytes;
import static io.videokit.core.tus.TusRequests.creation;
import static io.videokit.core.tus.TusRequests.deferredCreation;
import static io.videokit.core.tus.TusRequests.files;
import static io.videokit.core.tus.TusRequests.idOf;
import static io.videokit.core.tus.TusRequests.patch;
import static io.videokit.core.tus.TusRequests.problemType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.videokit.core.http.ProblemType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Requests that end abnormally, found untested by mutation testing (docs/mutation-testing.md): a
 * body that breaks off, a body that fails unexpectedly, a thread interrupted while waiting for the
 * lock, and a body still arriving while the same user creates another upload.
 */
class TusInterruptionTest {

  private static final long QUOTA = 1000;
  private static final Duration HOURS_2 = Duration.ofHours(2);

  private final TusCaller alice = new TusCaller("alice", false);
  private final LocalUploadLocker locker = new LocalUploadLocker();

  @TempDir Path directory;

  private LocalUploadStore store;
  private TusHandler handler;
  private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    store = new LocalUploadStore(directory);
    handler =
        new TusHandler(
            store,
            locker,
            UploadHooks.NONE,
            new TusSettings(
                1L << 20, Duration.ofHours(1), Duration.ofSeconds(5), QUOTA, 0, 0, List.of()),
            Clock.systemUTC(),
            UserUsage.NONE,
            path -> Long.MAX_VALUE);
    handler.setObserver(
        new TusObserver() {
          @Override
          public void failed(ProblemType type) {
            failures.add(type.code());
          }
        });
  }

  @Test
  void patchWhoseBodyBreaksOffAnswers400WithTheOffsetOfTheBytesThatArrived() throws IOException {
    String id = create(100);

    MockHttpServletResponse response =
        handle(withBody(patch(id, 0, new byte[0]), 100, breakingAfter(30)), id);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(problemType(response)).endsWith("/tus/interrupted");
    assertThat(response.getHeader("Upload-Offset")).isEqualTo("30");
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(store.find(id).orElseThrow().offset()).isEqualTo(30);
    assertThat(failures).containsExactly("tus/interrupted");
  }

  @Test
  void creationWithUploadWhoseBodyBreaksOffAnnouncesTheUploadAndItsOffset() throws IOException {
    MockHttpServletResponse response =
        handle(withBody(creation(100), 100, breakingAfter(30)), null);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getHeader("Location")).isNotNull();
    assertThat(response.getHeader("Upload-Offset")).isEqualTo("30");
    assertThat(store.find(idOf(response)).orElseThrow().offset()).isEqualTo(30);
  }

  @Test
  void creationWithUploadWhoseBodyFailsUnexpectedlyLeavesNothingBehind() throws IOException {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() {
            throw new IllegalStateException("container failure");
          }
        };
    MockHttpServletRequest request = withBody(creation(100), 100, failing);

    assertThatThrownBy(() -> handle(request, null)).isInstanceOf(IllegalStateException.class);
    assertThat(files(directory)).isEmpty();
  }

  @Test
  void threadInterruptedWhileWaitingForTheLockAnswers423AndStaysInterrupted() throws Exception {
    String id = create(100);
    UploadLocker.UploadLock held = locker.tryLock(id, Duration.ZERO).orElseThrow();
    try {
      Thread.currentThread().interrupt();

      MockHttpServletResponse response = handle(patch(id, 0, bytes(10)), id);

      assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
      assertThat(response.getStatus()).isEqualTo(423);
      assertThat(problemType(response)).endsWith("/tus/locked");
      assertThat(failures).containsExactly("tus/locked");
    } finally {
      Thread.interrupted();
      held.close();
    }
  }

  @Test
  void creationWhileADeferredBodyIsArrivingCountsWhatThatBodyMayStillBring() throws Exception {
    String id = idOf(handle(deferredCreation(), null));
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    InputStream slow =
        new InputStream() {
          @Override
          public int read() throws IOException {
            reading.countDown();
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              throw new IOException(e);
            }
            return -1;
          }
        };
    CompletableFuture<MockHttpServletResponse> arriving =
        CompletableFuture.supplyAsync(() -> {
          try {
            return handle(withBody(patch(id, 0, new byte[0]), -1, slow), id);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
    try {
      assertThat(reading.await(30, TimeUnit.SECONDS)).as("body being read").isTrue();

      MockHttpServletResponse creation = handle(creation(1), null);

      assertThat(creation.getStatus()).isEqualTo(413);
      assertThat(problemType(creation)).endsWith("/tus/quota-exceeded");
    } finally {
      release.countDown();
      arriving.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void expirySweepInterruptedWhileLockingStopsAndStaysInterrupted() throws Exception {
    create(100);
    TusHandler later = handler(interruptedLocker(), Clock.offset(Clock.systemUTC(), HOURS_2));
    try {
      assertThat(later.removeExpired()).isZero();
      assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(store.expired(Instant.now().plus(HOURS_2))).hasSize(1);
  }

  @Test
  void completionSweepInterruptedWhileLockingStopsAndStaysInterrupted() throws Exception {
    Instant now = Instant.now();
    String id =
        store
            .create(
                new NewUpload(
                    3L,
                    UploadMetadata.EMPTY,
                    "alice",
                    now,
                    now.plus(HOURS_2),
                    ConcatType.NONE,
                    List.of()))
            .id();
    store.append(id, new ByteArrayInputStream(bytes(3)), 3, null); // all bytes, not completed
    TusHandler interrupted = handler(interruptedLocker(), Clock.systemUTC());
    try {
      assertThat(interrupted.resumeCompletions()).isZero();
      assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(store.find(id).orElseThrow().completed()).isFalse();
  }

  // --- helpers

  private TusHandler handler(UploadLocker uploadLocker, Clock clock) {
    return new TusHandler(
        store,
        uploadLocker,
        UploadHooks.NONE,
        new TusSettings(1L << 20, Duration.ofHours(1), Duration.ofSeconds(5)),
        clock);
  }

  /** A locker (e.g. one on a database) whose wait is interrupted. */
  private static UploadLocker interruptedLocker() {
    return (id, wait) -> {
      throw new InterruptedException("shutting down");
    };
  }

  private MockHttpServletResponse handle(MockHttpServletRequest request, String id)
      throws IOException {
    return TusRequests.handle(handler, request, id, alice);
  }

  private String create(long length) throws IOException {
    MockHttpServletResponse response = handle(creation(length), null);
    assertThat(response.getStatus()).as("creation").isEqualTo(201);
    return idOf(response);
  }

  /**
   * {@code template}'s method, URI and headers with a body read from {@code body}, as an
   * offset+octet-stream body of {@code declared} bytes (-1: chunked).
   */
  private static MockHttpServletRequest withBody(
      MockHttpServletRequest template, long declared, InputStream body) {
    MockHttpServletRequest request = TusRequests.streaming(template, body, declared);
    if (declared < 0) {
      request.addHeader("Transfer-Encoding", "chunked");
    }
    request.setContentType(OFFSET_OCTET_STREAM);
    return request;
  }

  /** A body that delivers {@code count} bytes, then fails as a vanished client does. */
  private static InputStream breakingAfter(int count) {
    InputStream bytes = new ByteArrayInputStream(bytes(count));
    return new InputStream() {
      @Override
      public int read() throws IOException {
        int b = bytes.read();
        if (b < 0) {
          throw new IOException("connection reset");
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = bytes.read(buffer, offset, length);
        if (n < 0) {
          throw new IOException("connection reset");
        }
        return n;
      }
    };
  }
}
