package io.videokit.core.tus;

import static io.videokit.core.tus.TusRequests.bytes;
import static io.videokit.core.tus.TusRequests.chunkedPatch;
import static io.videokit.core.tus.TusRequests.creation;
import static io.videokit.core.tus.TusRequests.deferredCreation;
import static io.videokit.core.tus.TusRequests.files;
import static io.videokit.core.tus.TusRequests.hookedAt;
import static io.videokit.core.tus.TusRequests.idOf;
import static io.videokit.core.tus.TusRequests.patch;
import static io.videokit.core.tus.TusRequests.problemType;
import static io.videokit.core.tus.TusRequests.streaming;
import static io.videokit.core.tus.TusRequests.tus;
import static io.videokit.core.tus.TusRequests.withBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Issue 7: the per-user quota, the cap on unfinished uploads per user and the free-space floor,
 * driven through the handler with a simulated disk. A refused creation leaves nothing behind; a
 * refused write keeps the bytes already received and reports them as {@code Upload-Offset}.
 */
class TusUploadLimitsTest {

  private static final long MAX_SIZE = 8L * 1024 * 1024;
  private static final long QUOTA = 1000;
  private static final int MAX_CONCURRENT = 3;
  private static final long FLOOR = 100;
  private static final long PLENTY = 1L << 40;

  private final TusCaller alice = new TusCaller("alice", false);
  private final TusCaller bob = new TusCaller("bob", false);
  private final TusCaller staff = new TusCaller("admin", true);
  private final MovableClock clock = new MovableClock(Instant.parse("2024-01-05T10:00:00Z"));
  private final Map<String, Long> stored = new ConcurrentHashMap<>();
  private final SimulatedDisk disk = new SimulatedDisk();

  @TempDir Path directory;
  @TempDir Path mediaRoot;

  private LocalUploadStore store;
  private TusHandler handler;

  @BeforeEach
  void setUp() throws IOException {
    store = new LocalUploadStore(directory);
    handler = handler(QUOTA, MAX_CONCURRENT, FLOOR);
  }

  @Nested
  class Quota {

    @Test
    void creationOverTheQuotaAnswers413QuotaExceededAndCreatesNothing() throws IOException {
      MockHttpServletResponse response = handle(creation(QUOTA + 1), alice);

      assertThat(response.getStatus()).isEqualTo(413);
      assertThat(problemType(response)).endsWith("/tus/quota-exceeded");
      assertThat(files(directory)).isEmpty();
    }

    @Test
    void declaredLengthsOfUnfinishedUploadsAreReserved() throws IOException {
      assertThat(handle(creation(600), alice).getStatus()).isEqualTo(201);

      assertThat(handle(creation(401), alice).getStatus()).isEqualTo(413);
      assertThat(handle(creation(400), alice).getStatus()).isEqualTo(201);
    }

    @Test
    void storedVideosCountTowardsTheQuota() throws IOException {
      stored.put("alice", 900L);

      assertThat(handle(creation(101), alice).getStatus()).isEqualTo(413);
      assertThat(handle(creation(100), alice).getStatus()).isEqualTo(201);
      assertThat(handle(creation(600), bob).getStatus()).isEqualTo(201);
    }

    @Test
    void staffAreNotSubjectToTheQuota() throws IOException {
      stored.put("admin", 5000L);

      assertThat(handle(creation(QUOTA * 5), staff).getStatus()).isEqualTo(201);
    }

    @Test
    void terminatingAnUploadGivesItsReservationBack() throws IOException {
      String id = create(600, alice);
      assertThat(handle(creation(600), alice).getStatus()).isEqualTo(413);

      assertThat(handle(tus("DELETE", id), id, alice).getStatus()).isEqualTo(204);

      assertThat(handle(creation(600), alice).getStatus()).isEqualTo(201);
    }

    @Test
    void expiredUploadsNoLongerCount() throws IOException {
      create(600, alice);
      clock.advance(Duration.ofHours(2));

      assertThat(handle(creation(600), alice).getStatus()).isEqualTo(201);
    }

