package io.videokit.core.tus;

import static io.videokit.core.tus.TusRequests.creation;
import static io.videokit.core.tus.TusRequests.deferredCreation;
import static io.videokit.core.tus.TusRequests.finalCreation;
import static io.videokit.core.tus.TusRequests.idOf;
import static io.videokit.core.tus.TusRequests.patch;
import static io.videokit.core.tus.TusRequests.problemType;
import static io.videokit.core.tus.TusRequests.text;
import static io.videokit.core.tus.TusRequests.tus;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The handler serves exactly the tus extensions its store implements (issue 9): a store with only
 * the core SPI gets creation, creation-with-upload and checksum, and requests for anything else get
 * the protocol's refusal; each optional interface adds its one extension.
 */
class TusStoreExtensionsTest {

  private static final Instant NOW = Instant.parse("2024-01-05T10:00:00Z");
  private static final List<String> OWN = List.of("creation", "creation-with-upload", "checksum");

  private final TusCaller alice = new TusCaller("alice", false);
  private final MovableClock clock = new MovableClock(NOW);
  private final List<byte[]> completed = new ArrayList<>();

  private TusHandler handler(UploadStore store) {
    UploadHooks hooks =
        new UploadHooks() {
          @Override
          public void completed(UploadInfo upload, UploadStore from) throws IOException {
            try (InputStream in = from.openData(upload.id())) {
              completed.add(in.readAllBytes());
            }
          }
        };
    return new TusHandler(
        store,
        new LocalUploadLocker(),
        hooks,
        new TusSettings(1024, Duration.ofHours(1), Duration.ofSeconds(1)),
        clock);
  }

  private MockHttpServletResponse handle(
      TusHandler handler, MockHttpServletRequest request, String id) throws IOException {
    return TusRequests.handle(handler, request, id, alice);
  }

  private static List<String> advertised(TusHandler handler) throws IOException {
    MockHttpServletResponse response = new MockHttpServletResponse();
    handler.handle(new MockHttpServletRequest("OPTIONS", "/uploads"), response, null, null);
    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(response.getHeader("Tus-Extension")).isEqualTo(handler.extensions());
    return List.of(response.getHeader("Tus-Extension").split(","));
  }

  private static List<String> ownPlus(String... extensions) {
    List<String> all = new ArrayList<>(OWN);
    all.addAll(List.of(extensions));
    return all;
  }

  @Nested
  class CoreOnlyStore {

    private final MemoryUploadStore store = new MemoryUploadStore();
    private final TusHandler handler = handler(store);

    @Test
    void optionsAdvertisesOnlyTheHandlersOwnExtensions() throws IOException {
      assertThat(advertised(handler)).containsExactlyInAnyOrderElementsOf(OWN);
    }

    @Test
    void aWholeUploadIsReceivedAndCompletedThroughTheCoreAlone() throws IOException {
      String id = idOf(handle(handler, creation(5), null));

      MockHttpServletResponse patched = handle(handler, patch(id, 0, text("hello")), id);

      assertThat(patched.getStatus()).isEqualTo(204);
      assertThat(patched.getHeader("Upload-Offset")).isEqualTo("5");
      assertThat(completed).containsExactly(text("hello"));
    }

    @Test
    void uploadsDoNotExpireAndCarryNoUploadExpires() throws IOException {
      MockHttpServletResponse created = handle(handler, creation(5), null);
      String id = idOf(created);
      clock.advance(Duration.ofDays(2));

      MockHttpServletResponse head = handle(handler, tus("HEAD", id), id);

      assertThat(created.getHeader("Upload-Expires")).isNull();
      assertThat(head.getStatus()).isEqualTo(200);
      assertThat(head.getHeader("Upload-Expires")).isNull();
      assertThat(handler.removeExpired()).isZero();
      assertThat(store.find(id)).isPresent();
    }

    @Test
    void deleteIsAnswered405WithAnAllowHeaderWithoutDelete() throws IOException {
      String id = idOf(handle(handler, creation(5), null));

      MockHttpServletResponse response = handle(handler, tus("DELETE", id), id);

      assertThat(response.getStatus()).isEqualTo(405);
      assertThat(response.getHeader("Allow")).isEqualTo("HEAD, PATCH, OPTIONS");
      assertThat(problemType(response)).endsWith("/tus/method-not-allowed");
      assertThat(store.find(id)).isPresent();
    }

    @Test
    void aPartialUploadIsRefusedWith400AndNothingIsCreated() throws IOException {
      MockHttpServletRequest request = creation(5);
      request.addHeader("Upload-Concat", "partial");

      MockHttpServletResponse response = handle(handler, request, null);

      assertThat(response.getStatus()).isEqualTo(400);
      assertThat(problemType(response)).endsWith("/tus/unsupported-extension");
      assertThat(response.getHeader("Location")).isNull();
      assertThat(store.ids()).isEmpty();
    }

    @Test
    void aFinalUploadIsRefusedWith400() throws IOException {
      String part = idOf(handle(handler, creation(5), null));

      MockHttpServletResponse response = handle(handler, finalCreation(part), null);

      assertThat(response.getStatus()).isEqualTo(400);
      assertThat(problemType(response)).endsWith("/tus/unsupported-extension");
      assertThat(store.ids()).containsExactly(part);
    }

