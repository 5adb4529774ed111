package io.videokit.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.core.storage.LocalMediaStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The handler over mock servlet requests, on a real local media storage. */
class HlsPutHandlerTest {

  private static final String SECRET = "s3cret-publisher-token";

  @TempDir Path dir;

  private LocalMediaStorage storage;
  private InMemoryLiveTargets targets;
  private HlsPutHandler handler;
  private final Instant now = Instant.parse("2026-12-01T12:00:00Z");

  @BeforeEach
  void setUp() throws IOException {
    storage = new LocalMediaStorage(dir.resolve("media"));
    Files.createDirectories(dir.resolve("tmp"));
    targets = new InMemoryLiveTargets();
    targets.register(new LiveTarget("b1", "live/b1/", new LiveLimits(1000, 100)), SECRET);
    handler =
        new HlsPutHandler(
            "/live", storage, targets, dir.resolve("tmp"), Clock.fixed(now, ZoneOffset.UTC));
  }

  private MockHttpServletResponse send(
      String method, String path, String authorization, byte[] body, boolean chunked)
      throws IOException {
    MockHttpServletRequest request =
        chunked ? new ChunkedRequest(method, path) : new MockHttpServletRequest(method, path);
    if (authorization != null) {
      request.addHeader("Authorization", authorization);
    }
    if (body != null) {
      request.setContent(body);
      if (chunked) {
        request.addHeader("Transfer-Encoding", "chunked");
      } else {
        request.addHeader("Content-Length", body.length);
      }
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    handler.handle(request, response);
    return response;
  }

  /** A request whose body comes without a length, as chunked transfer coding sends it. */
  private static final class ChunkedRequest extends MockHttpServletRequest {
    ChunkedRequest(String method, String path) {
      super(method, path);
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

  private MockHttpServletResponse put(String file, byte[] body) throws IOException {
    return send("PUT", "/live/b1/" + file, "Bearer " + SECRET, body, true);
  }

  private MockHttpServletResponse put(String file, String body) throws IOException {
    return put(file, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String playlist(long sequence, String... segments) {
    StringBuilder text =
        new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n")
            .append("#EXT-X-MEDIA-SEQUENCE:")
            .append(sequence)
            .append('\n');
    for (String segment : segments) {
      text.append("#EXTINF:2.000000,\n").append(segment).append('\n');
    }
    return text.toString();
  }

  private Path stored(String file) {
    return storage.root().resolve("live/b1/" + file);
  }

  private static void assertProblem(MockHttpServletResponse response, int status, String code)
      throws IOException {
    assertThat(response.getStatus()).isEqualTo(status);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    assertThat(response.getContentAsString())
        .contains("\"type\":\"https://videokit.io/problems/" + code + "\"");
  }

  private Stream<Path> filesUnderMedia() throws IOException {
    return Files.walk(storage.root()).filter(Files::isRegularFile);
  }

  @Test
  void aPublisherStoresSegmentsAndPlaylistsAndViewersGetThem() throws IOException {
    assertThat(put("a0.ts", "segment-0").getStatus()).isEqualTo(201);
    assertThat(
            send("PUT", "/live/b1/a1.ts", "Bearer " + SECRET, "segment-1".getBytes(), false)
                .getStatus())
        .isEqualTo(201);
    assertThat(put("index.m3u8", playlist(0, "a0.ts", "a1.ts")).getStatus()).isEqualTo(201);
    assertThat(handler.lastActivity("b1")).contains(now);

    MockHttpServletResponse list = send("GET", "/live/b1/index.m3u8", null, null, false);
    assertThat(list.getStatus()).isEqualTo(200);
    assertThat(list.getContentType()).isEqualTo("application/vnd.apple.mpegurl");
    assertThat(list.getHeader("Cache-Control")).isEqualTo("no-cache");
    assertThat(list.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(list.getContentAsString()).isEqualTo(playlist(0, "a0.ts", "a1.ts"));

    MockHttpServletResponse segment = send("GET", "/live/b1/a0.ts", null, null, false);
    assertThat(segment.getContentType()).isEqualTo("video/mp2t");
    assertThat(segment.getHeader("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    assertThat(segment.getContentAsString()).isEqualTo("segment-0");

    MockHttpServletResponse head = send("HEAD", "/live/b1/a1.ts", null, null, false);
    assertThat(head.getStatus()).isEqualTo(200);
    assertThat(head.getContentLengthLong()).isEqualTo(9);
    assertThat(head.getContentAsByteArray()).isEmpty();
  }

  @Test
  void theStreamObserverSeesEveryViewerAnswerWithItsBytes() throws IOException {
    java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    handler.setObserver(
        new io.videokit.core.stream.StreamObserver() {
          @Override
          public void started(Route route) {
            seen.add("started " + route.tag());
          }

          @Override
          public void finished(
              Route route, RangeKind kind, io.videokit.core.stream.StreamResult result) {
            seen.add(
                route.tag() + " " + kind.tag() + " " + result.status() + " " + result.bytesSent());
          }
        });
    put("a0.ts", "segment-0");

    send("GET", "/live/b1/a0.ts", null, null, false);
    send("HEAD", "/live/b1/a0.ts", null, null, false);
    send("GET", "/live/b1/a9.ts", null, null, false);

    assertThat(seen)
        .containsExactly(
            "started live",
            "live full 200 9",
            "started live",
            "live full 200 0",
            "started live",
            "live none 404 0");
  }

  @Test
  void viewerContentTypesFollowTheExtension() throws IOException {
    put("init.mp4", "i");
    put("a.m4s", "m");
    put("a.aac", "a");
    assertThat(send("GET", "/live/b1/init.mp4", null, null, false).getContentType())
        .isEqualTo("video/mp4");
    assertThat(send("GET", "/live/b1/a.m4s", null, null, false).getContentType())
        .isEqualTo("video/mp4");
    assertThat(send("GET", "/live/b1/a.aac", null, null, false).getContentType())
        .isEqualTo("audio/aac");
  }

  @Test
  void withoutASecretNothingIsWritten() throws IOException {
    assertProblem(
        send("PUT", "/live/b1/a0.ts", null, "x".getBytes(), true), 401, "unauthenticated");
    assertThat(
            send("PUT", "/live/b1/a0.ts", null, "x".getBytes(), true).getHeader("WWW-Authenticate"))
        .startsWith("Bearer");
    assertProblem(
        send("PUT", "/live/b1/a0.ts", "Basic eDp5", "x".getBytes(), true), 401, "unauthenticated");
    assertProblem(
        send("PUT", "/live/b1/a0.ts", "Bearer ", "x".getBytes(), true), 401, "unauthenticated");
    assertProblem(
        send("PUT", "/live/b1/a0.ts", "Bearer wrong", "x".getBytes(), true),
        401,
        "unauthenticated");
    assertThat(
            send("PUT", "/live/b1/a0.ts", "Bearer wrong", "x".getBytes(), true)
                .getHeader("WWW-Authenticate"))
        .contains("error=\"invalid_token\"");
    assertProblem(
        send("PUT", "/live/nope/a0.ts", "Bearer " + SECRET, "x".getBytes(), true),
        404,
        "live/not-found");
    assertProblem(
        send("DELETE", "/live/b1/a0.ts", "Bearer wrong", null, false), 401, "unauthenticated");
    targets.revoke("b1");
    assertProblem(put("a0.ts", "x"), 401, "unauthenticated");
    assertThat(filesUnderMedia()).isEmpty();
    assertThat(handler.lastActivity("b1")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/live/b1/..%2Fx.ts",
        "/live/b1/%2e%2e.ts",
        "/live/b1/x.ts%3Fy",
        "/live/b1/.hidden.ts",
        "/live/b1/x.html",
        "/live/b1/other.m3u8",
        "/live/b1/x.exe",
      })
  void hostileFileNamesAreRefusedAndNothingIsWritten(String path) throws IOException {
    MockHttpServletResponse response = send("PUT", path, "Bearer " + SECRET, "x".getBytes(), true);
    assertProblem(response, 400, "live/invalid-name");
    assertThat(filesUnderMedia()).isEmpty();
    assertThat(Files.list(dir.resolve("tmp")).count()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/live/b1/a/b.ts", "/live/../b1/a.ts", "/live/b1", "/other/b1/a.ts"})
  void pathsOutsideOneBroadcastFileAreNotFound(String path) throws IOException {
    assertProblem(
        send("PUT", path, "Bearer " + SECRET, "x".getBytes(), true), 404, "live/not-found");
    assertThat(filesUnderMedia()).isEmpty();
  }

  @Test
  void anOversizeSegmentIsRefusedAndNothingKept() throws IOException {
    assertProblem(put("a0.ts", new byte[1001]), 413, "live/too-large");
    assertProblem(
        send("PUT", "/live/b1/a0.ts", "Bearer " + SECRET, new byte[1001], false),
        413,
        "live/too-large");
    assertThat(put("a0.ts", new byte[1000]).getStatus()).isEqualTo(201);
    assertThat(filesUnderMedia()).containsExactly(stored("a0.ts"));
    assertThat(Files.list(dir.resolve("tmp")).count()).isZero();
  }

  @Test
  void aStoredSegmentNeverChanges() throws IOException {
    put("a0.ts", "original");
    assertThat(put("a0.ts", "original").getStatus()).isEqualTo(204);
    // other bytes under a stored name: a restarted publisher, stored beside it
    assertThat(put("a0.ts", "replaced").getStatus()).isEqualTo(201);
    assertThat(Files.readString(stored("a0.ts"))).isEqualTo("original");
    assertThat(Files.readString(stored("s1/a0.ts"))).isEqualTo("replaced");
  }

  @Test
  void aMalformedOrRuleBreakingPlaylistIsRefusedAndTheStoredOneKept() throws IOException {
    put("a0.ts", "0");
    put("a1.ts", "1");
    put("a2.ts", "2");
    String good = playlist(0, "a0.ts", "a1.ts");
    put("index.m3u8", good);

    assertProblem(put("index.m3u8", "not a playlist"), 400, "live/invalid-playlist");
    MockHttpServletResponse over =
        put("index.m3u8", good.replace("#EXTINF:2.000000,\na1.ts", "#EXTINF:2.6,\na1.ts"));
    assertProblem(over, 400, "live/invalid-playlist");
    assertThat(over.getContentAsString()).contains("extinf-over-target");
    MockHttpServletResponse back = put("index.m3u8", playlist(0, "a1.ts", "a2.ts"));
    assertProblem(back, 409, "live/playlist-conflict");
    assertThat(back.getContentAsString()).contains("media-sequence-mismatch");
    MockHttpServletResponse unsafe = put("index.m3u8", playlist(0, "a0.ts", "a1.ts", "../x.ts"));
    assertProblem(unsafe, 400, "live/invalid-playlist");
    assertThat(unsafe.getContentAsString()).contains("unsafe-segment-name");
    MockHttpServletResponse missing = put("index.m3u8", playlist(0, "a0.ts", "a1.ts", "a9.ts"));
    assertProblem(missing, 409, "live/playlist-conflict");
    assertThat(missing.getContentAsString()).contains("segment-missing");
    assertProblem(put("index.m3u8", new byte[MediaPlaylist.MAX_BYTES + 1]), 413, "live/too-large");

    assertThat(Files.readString(stored("index.m3u8"))).isEqualTo(good);
    assertThat(put("index.m3u8", playlist(1, "a1.ts", "a2.ts")).getStatus()).isEqualTo(204);
  }

  @Test
  void onlySegmentsNoLongerInThePlaylistMayBeDeleted() throws IOException {
    put("a0.ts", "0");
    put("a1.ts", "1");
    put("index.m3u8", playlist(0, "a0.ts", "a1.ts"));
    assertProblem(
        send("DELETE", "/live/b1/a0.ts", "Bearer " + SECRET, null, false),
        409,
        "live/segment-in-playlist");
    put("index.m3u8", playlist(1, "a1.ts"));
    put("x.ts", "never in a playlist");
    assertThat(send("DELETE", "/live/b1/x.ts", "Bearer " + SECRET, null, false).getStatus())
        .isEqualTo(204);
    assertThat(stored("x.ts")).doesNotExist();
    assertProblem(
        send("DELETE", "/live/b1/x.ts", "Bearer " + SECRET, null, false), 404, "live/not-found");
    assertProblem(
        send("DELETE", "/live/b1/index.m3u8", "Bearer " + SECRET, null, false),
        405,
        "live/method-not-allowed");
    assertThat(stored("index.m3u8")).exists();
  }

  @Test
  void endBroadcastAppendsEndlistOnceAndThenNothingMoreIsAccepted() throws IOException {
    put("a0.ts", "0");
    put("index.m3u8", playlist(0, "a0.ts"));

    assertThat(handler.endBroadcast("b1")).isTrue();
    assertThat(handler.endBroadcast("b1")).isFalse();
    assertThat(Files.readString(stored("index.m3u8")))
        .isEqualTo(playlist(0, "a0.ts") + "#EXT-X-ENDLIST\n");

    MockHttpServletResponse late = put("a1.ts", "1");
    assertProblem(late, 409, "live/playlist-conflict");
    assertThat(late.getContentAsString()).contains("changed-after-endlist");
    assertProblem(put("index.m3u8", playlist(0, "a0.ts")), 409, "live/playlist-conflict");
    assertThat(stored("a1.ts")).doesNotExist();
    assertThat(handler.endBroadcast("unknown")).isFalse();
  }

  @Test
  void endBroadcastReadsThePlaylistStoredBeforeARestart() throws IOException {
    put("a0.ts", "0");
    put("index.m3u8", playlist(0, "a0.ts"));
    HlsPutHandler restarted =
        new HlsPutHandler("/live", storage, targets, dir.resolve("tmp"), Clock.systemUTC());
    assertThat(restarted.endBroadcast("b1")).isTrue();
    assertThat(Files.readString(stored("index.m3u8"))).endsWith("#EXT-X-ENDLIST\n");
  }

  @Test
  void viewersGetNotFoundForUnknownBroadcastsFilesAndNames() throws IOException {
    assertProblem(send("GET", "/live/b1/index.m3u8", null, null, false), 404, "live/not-found");
    assertProblem(send("GET", "/live/zz/index.m3u8", null, null, false), 404, "live/not-found");
    assertProblem(send("GET", "/live/b1/%2e%2e.ts", null, null, false), 404, "live/not-found");
    assertProblem(send("POST", "/live/b1/a.ts", null, null, false), 405, "live/method-not-allowed");
  }
}
