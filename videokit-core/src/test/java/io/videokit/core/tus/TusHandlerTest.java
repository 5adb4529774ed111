package io.videokit.core.tus;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class TusHandlerTest {

  /** A Friday, and a day of month below 10 (HTTP dates must still carry two digits). */
  private static final Instant NOW = Instant.parse("2024-01-05T10:00:00Z");

  private static final long MAX_SIZE = 10L * 1024 * 1024;
  private static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";
  private static final String UPLOADS = "http://localhost/uploads/";

  private final TusCaller alice = new TusCaller("alice", false);
  private final TusCaller bob = new TusCaller("bob", false);
  private final TusCaller staff = new TusCaller("admin", true);

  @TempDir Path directory;

  private final MovableClock clock = new MovableClock(NOW);
  private final RecordingHooks hooks = new RecordingHooks();
  private final LocalUploadLocker locker = new LocalUploadLocker();
  private LocalUploadStore store;
  private TusHandler handler;

  @BeforeEach
  void setUp() throws IOException {
    store = new LocalUploadStore(directory);
    handler = handler(Duration.ofSeconds(1));
  }

  // --- core protocol

  @Test
  void optionsAdvertisesTheServersCapabilities() throws IOException {
    MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/uploads");

    MockHttpServletResponse response = handle(request, null, null);

    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(response.getHeader("Tus-Version")).isEqualTo("1.0.0");
    assertThat(response.getHeader("Tus-Extension").split(","))
        .contains(
            "creation",
            "creation-with-upload",
            "creation-defer-length",
            "expiration",
            "checksum",
            "termination",
            "concatenation");
    assertThat(response.getHeader("Tus-Max-Size")).isEqualTo(Long.toString(MAX_SIZE));
    assertThat(response.getHeader("Tus-Checksum-Algorithm").split(",")).contains("sha1");
  }

  @Test
  void everyResponseCarriesTusResumable() throws IOException {
    MockHttpServletResponse response = handle(tus("POST", null), null, null);

    assertThat(response.getHeader("Tus-Resumable")).isEqualTo("1.0.0");
  }

  @Test
  void missingTusResumableAnswers412WithTusVersion() throws IOException {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/uploads");
    request.addHeader("Upload-Length", "10");

    MockHttpServletResponse response = handle(request, null, alice);

    assertThat(response.getStatus()).isEqualTo(412);
    assertThat(response.getHeader("Tus-Version")).isEqualTo("1.0.0");
    assertThat(problemType(response)).endsWith("/tus/unsupported-version");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.2.2", "1.0", "2.0.0", ""})
  void unsupportedTusResumableAnswers412WithTusVersion(String version) throws IOException {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/uploads");
    request.addHeader("Tus-Resumable", version);
    request.addHeader("Upload-Length", "10");

    MockHttpServletResponse response = handle(request, null, alice);

    assertThat(response.getStatus()).isEqualTo(412);
    assertThat(response.getHeader("Tus-Version")).isEqualTo("1.0.0");
  }

  @Test
  void anonymousCallerAnswers401() throws IOException {
    MockHttpServletRequest request = tus("POST", null);
    request.addHeader("Upload-Length", "10");

    MockHttpServletResponse response = handle(request, null, null);

    assertThat(response.getStatus()).isEqualTo(401);
    assertThat(uploadFiles()).isEmpty();
  }

  @Test
  void errorsAreProblemDocumentsThatMustNotBeCached() throws IOException {
    MockHttpServletResponse response = handle(tus("HEAD", UploadIds.random()), null, alice);

    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void postOnAnUploadUrlAnswers405() throws IOException {
    String id = create(10);

    MockHttpServletResponse response = handle(tus("POST", id), id, alice);

    assertThat(response.getStatus()).isEqualTo(405);
    assertThat(response.getHeader("Allow")).isEqualTo("HEAD, PATCH, DELETE, OPTIONS");
  }

  @Test
  void getAnswers405() throws IOException {
    String id = create(10);

    MockHttpServletResponse response = handle(tus("GET", id), id, alice);

    assertThat(response.getStatus()).isEqualTo(405);
  }

  @Test
  void patchOnTheCollectionAnswers405() throws IOException {
    MockHttpServletResponse response = handle(patchRequest(null, 0, new byte[1]), null, alice);

    assertThat(response.getStatus()).isEqualTo(405);
    assertThat(response.getHeader("Allow")).isEqualTo("POST, OPTIONS");
  }

  // --- creation

  @Test
  void creationAnswers201WithTheLocationOfANewUpload() throws IOException {
    MockHttpServletResponse response = handle(creation(10), null, alice);

    assertThat(response.getStatus()).isEqualTo(201);
    assertThat(response.getHeader("Location")).matches("http://localhost/uploads/[0-9a-f]{32}");
    assertThat(response.getHeader("Upload-Offset")).isEqualTo("0");
  }

  @Test
  void everyCreationGetsAnotherId() throws IOException {
    assertThat(create(10)).isNotEqualTo(create(10));
  }

  @Test
  void creationAnswersWhenTheUploadExpires() throws IOException {
    MockHttpServletResponse response = handle(creation(10), null, alice);

    assertThat(response.getHeader("Upload-Expires")).isEqualTo("Fri, 05 Jan 2024 11:00:00 GMT");
  }

  @Test
  void creationRecordsTheCallerAsCreator() throws IOException {
    String id = create(10);

    assertThat(store.find(id)).map(UploadInfo::creator).contains("alice");
  }

  @Test
  void uploadLengthOverMaxSizeAnswers413() throws IOException {
    MockHttpServletResponse response = handle(creation(MAX_SIZE + 1), null, alice);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(problemType(response)).endsWith("/tus/max-size-exceeded");
    assertThat(uploadFiles()).isEmpty();
  }

  @Test
  void uploadLengthOfExactlyMaxSizeIsAccepted() throws IOException {
    assertThat(handle(creation(MAX_SIZE), null, alice).getStatus()).isEqualTo(201);
  }

  @Test
  void neitherLengthNorDeferLengthAnswers400() throws IOException {
    MockHttpServletResponse response = handle(tus("POST", null), null, alice);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(problemType(response)).endsWith("/tus/invalid-length");
  }

  @Test
  void bothLengthAndDeferLengthAnswer400() throws IOException {
    MockHttpServletRequest request = creation(10);
    request.addHeader("Upload-Defer-Length", "1");

    assertThat(handle(request, null, alice).getStatus()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "abc", "1.5", "", "0x10", "99999999999999999999"})
  void invalidUploadLengthAnswers400(String length) throws IOException {
    MockHttpServletRequest request = tus("POST", null);
    request.addHeader("Upload-Length", length);

    assertThat(handle(request, null, alice).getStatus()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "2", "true"})
  void deferLengthOtherThanOneAnswers400(String value) throws IOException {
    MockHttpServletRequest request = tus("POST", null);
    request.addHeader("Upload-Defer-Length", value);

    assertThat(handle(request, null, alice).getStatus()).isEqualTo(400);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "filename !!!notbase64",
        "filename aGVsbG8=,filename d29ybGQ=",
        "filename a b",
        "filename aGVsbG8=,,filetype dmlkZW8vbXA0",
        "filename aGVsbG8=,",
      })
  void invalidMetadataAnswers400AndCreatesNothing(String metadata) throws IOException {
    MockHttpServletRequest request = creation(10);
    request.addHeader("Upload-Metadata", metadata);

    MockHttpServletResponse response = handle(request, null, alice);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(problemType(response)).endsWith("/tus/invalid-metadata");
    assertThat(uploadFiles()).isEmpty();
  }

  @Test
  void beforeCreateHookCanRefuseTheUpload() throws IOException {
    hooks.refuseCreation = true;

    MockHttpServletResponse response = handle(creation(10), null, alice);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(problemType(response)).endsWith("/tus/rejected");
    assertThat(uploadFiles()).isEmpty();
  }

  // --- HEAD

  @Test
  void headReportsOffsetAndLength() throws IOException {
    String id = create(10);
    patch(id, 0, bytes(4));

    MockHttpServletResponse response = head(id, alice);

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getHeader("Upload-Offset")).isEqualTo("4");
    assertThat(response.getHeader("Upload-Length")).isEqualTo("10");
    assertThat(response.getContentAsByteArray()).isEmpty();
  }

  @Test
  void headForbidsCaching() throws IOException {
    String id = create(10);

    assertThat(head(id, alice).getHeader("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void headRoundTripsTheMetadata() throws IOException {
    String metadata =
        "filename " + b64("holiday 🎥.mp4") + ",filetype " + b64("video/mp4") + ",is_confidential";
    MockHttpServletRequest request = creation(10);
    request.addHeader("Upload-Metadata", metadata);
    String id = idOf(handle(request, null, alice));

    assertThat(head(id, alice).getHeader("Upload-Metadata")).isEqualTo(metadata);
  }

  @Test
  void headOmitsMetadataWhenNoneWasSent() throws IOException {
    String id = create(10);

    assertThat(head(id, alice).getHeader("Upload-Metadata")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0123456789abcdef0123456789abcdef", "../../etc/passwd", "ABC", ""})
  void headOfUnknownUploadAnswers404(String id) throws IOException {
    assertThat(head(id, alice).getStatus()).isEqualTo(404);
  }

  // --- PATCH

  @Test
  void patchAppendsAndAnswersTheNewOffset() throws IOException {
    String id = create(10);

    MockHttpServletResponse response = patch(id, 0, bytes(4));

    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(response.getHeader("Upload-Offset")).isEqualTo("4");
  }

  @Test
  void successivePatchesAppendInOrder() throws IOException {
    String id = create(6);

    patch(id, 0, "abc".getBytes(UTF_8));
    patch(id, 3, "def".getBytes(UTF_8));

    assertThat(hooks.completedData()).containsExactly("abcdef");
  }

  @Test
  void patchWithWrongContentTypeAnswers415AndWritesNothing() throws IOException {
    String id = create(10);
    MockHttpServletRequest request = patchRequest(id, 0, bytes(4));
    request.setContentType("application/octet-stream");

    MockHttpServletResponse response = handle(request, id, alice);

    assertThat(response.getStatus()).isEqualTo(415);
    assertThat(offset(id)).isZero();
  }

  @Test
  void patchWithoutContentTypeAnswers415() throws IOException {
    String id = create(10);
    MockHttpServletRequest request = patchRequest(id, 0, bytes(4));
    request.setContentType(null);

    assertThat(handle(request, id, alice).getStatus()).isEqualTo(415);
  }

  @Test
  void patchContentTypeIsMatchedCaseInsensitivelyWithParameters() throws IOException {
    String id = create(10);
    MockHttpServletRequest request = patchRequest(id, 0, bytes(4));
    request.setContentType("Application/Offset+Octet-Stream; charset=binary");

    assertThat(handle(request, id, alice).getStatus()).isEqualTo(204);
  }

  @ParameterizedTest
  @ValueSource(longs = {4, 1, 11})
  void patchAtAnotherOffsetAnswers409AndWritesNothing(long clientOffset) throws IOException {
    String id = create(10);

    MockHttpServletResponse response = patch(id, clientOffset, bytes(4));

    assertThat(response.getStatus()).isEqualTo(409);
    assertThat(problemType(response)).endsWith("/tus/mismatched-offset");
    assertThat(offset(id)).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "abc", ""})
  void patchWithInvalidOffsetAnswers400(String value) throws IOException {
    String id = create(10);
    MockHttpServletRequest request = patchRequest(id, 0, bytes(4));
    request.removeHeader("Upload-Offset");
    request.addHeader("Upload-Offset", value);

    assertThat(handle(request, id, alice).getStatus()).isEqualTo(400);
  }

  @Test
  void patchWithoutOffsetAnswers400() throws IOException {
    String id = create(10);
    MockHttpServletRequest request = patchRequest(id, 0, bytes(4));
    request.removeHeader("Upload-Offset");

    assertThat(handle(request, id, alice).getStatus()).isEqualTo(400);
  }

  @Test
  void patchExtendsTheExpiry() throws IOException {
    String id = create(10);
    clock.advance(Duration.ofMinutes(30));

    MockHttpServletResponse response = patch(id, 0, bytes(4));

    assertThat(response.getHeader("Upload-Expires")).isEqualTo("Fri, 05 Jan 2024 11:30:00 GMT");
  }

  @Test
  void bodyLongerThanTheRemainingLengthAnswers413AndWritesNothing() throws IOException {
    String id = create(4);

    MockHttpServletResponse response = patch(id, 0, bytes(6));

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(problemType(response)).endsWith("/tus/size-exceeded");
    assertThat(offset(id)).isZero();
  }

  @Test
  void undeclaredBodyLongerThanTheRemainingLengthAnswers413AndKeepsOnlyWhatFits()
      throws IOException {
    String id = create(4);
    MockHttpServletRequest request = new ChunkedRequest("PATCH", "/uploads/" + id);
    request.addHeader("Tus-Resumable", "1.0.0");
    request.addHeader("Upload-Offset", "0");
    request.setContentType(OFFSET_OCTET_STREAM);
    request.setContent("abcdef".getBytes(UTF_8));

    MockHttpServletResponse response = handle(request, id, alice);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(offset(id)).isEqualTo(4);
    assertThat(data(id)).isEqualTo("abcd");
  }

  @Test
  void lockedUploadAnswers423() throws Exception {
    TusHandler impatient = handler(Duration.ofMillis(50));
    String id = create(10);

    MockHttpServletResponse response = new MockHttpServletResponse();
    UploadLocker.UploadLock held = locker.tryLock(id, Duration.ZERO).orElseThrow();
    try {
      impatient.handle(patchRequest(id, 0, bytes(4)), response, id, alice);
    } finally {
      held.close();
    }

    assertThat(response.getStatus()).isEqualTo(423);
    assertThat(offset(id)).isZero();
  }

  // --- completion

  @Test
  void completingTheUploadCallsTheHookOnce() throws IOException {
    String id = create(6);

    patch(id, 0, bytes(3));
    patch(id, 3, bytes(3));

    assertThat(hooks.completed).extracting(UploadInfo::id).containsExactly(id);
  }

  @Test
  void zeroLengthUploadIsCompleteAtCreation() throws IOException {
    String id = create(0);

    assertThat(hooks.completed).extracting(UploadInfo::id).containsExactly(id);
    assertThat(head(id, alice).getHeader("Upload-Offset")).isEqualTo("0");
  }

  @Test
  void emptyPatchAfterCompletionAnswersTheFinalOffsetWithoutCompletingAgain() throws IOException {
    String id = create(6);
    patch(id, 0, bytes(6));

    MockHttpServletResponse again = patch(id, 6, new byte[0]);

    assertThat(again.getStatus()).isEqualTo(204);
    assertThat(again.getHeader("Upload-Offset")).isEqualTo("6");
    assertThat(hooks.completed).hasSize(1);
  }

  @Test
  void creationWithUploadOfWrongContentTypeCreatesNothing() throws IOException {
    MockHttpServletRequest request = creation(6);
    request.setContentType("text/plain");
    request.setContent(bytes(6));

    MockHttpServletResponse response = handle(request, null, alice);

    assertThat(response.getStatus()).isEqualTo(415);
    assertThat(response.getHeader("Location")).isNull();
    assertThat(uploadFiles()).isEmpty();
  }

  @Test
  void hookIsNotCalledBeforeTheLastByte() throws IOException {
    String id = create(6);

    patch(id, 0, bytes(5));

    assertThat(hooks.attempts).isZero();
  }

  @Test
  void emptyPatchAfterCompletionDoesNotCallTheHookAgain() throws IOException {
    String id = create(6);
    patch(id, 0, bytes(6));

    MockHttpServletResponse response = patch(id, 6, new byte[0]);

    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(hooks.attempts).isEqualTo(1);
  }

  @Test
  void hookSeesACompletedUploadWithItsFullLength() throws IOException {
    String id = create(6);

    patch(id, 0, bytes(6));

    assertThat(hooks.completed.get(0).offset()).isEqualTo(6);
    assertThat(hooks.completed.get(0).length()).isEqualTo(6);
  }

  @Test
  void completedUploadIsReportedWithoutExpiry() throws IOException {
    String id = create(6);
    patch(id, 0, bytes(6));

    MockHttpServletResponse response = head(id, alice);

    assertThat(response.getHeader("Upload-Offset")).isEqualTo("6");
    assertThat(response.getHeader("Upload-Expires")).isNull();
  }

  @Test
  void failingCompletionHookAnswers500Problem() throws IOException {
    hooks.failuresLeft = 1;
    String id = create(6);

    MockHttpServletResponse response = patch(id, 0, bytes(6));

    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(problemType(response)).endsWith("/tus/completion-failed");
    assertThat(offset(id)).isEqualTo(6);
    assertThat(hooks.completed).isEmpty();
  }

  @Test
  void emptyPatchAtTheEndRetriesAFailedCompletion() throws IOException {
    hooks.failuresLeft = 1;
    String id = create(6);
    patch(id, 0, "abcdef".getBytes(UTF_8));

    MockHttpServletResponse retry = patch(id, 6, new byte[0]);

    assertThat(retry.getStatus()).isEqualTo(204);
    assertThat(retry.getHeader("Upload-Offset")).isEqualTo("6");
    assertThat(hooks.attempts).isEqualTo(2);
    assertThat(hooks.completedData()).containsExactly("abcdef");
  }

  // --- completion interrupted by a crash (issue 7)

  @Test
  void headFinishesACompletionACrashInterrupted() throws IOException {
    hooks.failuresLeft = 1; // the process "died" inside the completion step
    String id = create(6);
    patch(id, 0, "abcdef".getBytes(UTF_8));

    MockHttpServletResponse head = head(id, alice);

    assertThat(head.getStatus()).isEqualTo(200);
    assertThat(head.getHeader("Upload-Offset")).isEqualTo("6");
    assertThat(head.getHeader("Upload-Expires")).as("completed: no expiry").isNull();
    assertThat(hooks.attempts).isEqualTo(2);
    assertThat(hooks.completedData()).containsExactly("abcdef");
    assertThat(store.find(id).orElseThrow().completed()).isTrue();
  }

  @Test
  void headOfAFinishedUploadRunsTheCompletionOnlyOnce() throws IOException {
    String id = create(6);
    patch(id, 0, "abcdef".getBytes(UTF_8));

    head(id, alice);
    head(id, alice);

    assertThat(hooks.attempts).isEqualTo(1);
  }

  @Test
  void headOfAnUnfinishedOrPartialUploadCompletesNothing() throws IOException {
    String unfinished = create(6);
    patch(unfinished, 0, "abc".getBytes(UTF_8));
    String partial = createPartial("abc");

    head(unfinished, alice);
    head(partial, alice);

    assertThat(hooks.attempts).isZero();
  }

  @Test
  void resumeCompletionsFinishesEveryInterruptedCompletionAndNothingElse() throws IOException {
    hooks.failuresLeft = 2;
    String first = create(3);
    patch(first, 0, "abc".getBytes(UTF_8));
    String second = create(4);
    patch(second, 0, "defg".getBytes(UTF_8));
    String unfinished = create(6);
    patch(unfinished, 0, "ab".getBytes(UTF_8));
    String partial = createPartial("xyz");
    String done = create(2);
    patch(done, 0, "hi".getBytes(UTF_8));
    int attemptsBefore = hooks.attempts;

    int resumed = handler.resumeCompletions();

    assertThat(resumed).isEqualTo(2);
    assertThat(hooks.attempts - attemptsBefore).isEqualTo(2);
    assertThat(hooks.completedData()).containsExactlyInAnyOrder("hi", "abc", "defg");
    assertThat(store.find(first).orElseThrow().completed()).isTrue();
    assertThat(store.find(second).orElseThrow().completed()).isTrue();
    assertThat(store.find(unfinished).orElseThrow().completed()).isFalse();
    assertThat(store.find(partial).orElseThrow().completed()).isFalse();
    assertThat(handler.resumeCompletions()).as("idempotent").isZero();
  }

  @Test
  @SuppressWarnings("try") // the lock is held, not used
  void resumeCompletionsSkipsAnUploadBeingWritten() throws Exception {
    hooks.failuresLeft = 1;
    String id = create(3);
    patch(id, 0, "abc".getBytes(UTF_8));

    try (UploadLocker.UploadLock held = locker.tryLock(id, Duration.ZERO).orElseThrow()) {
      assertThat(handler.resumeCompletions()).isZero();
    }
    assertThat(handler.resumeCompletions()).isEqualTo(1);
  }

  @Test
  void theStoreKeepsTheBytesUntilTheUploadIsMarkedCompleted() throws Exception {
    hooks.failuresLeft = 1;
    String id = create(3);
    patch(id, 0, "abc".getBytes(UTF_8));
    assertThat(uploadFiles()).contains(id + ".bin");

    head(id, alice);

    assertThat(uploadFiles()).containsExactly(id + ".json");
    assertThat(offset(id)).isEqualTo(3);
  }

  // --- creation-with-upload

  @Test
  void creationWithUploadStoresTheFirstChunk() throws IOException {
    MockHttpServletRequest request = creation(10);
    request.setContentType(OFFSET_OCTET_STREAM);
    request.setContent("abc".getBytes(UTF_8));

    MockHttpServletResponse response = handle(request, null, alice);

    assertThat(response.getStatus()).isEqualTo(201);
    assertThat(response.getHeader("Upload-Offset")).isEqualTo("3");
    assertThat(data(idOf(response))).isEqualTo("abc");
  }

  @Test
  void creationWithTheWholeUploadCompletesIt() throws IOException {
    MockHttpServletRequest request = creation(3);
    request.setContentType(OFFSET_OCTET_STREAM);
    request.setContent("abc".getBytes(UTF_8));

    MockHttpServletResponse response = handle(request, null, alice);

    assertThat(response.getStatus()).isEqualTo(201);
    assertThat(hooks.completedData()).containsExactly("abc");
  }

  @Test
  void creationWithUploadInAnotherContentTypeAnswers415() throws IOException {
    MockHttpServletRequest request = creation(10);
    request.setContentType("video/mp4");
    request.setContent("abc".getBytes(UTF_8));

    assertThat(handle(request, null, alice).getStatus()).isEqualTo(415);
  }

  // --- creation-defer-length

  @Test
  void deferredLengthIsReportedByHead() throws IOException {
    String id = createDeferred();

    MockHttpServletResponse response = head(id, alice);

    assertThat(response.getHeader("Upload-Defer-Length")).isEqualTo("1");
    assertThat(response.getHeader("Upload-Length")).isNull();
  }

  @Test
  void deferredUploadAcceptsChunksBeforeItsLengthIsKnown() throws IOException {
    String id = createDeferred();

    MockHttpServletResponse response = patch(id, 0, bytes(3));

    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(offset(id)).isEqualTo(3);
    assertThat(hooks.attempts).isZero();
  }

  @Test
  void patchWithUploadLengthSetsADeferredLength() throws IOException {
    String id = createDeferred();
    patch(id, 0, "abc".getBytes(UTF_8));
    MockHttpServletRequest request = patchRequest(id, 3, "def".getBytes(UTF_8));
    request.addHeader("Upload-Length", "6");

    MockHttpServletResponse response = handle(request, id, alice);

    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(head(id, alice).getHeader("Upload-Length")).isEqualTo("6");
    assertThat(hooks.completedData()).containsExactly("abcdef");
  }

  @Test
  void deferredLengthBelowTheOffsetAnswers400() throws IOException {
    String id = createDeferred();
    patch(id, 0, bytes(5));
    MockHttpServletRequest request = patchRequest(id, 5, new byte[0]);
    request.addHeader("Upload-Length", "4");

    assertThat(handle(request, id, alice).getStatus()).isEqualTo(400);
  }

  @Test
  void deferredLengthOverMaxSizeAnswers413() throws IOException {
    String id = createDeferred();
    MockHttpServletRequest request = patchRequest(id, 0, new byte[0]);
    request.addHeader("Upload-Length", Long.toString(MAX_SIZE + 1));

    assertThat(handle(request, id, alice).getStatus()).isEqualTo(413);
  }

  @Test
  void changingAKnownLengthAnswers400() throws IOException {
    String id = create(10);
    MockHttpServletRequest request = patchRequest(id, 0, bytes(2));
    request.addHeader("Upload-Length", "12");

    MockHttpServletResponse response = handle(request, id, alice);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(problemType(response)).endsWith("/tus/length-already-set");
  }

  // --- checksum

  @ParameterizedTest
  @CsvSource({"sha1, SHA-1", "sha256, SHA-256", "sha512, SHA-512", "md5, MD5", "SHA1, SHA-1"})
  void matchingChecksumIsAccepted(String tusName, String jcaName) throws Exception {
    String id = create(10);
    byte[] chunk = bytes(4);
    MockHttpServletRequest request = patchRequest(id, 0, chunk);
    request.addHeader("Upload-Checksum", tusName + " " + digest(jcaName, chunk));

    MockHttpServletResponse response = handle(request, id, alice);

    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(offset(id)).isEqualTo(4);
  }

  @Test
  void checksumMismatchAnswers460AndKeepsTheOffset() throws Exception {
    String id = create(10);
    MockHttpServletRequest request = patchRequest(id, 0, bytes(4));
    request.addHeader("Upload-Checksum", "sha1 " + digest("SHA-1", "other".getBytes(UTF_8)));

    MockHttpServletResponse response = handle(request, id, alice);

    assertThat(response.getStatus()).isEqualTo(460);
    assertThat(problemType(response)).endsWith("/tus/checksum-mismatch");
    assertThat(offset(id)).isZero();
    assertThat(uploadFiles()).containsExactlyInAnyOrder(id + ".bin", id + ".json");
  }

  @Test
  void checksumWithUnknownAlgorithmAnswers400() throws IOException {
    String id = create(10);
    MockHttpServletRequest request = patchRequest(id, 0, bytes(4));
    request.addHeader("Upload-Checksum", "crc32 AAAAAA==");

    MockHttpServletResponse response = handle(request, id, alice);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(problemType(response)).endsWith("/tus/unsupported-checksum-algorithm");
    assertThat(offset(id)).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sha1", "sha1 not*base64", "sha1 a b"})
  void malformedChecksumAnswers400(String header) throws IOException {
    String id = create(10);
    MockHttpServletRequest request = patchRequest(id, 0, bytes(4));
    request.addHeader("Upload-Checksum", header);

    assertThat(handle(request, id, alice).getStatus()).isEqualTo(400);
    assertThat(offset(id)).isZero();
  }

  // --- termination

  @Test
  void deleteAnswers204() throws IOException {
    String id = create(10);

    assertThat(handle(tus("DELETE", id), id, alice).getStatus()).isEqualTo(204);
  }

  @Test
  void deletedUploadIsGone() throws IOException {
    String id = create(10);
    patch(id, 0, bytes(4));

    handle(tus("DELETE", id), id, alice);

    assertThat(head(id, alice).getStatus()).isEqualTo(404);
    assertThat(uploadFiles()).isEmpty();
  }

  // --- access

  @ParameterizedTest
  @ValueSource(strings = {"HEAD", "PATCH", "DELETE"})
  void anotherUsersUploadIsNotFound(String method) throws IOException {
    String id = create(10);
    MockHttpServletRequest request =
        method.equals("PATCH") ? patchRequest(id, 0, bytes(4)) : tus(method, id);

    MockHttpServletResponse response = handle(request, id, bob);

    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(head(id, alice).getStatus()).isEqualTo(200);
    assertThat(offset(id)).isZero();
  }

  @Test
  void staffMayInspectAnotherUsersUpload() throws IOException {
    String id = create(10);

    assertThat(head(id, staff).getStatus()).isEqualTo(200);
  }

  @Test
  void staffMayContinueAnotherUsersUpload() throws IOException {
    String id = create(10);

    assertThat(handle(patchRequest(id, 0, bytes(4)), id, staff).getStatus()).isEqualTo(204);
  }

  // --- expiration

  @Test
  void expiredUploadAnswers410() throws IOException {
    String id = create(10);
    clock.advance(Duration.ofHours(1).plusSeconds(1));

    MockHttpServletResponse response = head(id, alice);

    assertThat(response.getStatus()).isEqualTo(410);
    assertThat(response.getContentAsByteArray()).as("HEAD has no body").isEmpty();
  }

  @Test
  void expiredUploadRefusesPatches() throws IOException {
    String id = create(10);
    clock.advance(Duration.ofHours(2));

    MockHttpServletResponse response = patch(id, 0, bytes(4));

    assertThat(response.getStatus()).isEqualTo(410);
    assertThat(problemType(response)).endsWith("/tus/expired");
    assertThat(offset(id)).isZero();
  }

  @Test
  void removeExpiredDeletesExpiredUploads() throws IOException {
    String id = create(10);
    clock.advance(Duration.ofHours(1).plusSeconds(1));

    int removed = handler.removeExpired();

    assertThat(removed).isEqualTo(1);
    assertThat(head(id, alice).getStatus()).isEqualTo(404);
    assertThat(uploadFiles()).isEmpty();
  }

  @Test
  void removeExpiredKeepsLiveUploads() throws IOException {
    String id = create(10);
    clock.advance(Duration.ofMinutes(59));

    assertThat(handler.removeExpired()).isZero();
    assertThat(head(id, alice).getStatus()).isEqualTo(200);
  }

  @Test
  void removeExpiredSkipsAnUploadBeingWritten() throws Exception {
    String id = create(10);
    clock.advance(Duration.ofHours(2));

    int removed;
    UploadLocker.UploadLock held = locker.tryLock(id, Duration.ZERO).orElseThrow();
    try {
      removed = handler.removeExpired();
    } finally {
      held.close();
    }

    assertThat(removed).isZero();
    assertThat(store.find(id)).isPresent();
  }

  // --- concatenation

  @Test
  void finalUploadAnswers201() throws IOException {
    String first = createPartial("abc");
    String second = createPartial("de");

    MockHttpServletResponse response = handle(finalRequest(first, second), null, alice);

    assertThat(response.getStatus()).isEqualTo(201);
    assertThat(response.getHeader("Location")).matches("http://localhost/uploads/[0-9a-f]{32}");
    assertThat(response.getHeader("Upload-Offset")).isEqualTo("5");
  }

  @Test
  void finalUploadHoldsThePartsInOrder() throws IOException {
    String first = createPartial("abc");
    String second = createPartial("de");

    String id = idOf(handle(finalRequest(second, first), null, alice));

    assertThat(hooks.completed).extracting(UploadInfo::id).containsExactly(id);
    assertThat(hooks.completedData()).containsExactly("deabc");
  }

  @Test
  void partialUploadsDoNotCallTheCompletionHook() throws IOException {
    createPartial("abc");

    assertThat(hooks.attempts).isZero();
  }

  @Test
  void finalUploadIsReportedAsFinalAndComplete() throws IOException {
    String first = createPartial("abc");
    String second = createPartial("de");
    String id = idOf(handle(finalRequest(first, second), null, alice));

    MockHttpServletResponse response = head(id, alice);

    assertThat(response.getHeader("Upload-Concat")).startsWith("final;");
    assertThat(response.getHeader("Upload-Offset")).isEqualTo("5");
    assertThat(response.getHeader("Upload-Length")).isEqualTo("5");
  }

  @Test
  void partialUploadIsReportedAsPartial() throws IOException {
    String id = createPartial("abc");

    assertThat(head(id, alice).getHeader("Upload-Concat")).isEqualTo("partial");
  }

  @Test
  void partsAreRemovedOnceConcatenated() throws IOException {
    String first = createPartial("abc");
    String second = createPartial("de");

    handle(finalRequest(first, second), null, alice);

    assertThat(head(first, alice).getStatus()).isEqualTo(404);
    assertThat(head(second, alice).getStatus()).isEqualTo(404);
  }

  @Test
  void finalUploadAcceptsRelativeUrls() throws IOException {
    String first = createPartial("abc");
    String second = createPartial("de");
    MockHttpServletRequest request = tus("POST", null);
    request.addHeader("Upload-Concat", "final;/uploads/" + first + " /uploads/" + second + "/");

    assertThat(handle(request, null, alice).getStatus()).isEqualTo(201);
    assertThat(hooks.completedData()).containsExactly("abcde");
  }

  @Test
  void patchOnAFinalUploadAnswers403() throws IOException {
    String first = createPartial("abc");
    String id = idOf(handle(finalRequest(first), null, alice));

    MockHttpServletResponse response = patch(id, 3, bytes(1));

    assertThat(response.getStatus()).isEqualTo(403);
    assertThat(problemType(response)).endsWith("/tus/modify-final");
  }

  @Test
  void finalUploadOfAnUnfinishedPartAnswers400() throws IOException {
    MockHttpServletRequest partial = creation(5);
    partial.addHeader("Upload-Concat", "partial");
    String unfinished = idOf(handle(partial, null, alice));
    patch(unfinished, 0, bytes(2));

    MockHttpServletResponse response = handle(finalRequest(unfinished), null, alice);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(problemType(response)).endsWith("/tus/invalid-concat");
    assertThat(head(unfinished, alice).getStatus()).isEqualTo(200);
  }

  @Test
  void finalUploadOfANormalUploadAnswers400() throws IOException {
    String normal = create(3);
    patch(normal, 0, bytes(3));

    assertThat(handle(finalRequest(normal), null, alice).getStatus()).isEqualTo(400);
  }

  @Test
  void finalUploadOfAnotherUsersPartAnswers400() throws IOException {
    String bobs = createPartial("abc", bob);

    assertThat(handle(finalRequest(bobs), null, alice).getStatus()).isEqualTo(400);
    assertThat(head(bobs, bob).getStatus()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"final;", "final; ", "final;http://localhost/uploads/nope", "whole"})
  void malformedUploadConcatAnswers400(String value) throws IOException {
    MockHttpServletRequest request = tus("POST", null);
    request.addHeader("Upload-Concat", value);

    MockHttpServletResponse response = handle(request, null, alice);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(problemType(response)).endsWith("/tus/invalid-concat");
  }

  @Test
  void finalUploadOverMaxSizeAnswers413() throws IOException {
    TusHandler small =
        new TusHandler(
            store,
            locker,
            hooks,
            new TusSettings(4, Duration.ofHours(1), Duration.ofSeconds(1)),
            clock);
    String first = createPartial("abc");
    String second = createPartial("de");
    MockHttpServletResponse response = new MockHttpServletResponse();

    small.handle(finalRequest(first, second), response, null, alice);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(hooks.attempts).isZero();
  }

  // --- method override

  @Test
  void methodOverrideTurnsAPostIntoAPatch() throws IOException {
    String id = create(10);
    MockHttpServletRequest request = patchRequest(id, 0, bytes(4));
    request.setMethod("POST");
    request.addHeader("X-HTTP-Method-Override", "PATCH");

    MockHttpServletResponse response = handle(request, id, alice);

    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(offset(id)).isEqualTo(4);
  }

  @Test
  void methodOverrideIsIgnoredOnOtherMethods() throws IOException {
    String id = create(10);
    MockHttpServletRequest request = tus("HEAD", id);
    request.addHeader("X-HTTP-Method-Override", "DELETE");

    handle(request, id, alice);

    assertThat(head(id, alice).getStatus()).isEqualTo(200);
  }

  // --- helpers

  private TusHandler handler(Duration lockWait) {
    return new TusHandler(
        store, locker, hooks, new TusSettings(MAX_SIZE, Duration.ofHours(1), lockWait), clock);
  }

  private MockHttpServletResponse handle(
      MockHttpServletRequest request, String id, TusCaller caller) throws IOException {
    MockHttpServletResponse response = new MockHttpServletResponse();
    handler.handle(request, response, id, caller);
    return response;
  }

  private static MockHttpServletRequest tus(String method, String id) {
    MockHttpServletRequest request =
        new MockHttpServletRequest(method, id == null ? "/uploads" : "/uploads/" + id);
    request.addHeader("Tus-Resumable", "1.0.0");
    return request;
  }

  private static MockHttpServletRequest creation(long length) {
    MockHttpServletRequest request = tus("POST", null);
    request.addHeader("Upload-Length", Long.toString(length));
    return request;
  }

  private static MockHttpServletRequest patchRequest(String id, long offset, byte[] body) {
    MockHttpServletRequest request = tus("PATCH", id);
    request.addHeader("Upload-Offset", Long.toString(offset));
    request.setContentType(OFFSET_OCTET_STREAM);
    request.setContent(body);
    return request;
  }

  private static MockHttpServletRequest finalRequest(String... partIds) {
    MockHttpServletRequest request = tus("POST", null);
    StringBuilder urls = new StringBuilder();
    for (String id : partIds) {
      urls.append(urls.length() == 0 ? "" : " ").append(UPLOADS).append(id);
    }
    request.addHeader("Upload-Concat", "final;" + urls);
    return request;
  }

  private String create(long length) throws IOException {
    MockHttpServletResponse response = handle(creation(length), null, alice);
    assertThat(response.getStatus()).as("creation").isEqualTo(201);
    return idOf(response);
  }

  private String createDeferred() throws IOException {
    MockHttpServletRequest request = tus("POST", null);
    request.addHeader("Upload-Defer-Length", "1");
    MockHttpServletResponse response = handle(request, null, alice);
    assertThat(response.getStatus()).as("creation").isEqualTo(201);
    return idOf(response);
  }

  private String createPartial(String content) throws IOException {
    return createPartial(content, alice);
  }

  private String createPartial(String content, TusCaller caller) throws IOException {
    byte[] bytes = content.getBytes(UTF_8);
    MockHttpServletRequest request = creation(bytes.length);
    request.addHeader("Upload-Concat", "partial");
    MockHttpServletResponse created = handle(request, null, caller);
    assertThat(created.getStatus()).as("creation").isEqualTo(201);
    String id = idOf(created);
    MockHttpServletResponse patched = handle(patchRequest(id, 0, bytes), id, caller);
    assertThat(patched.getStatus()).as("patch").isEqualTo(204);
    return id;
  }

  private MockHttpServletResponse patch(String id, long offset, byte[] body) throws IOException {
    return handle(patchRequest(id, offset, body), id, alice);
  }

  private MockHttpServletResponse head(String id, TusCaller caller) throws IOException {
    return handle(tus("HEAD", id), id, caller);
  }

  private long offset(String id) throws IOException {
    return store.find(id).orElseThrow().offset();
  }

  private String data(String id) throws IOException {
    try (InputStream in = store.openData(id)) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  private List<String> uploadFiles() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static String idOf(MockHttpServletResponse response) {
    String location = response.getHeader("Location");
    assertThat(location).as("Location").isNotNull();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static String problemType(MockHttpServletResponse response) {
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    Map<?, ?> problem =
        JsonMapper.builder().build().readValue(response.getContentAsByteArray(), Map.class);
    assertThat(problem.get("status")).isEqualTo(response.getStatus());
    return (String) problem.get("type");
  }

  private static byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    for (int i = 0; i < count; i++) {
      bytes[i] = (byte) ('a' + i % 26);
    }
    return bytes;
  }

  private static String b64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(UTF_8));
  }

  private static String digest(String jcaName, byte[] data) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance(jcaName).digest(data));
  }

  /** Records completions; can refuse creations and fail a number of completions first. */
  private static final class RecordingHooks implements UploadHooks {
    final List<UploadInfo> completed = new ArrayList<>();
    final List<String> data = new ArrayList<>();
    int attempts;
    int failuresLeft;
    boolean refuseCreation;

    @Override
    public void beforeCreate(NewUpload upload, TusCaller caller) throws TusException {
      if (refuseCreation) {
        throw new TusException(TusError.REJECTED, "not today");
      }
    }

    @Override
    public void completed(UploadInfo upload, UploadStore store) throws Exception {
      attempts++;
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new IllegalStateException("transcoder unavailable");
      }
      completed.add(upload);
      try (InputStream in = store.openData(upload.id())) {
        data.add(new String(in.readAllBytes(), UTF_8));
      }
    }

    List<String> completedData() {
      return data;
    }
  }

  /** A request whose body length is not declared (chunked transfer coding). */
  private static final class ChunkedRequest extends MockHttpServletRequest {
    ChunkedRequest(String method, String uri) {
      super(method, uri);
      addHeader("Transfer-Encoding", "chunked");
    }

    @Override
    public int getContentLength() {
      return -1;
    }

    @Override
    public long getContentLengthLong() {
      return -1;
    }
  }
}