    @Test
    void deferredUploadIsChargedWhatItReceivedAndADeclaredBodyOverTheQuotaWritesNothing()
        throws IOException {
      String id = createDeferred(alice);
      assertThat(patchAs(id, 0, bytes(600), alice).getStatus()).isEqualTo(204);
      create(300, alice);

      MockHttpServletResponse response = patchAs(id, 600, bytes(101), alice);

      assertThat(response.getStatus()).isEqualTo(413);
      assertThat(problemType(response)).endsWith("/tus/quota-exceeded");
      assertThat(response.getHeader("Upload-Offset")).isEqualTo("600");
      assertThat(offset(id)).isEqualTo(600);
      assertThat(patchAs(id, 600, bytes(100), alice).getStatus()).isEqualTo(204);
    }

    @Test
    void undeclaredBodyOfADeferredUploadIsKeptUpToTheQuota() throws IOException {
      String id = createDeferred(alice);

      MockHttpServletResponse response = handle(chunkedPatch(id, 0, bytes(1500)), id, alice);

      assertThat(response.getStatus()).isEqualTo(413);
      assertThat(problemType(response)).endsWith("/tus/quota-exceeded");
      assertThat(response.getHeader("Upload-Offset")).isEqualTo(Long.toString(QUOTA));
      assertThat(head(id, alice).getHeader("Upload-Offset")).isEqualTo(Long.toString(QUOTA));
      assertThat(data(id)).isEqualTo(Arrays.copyOf(bytes(1500), (int) QUOTA));
    }

    @Test
    void deferredLengthOverTheQuotaIsRefusedAndStaysDeferred() throws IOException {
      String id = createDeferred(alice);
      patchAs(id, 0, bytes(100), alice);
      MockHttpServletRequest request = patch(id, 100, new byte[0]);
      request.addHeader("Upload-Length", Long.toString(QUOTA + 1));

      MockHttpServletResponse response = handle(request, id, alice);

      assertThat(response.getStatus()).isEqualTo(413);
      assertThat(problemType(response)).endsWith("/tus/quota-exceeded");
      assertThat(response.getHeader("Upload-Offset")).isEqualTo("100");
      assertThat(store.find(id).orElseThrow().length()).isNull();
    }

    @Test
    void deferredCreationWithUploadOverTheQuotaCreatesNothing() throws IOException {
      MockHttpServletResponse response =
          handle(withBody(deferredCreation(), bytes((int) QUOTA + 1)), alice);

      assertThat(response.getStatus()).isEqualTo(413);
      assertThat(response.getHeader("Location")).isNull();
      assertThat(files(directory)).isEmpty();
    }
  }

  @Nested
  class ConcurrentUploads {

    @Test
    void creationBeyondTheLimitAnswers429AndCreatesNothing() throws IOException {
      for (int i = 0; i < MAX_CONCURRENT; i++) {
        create(10, alice);
      }
      List<String> before = files(directory);

      MockHttpServletResponse response = handle(creation(10), alice);

      assertThat(response.getStatus()).isEqualTo(429);
      assertThat(problemType(response)).endsWith("/tus/too-many-uploads");
      assertThat(files(directory)).isEqualTo(before);
      assertThat(handle(creation(10), bob).getStatus()).isEqualTo(201);
      assertThat(handle(creation(10), staff).getStatus()).isEqualTo(201);
    }

    @Test
    void finishedUploadsNoLongerCount() throws IOException {
      String id = create(3, alice);
      create(10, alice);
      create(10, alice);
      assertThat(patchAs(id, 0, bytes(3), alice).getStatus()).isEqualTo(204);

      assertThat(handle(creation(10), alice).getStatus()).isEqualTo(201);
    }

