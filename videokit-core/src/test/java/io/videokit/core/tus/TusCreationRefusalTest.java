package io.videokit.core.tus;

import static io.videokit.core.tus.TusRequests.bytes;
import static io.videokit.core.tus.TusRequests.creation;
import static io.videokit.core.tus.TusRequests.deferredCreation;
import static io.videokit.core.tus.TusRequests.files;
import static io.videokit.core.tus.TusRequests.finalCreation;
import static io.videokit.core.tus.TusRequests.idOf;
import static io.videokit.core.tus.TusRequests.patch;
import static io.videokit.core.tus.TusRequests.problemType;
import static io.videokit.core.tus.TusRequests.text;
import static io.videokit.core.tus.TusRequests.withBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Issue 7: a creation the handler refuses leaves nothing in the store (no orphan upload), whatever
 * step refused it; only a creation whose bytes were acknowledged keeps its upload.
 */
class TusCreationRefusalTest {

  private static final long MAX_SIZE = 1024;

  private final TusCaller alice = new TusCaller("alice", false);
  private final Clock clock = Clock.fixed(Instant.parse("2024-01-05T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path directory;

  private LocalUploadStore store;
  private FailingHooks hooks;
  private TusHandler handler;

  @BeforeEach
  void setUp() throws IOException {
    store = new LocalUploadStore(directory);
    hooks = new FailingHooks();
    handler =
        new TusHandler(
            store,
            new LocalUploadLocker(),
            hooks,
            new TusSettings(MAX_SIZE, Duration.ofHours(1), Duration.ofSeconds(1)),
            clock);
  }

  static Stream<Arguments> refusedCreations() {
    return Stream.of(
        refused(
            "creation-with-upload whose declared body exceeds Upload-Length",
            () -> withBody(creation(3), text("abcdef")),
            413),
        refused(
            "creation-with-upload whose undeclared body exceeds Upload-Length",
            () -> withBody(chunkedCreation(3), text("abcdef")),
            413),
        refused(
            "deferred creation-with-upload whose body exceeds Tus-Max-Size",
            () -> withBody(deferredCreation(), bytes((int) MAX_SIZE + 1)),
            413),
        refused(
            "deferred creation-with-upload whose undeclared body exceeds Tus-Max-Size",
            () -> {
              MockHttpServletRequest request = chunkedCreation(0);
              request.removeHeader("Upload-Length");
              request.addHeader("Upload-Defer-Length", "1");
              return withBody(request, bytes((int) MAX_SIZE + 1));
            },
            413),
        refused(
            "creation-with-upload in another content type",
            () -> {
              MockHttpServletRequest request = creation(3);
              request.setContentType("video/mp4");
              request.setContent(text("abc"));
              return request;
            },
            415),
        refused(
            "invalid metadata",
            () -> {
              MockHttpServletRequest request = creation(3);
              request.addHeader("Upload-Metadata", "filename not-base64!");
              return request;
            },
            400),
        refused("Upload-Length over Tus-Max-Size", () -> creation(MAX_SIZE + 1), 413));
  }

  private static Arguments refused(
      String name, Supplier<MockHttpServletRequest> request, int status) {
    return Arguments.of(Named.of(name, request), status);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedCreations")
  void refusedCreationLeavesNothingInTheStore(Supplier<MockHttpServletRequest> request, int status)
      throws IOException {
    MockHttpServletResponse response = handle(request.get());

    assertThat(response.getStatus()).isEqualTo(status);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    assertThat(response.getHeader("Location")).as("no Location for a refused upload").isNull();
    assertThat(files(directory)).isEmpty();
  }

  @Test
  void creationRefusedByTheBeforeCreateHookLeavesNothing() throws IOException {
    hooks.refuseCreation = true;

    MockHttpServletResponse response = handle(creation(3));

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(files(directory)).isEmpty();
  }

  @Test
  void creationWithUploadOverTheLengthIsRefusedWholeAndTheClientMayStartAgain() throws IOException {
    MockHttpServletResponse refused = handle(withBody(creation(3), text("abcdef")));
    MockHttpServletResponse again = handle(withBody(creation(3), text("abc")));

    assertThat(problemType(refused)).endsWith("/tus/size-exceeded");
    assertThat(refused.getHeader("Upload-Offset")).isNull();
    assertThat(again.getStatus()).isEqualTo(201);
    assertThat(store.find(idOf(again))).map(UploadInfo::completed).contains(true);
    assertThat(files(directory)).allMatch(name -> name.startsWith(idOf(again)));
  }

  @Test
  void finalUploadWhoseCompletionFailsIsRemovedAndThePartsStayForAnotherAttempt()
      throws IOException {
    String first = partial("abc");
    String second = partial("de");
    List<String> partsOnly = files(directory);
    hooks.failuresLeft = 1;

    MockHttpServletResponse failed = handle(finalCreation(first, second));

    assertThat(failed.getStatus()).isEqualTo(500);
    assertThat(problemType(failed)).endsWith("/tus/completion-failed");
    assertThat(failed.getHeader("Location")).isNull();
    assertThat(files(directory)).isEqualTo(partsOnly);

    MockHttpServletResponse retried = handle(finalCreation(first, second));

    assertThat(retried.getStatus()).isEqualTo(201);
    assertThat(hooks.completions).isEqualTo(1);
  }

  @Test
  void finalUploadOverTheMaximumLeavesOnlyTheParts() throws IOException {
    String first = partial(new String(bytes(600)));
    String second = partial(new String(bytes(600)));
    List<String> partsOnly = files(directory);

    MockHttpServletResponse response = handle(finalCreation(first, second));

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(files(directory)).isEqualTo(partsOnly);
  }

  @Test
  void zeroLengthUploadWhoseCompletionFailsIsKeptSoThatAPatchRetriesIt() throws IOException {
    hooks.failuresLeft = 1;

    MockHttpServletResponse failed = handle(creation(0));
    String id = idOf(failed);
    MockHttpServletResponse retried = handle(patch(id, 0, new byte[0]), id);

    assertThat(failed.getStatus()).isEqualTo(500);
    assertThat(retried.getStatus()).isEqualTo(204);
    assertThat(hooks.completions).isEqualTo(1);
  }

  private String partial(String content) throws IOException {
    MockHttpServletRequest request = withBody(creation(content.length()), text(content));
    request.addHeader("Upload-Concat", "partial");
    MockHttpServletResponse response = handle(request);
    assertThat(response.getStatus()).as("partial creation").isEqualTo(201);
    return idOf(response);
  }

  private static MockHttpServletRequest chunkedCreation(long length) {
    MockHttpServletRequest request = TusRequests.chunked("POST", "/uploads");
    request.addHeader("Tus-Resumable", "1.0.0");
    request.addHeader("Upload-Length", Long.toString(length));
    return request;
  }

  private MockHttpServletResponse handle(MockHttpServletRequest request) throws IOException {
    return handle(request, null);
  }

  private MockHttpServletResponse handle(MockHttpServletRequest request, String id)
      throws IOException {
    return TusRequests.handle(handler, request, id, alice);
  }

  /** Hooks that can refuse creations and fail a number of completions. */
  private static final class FailingHooks implements UploadHooks {
    boolean refuseCreation;
    int failuresLeft;
    int completions;

    @Override
    public void beforeCreate(NewUpload upload, TusCaller caller) throws TusException {
      if (refuseCreation) {
        throw new TusException(TusError.REJECTED, "not today");
      }
    }

    @Override
    public void completed(UploadInfo upload, UploadStore store) {
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new IllegalStateException("transcoder unavailable");
      }
      completions++;
    }
  }
}