    @Test
    void aDeferredLengthIsRefusedWith400AndNothingIsCreated() throws IOException {
      MockHttpServletResponse response = handle(handler, deferredCreation(), null);

      assertThat(response.getStatus()).isEqualTo(400);
      assertThat(problemType(response)).endsWith("/tus/unsupported-extension");
      assertThat(store.ids()).isEmpty();
    }
  }

  /** Adds termination only. */
  static class Terminating extends MemoryUploadStore implements TerminatingUploadStore {
    @Override
    public boolean delete(String id) {
      return remove(id);
    }
  }

  /** Adds expiration (and with it termination, which removal needs). */
  static class Expiring extends Terminating implements ExpiringUploadStore {
    @Override
    public List<String> expired(Instant now) throws IOException {
      List<String> ids = new ArrayList<>();
      for (String id : ids()) {
        find(id).filter(u -> now.isAfter(u.expires())).ifPresent(u -> ids.add(id));
      }
      return ids;
    }
  }

  /** Adds concatenation only. */
  static class Concatenating extends MemoryUploadStore implements ConcatenatingUploadStore {
    @Override
    public long concatenate(String finalId, List<String> partIds) throws IOException {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (String part : partIds) {
        try (InputStream in = openData(part)) {
          in.transferTo(all);
        }
      }
      replaceBytes(finalId, all.toByteArray());
      return all.size();
    }
  }

  /** Adds creation-defer-length only. */
  static class Deferring extends MemoryUploadStore implements LengthDeferringUploadStore {
    @Override
    public UploadInfo declareLength(UploadInfo info, long length) {
      UploadInfo declared = info.withLength(length);
      update(declared);
      return declared;
    }
  }

  @Test
  void aTerminatingStoreAddsTerminationAndDeleteRemovesTheUpload() throws IOException {
    Terminating store = new Terminating();
    TusHandler handler = handler(store);
    String id = idOf(handle(handler, creation(5), null));

    MockHttpServletResponse response = handle(handler, tus("DELETE", id), id);

    assertThat(advertised(handler)).containsExactlyInAnyOrderElementsOf(ownPlus("termination"));
    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(store.find(id)).isEmpty();
  }

  @Test
  void anExpiringStoreAddsExpirationAndTheExpiredUploadIsRemoved() throws IOException {
    Expiring store = new Expiring();
    TusHandler handler = handler(store);
    MockHttpServletResponse created = handle(handler, creation(5), null);
    clock.advance(Duration.ofHours(2));

    MockHttpServletResponse head = handle(handler, tus("HEAD", idOf(created)), idOf(created));

    assertThat(advertised(handler))
        .containsExactlyInAnyOrderElementsOf(ownPlus("expiration", "termination"));
    assertThat(created.getHeader("Upload-Expires")).isNotNull();
    assertThat(head.getStatus()).isEqualTo(410);
    assertThat(handler.removeExpired()).isEqualTo(1);
    assertThat(store.ids()).isEmpty();
  }

  @Test
  void aConcatenatingStoreAddsConcatenationAndAssemblesTheParts() throws IOException {
    Concatenating store = new Concatenating();
    TusHandler handler = handler(store);
    String first = partial(handler, "abc");
    String second = partial(handler, "de");

    MockHttpServletResponse response = handle(handler, finalCreation(first, second), null);

    assertThat(advertised(handler)).containsExactlyInAnyOrderElementsOf(ownPlus("concatenation"));
    assertThat(response.getStatus()).isEqualTo(201);
    assertThat(response.getHeader("Upload-Offset")).isEqualTo("5");
    assertThat(completed).containsExactly(text("abcde"));
    assertThat(store.find(first)).as("no termination: the parts stay").isPresent();
  }

  @Test
  void aDeferringStoreAddsCreationDeferLengthAndTakesTheLengthLater() throws IOException {
    Deferring store = new Deferring();
    TusHandler handler = handler(store);
    String id = idOf(handle(handler, deferredCreation(), null));
    MockHttpServletRequest last = patch(id, 0, text("hello"));
    last.addHeader("Upload-Length", "5");

    MockHttpServletResponse response = handle(handler, last, id);

    assertThat(advertised(handler))
        .containsExactlyInAnyOrderElementsOf(ownPlus("creation-defer-length"));
    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(store.find(id).orElseThrow().length()).isEqualTo(5);
    assertThat(completed).containsExactly(text("hello"));
  }

  @Test
  void theLocalStoreAdvertisesEveryExtension(@TempDir Path directory) throws IOException {
    TusHandler handler = handler(new LocalUploadStore(directory));

    assertThat(advertised(handler))
        .containsExactlyInAnyOrderElementsOf(
            ownPlus("creation-defer-length", "expiration", "termination", "concatenation"));
  }

  private String partial(TusHandler handler, String content) throws IOException {
    MockHttpServletRequest request = creation(content.length());
    request.addHeader("Upload-Concat", "partial");
    String id = idOf(handle(handler, request, null));
    assertThat(handle(handler, patch(id, 0, text(content)), id).getStatus()).isEqualTo(204);
    return id;
  }
}