    @Test
    void simultaneousCreationsCannotAllSlipUnderTheLimit() throws Exception {
      int attempts = 12;
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(attempts);
      try {
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
          statuses.add(
              pool.submit(() -> {
                start.await();
                return handle(creation(10), alice).getStatus();
              }));
        }
        start.countDown();
        List<Integer> answers = new ArrayList<>();
        for (Future<Integer> status : statuses) {
          answers.add(status.get());
        }

        assertThat(answers).filteredOn(s -> s == 201).hasSize(MAX_CONCURRENT);
        assertThat(answers).filteredOn(s -> s == 429).hasSize(attempts - MAX_CONCURRENT);
        assertThat(store.unfinished("alice")).hasSize(MAX_CONCURRENT);
      } finally {
        pool.shutdownNow();
      }
    }

    /**
     * A creation is counted once, from the store, even while the request that made it has not
     * returned yet: with creations that linger after the upload is visible, overlapping requests
     * still get every slot the limit allows (before, the lingering one counted twice and the third
     * was refused).
     */
    @Test
    void aCreationJustMadeIsCountedOnceNotTwice() throws Exception {
      TusHandler lingering = handler(new LingeringCreations(store), QUOTA, MAX_CONCURRENT, FLOOR);
      ExecutorService pool = Executors.newFixedThreadPool(MAX_CONCURRENT);
      try {
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < MAX_CONCURRENT; i++) {
          statuses.add(
              pool.submit(
                  () -> TusRequests.handle(lingering, creation(10), null, alice).getStatus()));
          Thread.sleep(LingeringCreations.LINGER.toMillis() / 4);
        }
        List<Integer> answers = new ArrayList<>();
        for (Future<Integer> status : statuses) {
          answers.add(status.get());
        }

        assertThat(answers).containsOnly(201);
        assertThat(handle(creation(10), alice).getStatus()).isEqualTo(429);
      } finally {
        pool.shutdownNow();
      }
    }

    /**
     * While the body of a deferred upload arrives, the upload counts as the end that body may
     * reach: exactly once, neither only the bytes already on disk nor those bytes on top of it. The
     * body pauses past {@link BodyAppender}'s buffer, and the same user creates meanwhile.
     */
    @Test
    void aDeferredBodyBeingReceivedReservesItsEndOnce() throws Exception {
      long quota = 1024 * 1024;
      int declared = 600 * 1024;
      int pauseAt = 300 * 1024;
      handler = handler(quota, 0, 0);
      String id = createDeferred(alice);
      CountDownLatch paused = new CountDownLatch(1);
      CountDownLatch resume = new CountDownLatch(1);
      MockHttpServletRequest request = pausingPatch(id, bytes(declared), pauseAt, paused, resume);
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<MockHttpServletResponse> patching = pool.submit(() -> handle(request, id, alice));
        assertThat(paused.await(10, TimeUnit.SECONDS)).as("the body reached its pause").isTrue();

        assertThat(handle(creation(quota - declared), alice).getStatus()).isEqualTo(201);
        assertThat(handle(creation(1), alice).getStatus()).isEqualTo(413);

        resume.countDown();
        assertThat(patching.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(204);
        assertThat(offset(id)).isEqualTo(declared);
      } finally {
        resume.countDown();
        pool.shutdownNow();
      }
    }
  }

  @Nested
  class FreeSpaceFloor {

    @Test
    void creationThatWouldCrossTheFloorAnswers507AndCreatesNothing() throws IOException {
      disk.set(directory, FLOOR + 50);

      MockHttpServletResponse refused = handle(creation(51), staff);

      assertThat(refused.getStatus()).isEqualTo(507);
      assertThat(problemType(refused)).endsWith("/tus/insufficient-storage");
      assertThat(files(directory)).isEmpty();
      assertThat(handle(creation(50), staff).getStatus()).isEqualTo(201);
    }

    @Test
    void theMediaRootsVolumeKeepsTheFloorToo() throws IOException {
      disk.set(mediaRoot, FLOOR + 20);

      assertThat(handle(creation(30), alice).getStatus()).isEqualTo(507);
      assertThat(files(directory)).isEmpty();
    }

    @Test
    void deferredCreationIsRefusedOnceAVolumeIsBelowTheFloor() throws IOException {
      disk.set(directory, FLOOR - 1);

      assertThat(handle(deferredCreation(), alice).getStatus()).isEqualTo(507);
      assertThat(files(directory)).isEmpty();
    }

    @Test
    void declaredBodyOverTheFloorAnswers507WithTheOffsetAndWritesNothing() throws IOException {
      String id = create(1000, alice);
      patchAs(id, 0, bytes(100), alice);
      disk.set(directory, FLOOR + 50);

      MockHttpServletResponse response = patchAs(id, 100, bytes(200), alice);

      assertThat(response.getStatus()).isEqualTo(507);
      assertThat(problemType(response)).endsWith("/tus/insufficient-storage");
      assertThat(response.getHeader("Upload-Offset")).isEqualTo("100");
      assertThat(offset(id)).isEqualTo(100);
    }

    @Test
    void undeclaredBodyStopsBeforeTheFloorAndKeepsWhatArrived() throws IOException {
      String id = create(1000, staff);
      patchAs(id, 0, bytes(100), staff);
      disk.set(directory, FLOOR + 50);

      MockHttpServletResponse response = handle(chunkedPatch(id, 100, bytes(200)), id, staff);

      assertThat(response.getStatus()).isEqualTo(507);
      assertThat(response.getHeader("Upload-Offset")).isEqualTo("150");
      assertThat(head(id, staff).getHeader("Upload-Offset")).isEqualTo("150");
      assertThat(data(id)).isEqualTo(concat(bytes(100), Arrays.copyOf(bytes(200), 50)));
    }

    @Test
    void checksummedChunkCutAtTheFloorAnswers507NotAChecksumMismatch() throws Exception {
      String id = create(1000, alice);
      disk.set(directory, FLOOR + 50);
      byte[] chunk = bytes(200);
      MockHttpServletRequest request = chunkedPatch(id, 0, chunk);
      request.addHeader(
          "Upload-Checksum",
          "sha256 "
              + Base64.getEncoder()
                  .encodeToString(MessageDigest.getInstance("SHA-256").digest(chunk)));

      MockHttpServletResponse response = handle(request, id, alice);

      assertThat(response.getStatus()).isEqualTo(507);
      assertThat(response.getHeader("Upload-Offset")).isEqualTo("0");
      assertThat(offset(id)).isZero();
    }

    @Test
    void creationWithUploadStoppedByTheFloorIsRefusedWhole() throws IOException {
      disk.set(directory, FLOOR + 50);
      MockHttpServletRequest request = TusRequests.chunked("POST", "/uploads");
      request.addHeader("Tus-Resumable", "1.0.0");
      request.addHeader("Upload-Length", "50");
      request.addHeader("Upload-Defer-Length", "1");
      request.removeHeader("Upload-Length");

      MockHttpServletResponse response = handle(withBody(request, bytes(200)), alice);

      assertThat(response.getStatus()).isEqualTo(507);
      assertThat(response.getHeader("Location")).isNull();
      assertThat(files(directory)).isEmpty();
    }

    @Test
    void theFloorIsMeasuredAgainWhileALongBodyArrives() throws IOException {
      handler = handler(0, 0, FLOOR);
      long length = 4L * 1024 * 1024;
      String id = create(length, alice);
      long rest = FLOOR + UploadLimits.RECHECK_BYTES; // what another writer leaves free
      byte[] body = bytes((int) length);
      InputStream filling =
          hookedAt(
              body,
              512 * 1024,
              () -> disk.set(directory, rest)); // meanwhile another writer fills the volume
      MockHttpServletRequest streaming = streaming(chunkedPatch(id, 0, new byte[0]), filling, -1);

      MockHttpServletResponse response = handle(streaming, id, alice);

      assertThat(response.getStatus()).isEqualTo(507);
      long kept = Long.parseLong(response.getHeader("Upload-Offset"));
      assertThat(kept).isEqualTo(2 * UploadLimits.RECHECK_BYTES);
      assertThat(offset(id)).isEqualTo(kept);
    }
  }

  // --- helpers

  private TusHandler handler(long quota, int maxConcurrent, long floor) {
    return handler(store, quota, maxConcurrent, floor);
  }

  private TusHandler handler(UploadStore store, long quota, int maxConcurrent, long floor) {
    return new TusHandler(
        store,
        new LocalUploadLocker(),
        UploadHooks.NONE,
        new TusSettings(
            MAX_SIZE,
            Duration.ofHours(1),
            Duration.ofSeconds(1),
            quota,
            maxConcurrent,
            floor,
            List.of(directory, mediaRoot)),
        clock,
        user -> stored.getOrDefault(user, 0L),
        disk);
  }

  private MockHttpServletResponse handle(MockHttpServletRequest request, TusCaller caller)
      throws IOException {
    return handle(request, null, caller);
  }

  private MockHttpServletResponse handle(
      MockHttpServletRequest request, String id, TusCaller caller) throws IOException {
    return TusRequests.handle(handler, request, id, caller);
  }

  private String create(long length, TusCaller caller) throws IOException {
    MockHttpServletResponse response = handle(creation(length), caller);
    assertThat(response.getStatus()).as("creation").isEqualTo(201);
    return idOf(response);
  }

  private String createDeferred(TusCaller caller) throws IOException {
    MockHttpServletResponse response = handle(deferredCreation(), caller);
    assertThat(response.getStatus()).as("creation").isEqualTo(201);
    return idOf(response);
  }

  private MockHttpServletResponse patchAs(String id, long offset, byte[] body, TusCaller caller)
      throws IOException {
    return handle(patch(id, offset, body), id, caller);
  }

  private MockHttpServletResponse head(String id, TusCaller caller) throws IOException {
    return handle(tus("HEAD", id), id, caller);
  }

  private long offset(String id) throws IOException {
    return store.find(id).orElseThrow().offset();
  }

  private byte[] data(String id) throws IOException {
    try (InputStream in = store.openData(id)) {
      return in.readAllBytes();
    }
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  /**
   * A PATCH at offset 0 declaring {@code body.length} bytes, whose body stops after {@code pauseAt}
   * bytes: it counts {@code paused} down and waits for {@code resume} (at most 10 s).
   */
  private static MockHttpServletRequest pausingPatch(
      String id, byte[] body, int pauseAt, CountDownLatch paused, CountDownLatch resume) {
    InputStream pausing =
        hookedAt(
            body,
            pauseAt,
            () -> {
              paused.countDown();
              try {
                resume.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    return streaming(patch(id, 0, new byte[0]), pausing, body.length);
  }

  /** A store whose creations return {@link #LINGER} after the new upload is visible. */
  private static final class LingeringCreations implements UploadStore {
    static final Duration LINGER = Duration.ofMillis(200);
    private final UploadStore store;

    LingeringCreations(UploadStore store) {
      this.store = store;
    }

    @Override
    public UploadInfo create(NewUpload upload) throws IOException {
      UploadInfo created = store.create(upload);
      try {
        Thread.sleep(LINGER.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return created;
    }

    @Override
    public java.util.Optional<UploadInfo> find(String id) throws IOException {
      return store.find(id);
    }

    @Override
    public long append(String id, InputStream body, long maxBytes, UploadChecksum checksum)
        throws TusException, IOException {
      return store.append(id, body, maxBytes, checksum);
    }

    @Override
    public void update(UploadInfo info) throws IOException {
      store.update(info);
    }

    @Override
    public InputStream openData(String id) throws IOException {
      return store.openData(id);
    }

    @Override
    public List<String> ids() throws IOException {
      return store.ids();
    }

    @Override
    public List<UploadInfo> unfinished(String creator) throws IOException {
      return store.unfinished(creator);
    }
  }

  /** A disk whose usable bytes per directory the test sets; plenty unless set. */
  private static final class SimulatedDisk implements UsableSpace {
    private final Map<Path, Long> usable = new ConcurrentHashMap<>();

    void set(Path path, long bytes) {
      usable.put(path, bytes);
    }

    @Override
    public long usableBytes(Path path) {
      return usable.getOrDefault(path, PLENTY);
    }
  }
}
