package io.videokit.core.tus;

import static io.videokit.core.tus.TusRequests.bytes;
import static io.videokit.core.tus.TusRequests.chunkedPatch;
import static io.videokit.core.tus.TusRequests.creation;
import static io.videokit.core.tus.TusRequests.deferredCreation;
import static io.videokit.core.tus.TusRequests.idOf;
import static io.videokit.core.tus.TusRequests.patch;
import static io.videokit.core.tus.TusRequests.problemType;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Boundaries of {@link UploadLimits} found by mutation testing (docs/mutation-testing.md): each
 * limit on its own (a quota without a cap on unfinished uploads and the reverse), a length landing
 * exactly on the quota or the floor, and the refusals' explanations.
 */
class UploadLimitsBoundaryTest {

  private static final long MAX_SIZE = 1L << 20;
  private static final long QUOTA = 1000;
  private static final long FLOOR = 100;
  private static final long PLENTY = 1L << 40;

  private final TusCaller alice = new TusCaller("alice", false);
  private final Map<Path, Long> disk = new ConcurrentHashMap<>();

  @TempDir Path directory;

  private LocalUploadStore store;
  private TusHandler handler;

  @BeforeEach
  void setUp() throws IOException {
    store = new LocalUploadStore(directory);
    handler = handler(QUOTA, 2, FLOOR);
  }

  // --- each limit holds without the other

  @Test
  void quotaHoldsWithoutACapOnUnfinishedUploads() throws IOException {
    handler = handler(QUOTA, 0, 0);
    create(600);

    assertThat(handle(creation(401), null).getStatus()).isEqualTo(413);
  }

  @Test
  void uploadsUnderTheQuotaAreCreatedWithoutACapOnUnfinishedUploads() throws IOException {
    handler = handler(QUOTA, 0, 0);
    create(10);
    create(10);
    create(10);

    assertThat(handle(creation(10), null).getStatus()).isEqualTo(201);
  }

  @Test
  void capOnUnfinishedUploadsHoldsWithoutAQuota() throws IOException {
    handler = handler(0, 2, 0);
    create(10);
    create(10);

    MockHttpServletResponse response = handle(creation(10), null);

    assertThat(response.getStatus()).isEqualTo(429);
    assertThat(problemType(response)).endsWith("/tus/too-many-uploads");
  }

  @Test
  void withoutAQuotaAnyLengthUnderTheMaxSizeIsCreatedBelowTheCap() throws IOException {
    handler = handler(0, 2, 0);

    assertThat(handle(creation(MAX_SIZE), null).getStatus()).isEqualTo(201);
  }

  // --- a deferred length landing exactly on the quota or the floor

  @Test
  void deferredLengthReachingExactlyTheQuotaAfterReceivedBytesIsAccepted() throws IOException {
    String id = createDeferred();
    handle(patch(id, 0, bytes(400)), id);
    MockHttpServletRequest request = patch(id, 400, new byte[0]);
    request.addHeader("Upload-Length", Long.toString(QUOTA));

    MockHttpServletResponse response = handle(request, id);

    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(store.find(id).orElseThrow().length()).isEqualTo(QUOTA);
  }

  @Test
  void deferredLengthThatWouldCrossTheFloorAnswers507AndStaysDeferred() throws IOException {
    String id = createDeferred();
    handle(patch(id, 0, bytes(10)), id);
    disk.put(directory, FLOOR + 50);
    MockHttpServletRequest request = patch(id, 10, new byte[0]);
    request.addHeader("Upload-Length", "61"); // 51 more bytes, one over the headroom

    MockHttpServletResponse response = handle(request, id);

    assertThat(response.getStatus()).isEqualTo(507);
    assertThat(problemType(response)).endsWith("/tus/insufficient-storage");
    assertThat(store.find(id).orElseThrow().length()).isNull();
  }

  @Test
  void deferredCreationIsAcceptedWithAVolumeExactlyAtTheFloor() throws IOException {
    disk.put(directory, FLOOR);

    assertThat(handle(deferredCreation(), null).getStatus()).isEqualTo(201);
  }

  @Test
  void declaredBodyEndingExactlyAtTheFloorIsStored() throws IOException {
    String id = create(500);
    disk.put(directory, FLOOR + 50);

    MockHttpServletResponse response = handle(patch(id, 0, bytes(50)), id);

    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(response.getHeader("Upload-Offset")).isEqualTo("50");
  }

  @Test
  void bodyRefusedAtTheFloorGivesItsQuotaClaimBack() throws IOException {
    String id = createDeferred();
    disk.put(directory, FLOOR + 50);
    assertThat(handle(patch(id, 0, bytes(600)), id).getStatus()).isEqualTo(507);
    disk.remove(directory); // space freed

    MockHttpServletResponse retry = handle(patch(id, 0, bytes(600)), id);

    assertThat(retry.getStatus()).isEqualTo(204);
    assertThat(retry.getHeader("Upload-Offset")).isEqualTo("600");
  }

  // --- a body cut short by a limit is refused whatever its next byte

  @Test
  void undeclaredBodyGoingOverTheQuotaWithAZeroByteIsRefused() throws IOException {
    String id = createDeferred();
    byte[] body = Arrays.copyOf(bytes((int) QUOTA), (int) QUOTA + 10); // ten NUL bytes too many

    MockHttpServletResponse response = handle(chunkedPatch(id, 0, body), id);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(problemType(response)).endsWith("/tus/quota-exceeded");
    assertThat(response.getHeader("Upload-Offset")).isEqualTo(Long.toString(QUOTA));
  }

  @Test
  void undeclaredBodyPastTheEndOfAnUploadIsASizeNotAQuotaRefusal() throws IOException {
    String id = create(100);

    MockHttpServletResponse response = handle(chunkedPatch(id, 0, bytes(150)), id);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(problemType(response)).endsWith("/tus/size-exceeded");
  }

  // --- the refusals explain themselves

  @Test
  void declaredBodyRefusedAtTheFloorNamesItsSize() throws IOException {
    String id = create(500);
    disk.put(directory, FLOOR + 50);

    MockHttpServletResponse response = handle(patch(id, 0, bytes(200)), id);

    assertThat(detail(response)).contains("cannot store 200 more bytes");
  }

  @Test
  void undeclaredBodyStoppedAtTheFloorSaysMoreWithoutACount() throws IOException {
    String id = create(500);
    disk.put(directory, FLOOR + 50);

    MockHttpServletResponse response = handle(chunkedPatch(id, 0, bytes(200)), id);

    assertThat(response.getStatus()).isEqualTo(507);
    assertThat(detail(response)).contains("cannot store more now").doesNotContain("-1");
  }

  // --- helpers

  private TusHandler handler(long quota, int maxConcurrent, long floor) {
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
            List.of(directory)),
        Clock.fixed(Instant.parse("2024-01-05T10:00:00Z"), ZoneOffset.UTC),
        user -> 0,
        path -> disk.getOrDefault(path, PLENTY));
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

  private String createDeferred() throws IOException {
    MockHttpServletResponse response = handle(deferredCreation(), null);
    assertThat(response.getStatus()).as("creation").isEqualTo(201);
    return idOf(response);
  }

  private static String detail(MockHttpServletResponse response) {
    Map<?, ?> problem =
        JsonMapper.builder().build().readValue(response.getContentAsByteArray(), Map.class);
    return (String) problem.get("detail");
  }
}
