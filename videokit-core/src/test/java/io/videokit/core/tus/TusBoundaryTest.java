package io.videokit.core.tus;

import static io.videokit.core.tus.TusRequests.bytes;
import static io.videokit.core.tus.TusRequests.creation;
import static io.videokit.core.tus.TusRequests.deferredCreation;
import static io.videokit.core.tus.TusRequests.finalCreation;
import static io.videokit.core.tus.TusRequests.idOf;
import static io.videokit.core.tus.TusRequests.patch;
import static io.videokit.core.tus.TusRequests.problemType;
import static io.videokit.core.tus.TusRequests.tus;
import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.core.http.HttpDates;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Boundaries of the tus handler found by mutation testing (docs/mutation-testing.md): offsets just
 * below and above the server's, lengths exactly at a limit, expiry at exactly the expiry instant,
 * and the headers that only some answers carry.
 */
class TusBoundaryTest {

  private static final long MAX_SIZE = 1000;
  private static final Duration EXPIRATION = Duration.ofHours(1);

  private final TusCaller alice = new TusCaller("alice", false);
  private final MovableClock clock = new MovableClock(Instant.parse("2024-01-05T10:00:00Z"));

  @TempDir Path directory;

  private LocalUploadStore store;
  private TusHandler handler;

  @BeforeEach
  void setUp() throws IOException {
    store = new LocalUploadStore(directory);
    handler = handler(UploadHooks.NONE, 0);
  }

  // --- Upload-Offset must equal the server's offset exactly

  @Test
  void patchWithAnOffsetBelowTheServersAnswers409AndWritesNothing() throws IOException {
    String id = create(10);
    assertThat(handle(patch(id, 0, bytes(5)), id).getStatus()).isEqualTo(204);

    MockHttpServletResponse response = handle(patch(id, 4, bytes(3)), id);

    assertThat(response.getStatus()).isEqualTo(409);
    assertThat(problemType(response)).endsWith("/tus/mismatched-offset");
    assertThat(offset(id)).isEqualTo(5);
  }

  @Test
  void patchWithAnOffsetAboveTheServersAnswers409AndWritesNothing() throws IOException {
    String id = create(10);
    assertThat(handle(patch(id, 0, bytes(5)), id).getStatus()).isEqualTo(204);

    MockHttpServletResponse response = handle(patch(id, 6, bytes(3)), id);

    assertThat(response.getStatus()).isEqualTo(409);
    assertThat(problemType(response)).endsWith("/tus/mismatched-offset");
    assertThat(offset(id)).isEqualTo(5);
  }

  @Test
  void patchWithAnOffsetBelowACompletedUploadsLengthAnswers409() throws IOException {
    String id = create(5);
    assertThat(handle(patch(id, 0, bytes(5)), id).getStatus()).isEqualTo(204);

    assertThat(handle(patch(id, 4, new byte[0]), id).getStatus()).isEqualTo(409);
  }

  @Test
  void problemCarriesTheErrorsFixedTitle() throws IOException {
    String id = create(10);

    MockHttpServletResponse response = handle(patch(id, 3, bytes(1)), id);

    assertThat(problem(response).get("title")).isEqualTo(TusError.MISMATCHED_OFFSET.title());
    assertThat(TusError.MISMATCHED_OFFSET.title()).isNotBlank();
  }

  // --- lengths exactly at a limit

  @Test
  void bodyLongerThanTheRoomLeftAfterAResumeAnswers413AndWritesNothing() throws IOException {
    String id = create(10);
    handle(patch(id, 0, bytes(5)), id);

    MockHttpServletResponse response = handle(patch(id, 5, bytes(6)), id);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(problemType(response)).endsWith("/tus/size-exceeded");
    assertThat(offset(id)).isEqualTo(5);
  }

  @Test
  void deferredLengthEqualToTheOffsetIsAcceptedAndCompletesTheUpload() throws IOException {
    String id = createDeferred();
    handle(patch(id, 0, bytes(5)), id);
    MockHttpServletRequest request = patch(id, 5, new byte[0]);
    request.addHeader("Upload-Length", "5");

    MockHttpServletResponse response = handle(request, id);

    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(store.find(id).orElseThrow().completed()).isTrue();
  }

  @Test
  void deferredLengthOneBelowTheOffsetAnswers400() throws IOException {
    String id = createDeferred();
    handle(patch(id, 0, bytes(5)), id);
    MockHttpServletRequest request = patch(id, 5, new byte[0]);
    request.addHeader("Upload-Length", "4");

    MockHttpServletResponse response = handle(request, id);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(problemType(response)).endsWith("/tus/invalid-length");
  }

  @Test
  void finalUploadWhosePartsAddUpToExactlyTheMaxSizeIsCreated() throws IOException {
    String first = createPartial(600);
    String second = createPartial(400);

    MockHttpServletResponse response = handle(finalCreation(first, second), null);

    assertThat(response.getStatus()).isEqualTo(201);
    assertThat(response.getHeader("Upload-Offset")).isEqualTo("1000");
  }

  @Test
  void finalUploadWhosePartsAddUpToOneOverTheMaxSizeAnswers413() throws IOException {
    String first = createPartial(600);
    String second = createPartial(401);

    MockHttpServletResponse response = handle(finalCreation(first, second), null);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(problemType(response)).endsWith("/tus/max-size-exceeded");
  }

  @Test
  void hookRefusingAFinalUploadStopsItAndKeepsTheParts() throws IOException {
    String first = createPartial(3);
    String second = createPartial(4);
    handler =
        handler(
            new UploadHooks() {
              @Override
              public void beforeCreate(NewUpload upload, TusCaller caller) throws TusException {
                if (upload.concat() == ConcatType.FINAL) {
                  throw new TusException(TusError.REJECTED, "no final uploads here");
                }
              }
            },
            0);

    MockHttpServletResponse response = handle(finalCreation(first, second), null);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(problemType(response)).endsWith("/tus/rejected");
    assertThat(store.find(first)).isPresent();
    assertThat(store.find(second)).isPresent();
  }

  @Test
  void finalUploadThatWouldCrossTheFreeSpaceFloorAnswers507() throws IOException {
    String first = createPartial(30);
    String second = createPartial(30);
    handler = handler(UploadHooks.NONE, 100); // the disk (below) has 150 bytes: 50 above the floor

    MockHttpServletResponse response = handle(finalCreation(first, second), null);

    assertThat(response.getStatus()).isEqualTo(507);
    assertThat(problemType(response)).endsWith("/tus/insufficient-storage");
    assertThat(store.find(first)).isPresent();
  }

  // --- expiry at exactly the expiry instant

  @Test
  void uploadIsStillWritableAtExactlyItsExpiryInstant() throws IOException {
    String id = create(10);
    clock.advance(EXPIRATION);

    assertThat(handle(patch(id, 0, bytes(3)), id).getStatus()).isEqualTo(204);
  }

  @Test
  void uploadIsGoneOneNanosecondAfterItsExpiryInstant() throws IOException {
    String id = create(10);
    clock.advance(EXPIRATION.plusNanos(1));

    MockHttpServletResponse response = handle(patch(id, 0, bytes(3)), id);

    assertThat(response.getStatus()).isEqualTo(410);
    assertThat(problemType(response)).endsWith("/tus/expired");
  }

  @Test
  void patchMovesTheStoredExpiryToExpirationAfterThePatch() throws IOException {
    String id = create(10);
    clock.advance(Duration.ofMinutes(30));

    handle(patch(id, 0, bytes(3)), id);

    Instant expected = clock.instant().plus(EXPIRATION);
    assertThat(store.find(id).orElseThrow().expires()).isEqualTo(expected);
    assertThat(handle(tus("HEAD", id), id).getHeader("Upload-Expires"))
        .isEqualTo(HttpDates.format(expected));
  }

  @Test
  void headOfAnUnfinishedUploadCarriesUploadExpires() throws IOException {
    String id = create(10);

    MockHttpServletResponse response = handle(tus("HEAD", id), id);

    assertThat(response.getHeader("Upload-Expires"))
        .isEqualTo(HttpDates.format(clock.instant().plus(EXPIRATION)));
  }

  // --- what counts as a body, and the version check's explanation

  @Test
  void creationWithAnEmptyBodyAndNoContentTypeIsCreated() throws IOException {
    MockHttpServletRequest request = creation(10);
    request.setContent(new byte[0]); // Content-Length: 0, as tus-js-client sends on POST

    MockHttpServletResponse response = handle(request, null);

    assertThat(response.getStatus()).isEqualTo(201);
  }

  @Test
  void missingTusResumableIsExplainedAsRequired() throws IOException {
    MockHttpServletRequest request = creation(10);
    request.removeHeader("Tus-Resumable");

    MockHttpServletResponse response = handle(request, null);

    assertThat(response.getStatus()).isEqualTo(412);
    assertThat((String) problem(response).get("detail")).contains("required");
  }

  @Test
  void unsupportedTusResumableIsNamedInTheDetail() throws IOException {
    MockHttpServletRequest request = creation(10);
    request.removeHeader("Tus-Resumable");
    request.addHeader("Tus-Resumable", "0.2.2");

    MockHttpServletResponse response = handle(request, null);

    assertThat(response.getStatus()).isEqualTo(412);
    assertThat((String) problem(response).get("detail")).contains("0.2.2");
  }

  // --- helpers

  private TusHandler handler(UploadHooks hooks, long floor) {
    return new TusHandler(
        store,
        new LocalUploadLocker(),
        hooks,
        new TusSettings(
            MAX_SIZE, EXPIRATION, Duration.ofSeconds(1), 0, 0, floor, List.of(directory)),
        clock,
        UserUsage.NONE,
        path -> 150);
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

  private String createPartial(int length) throws IOException {
    MockHttpServletRequest request = creation(length);
    request.addHeader("Upload-Concat", "partial");
    String id = idOf(handle(request, null));
    assertThat(handle(patch(id, 0, bytes(length)), id).getStatus()).as("part").isEqualTo(204);
    return id;
  }

  private long offset(String id) throws IOException {
    return store.find(id).orElseThrow().offset();
  }

  private static Map<?, ?> problem(MockHttpServletResponse response) {
    return JsonMapper.builder().build().readValue(response.getContentAsByteArray(), Map.class);
  }
}
