package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The main job end to end over real HTTP: tus upload of a real MP4, processing, range streaming.
 */
class UploadAndStreamTest extends ServerTestSupport {

  static Path video;
  static byte[] videoBytes;
  final JsonMapper json = JsonMapper.builder().build();

  @BeforeAll
  static void makeVideo() throws Exception {
    video = TestVideos.mp4(DATA.resolve("source.mp4"), 8, 320, 240);
    videoBytes = Files.readAllBytes(video);
  }

  TusClient client(String user) throws Exception {
    TusClient client = new TusClient();
    client.setUploadCreationURL(uri("/api/uploads/").toURL());
    client.setHeaders(Map.of("Authorization", basic(user)));
    client.enableResuming(new TusURLMemoryStore());
    return client;
  }

  TusUpload tusUpload(Path file) throws Exception {
    TusUpload upload = new TusUpload(file.toFile());
    upload.setMetadata(Map.of("filename", "clip.mp4", "filetype", "video/mp4", "name", "My clip"));
    return upload;
  }

  String uploadWithTusClient(String user, Path file) throws Exception {
    TusUploader uploader = client(user).resumeOrCreateUpload(tusUpload(file));
    uploader.setChunkSize(64 * 1024);
    while (uploader.uploadChunk() > -1) {
      // keep sending
    }
    uploader.finish();
    String url = uploader.getUploadURL().toString();
    return url.substring(url.lastIndexOf('/') + 1);
  }

  JsonNode awaitReady(String uid) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> {
          last[0] = getJson("/api/videos/" + uid, ADMIN);
          return last[0].path("status").path("state").asString().matches("ready|error");
        });
    return last[0];
  }

  JsonNode getJson(String path, String user) throws Exception {
    HttpResponse<String> response =
        http.send(
            request(path).header("Authorization", basic(user)).build(),
            HttpResponse.BodyHandlers.ofString());
    return json.readTree(response.body());
  }

  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder builder = request(path).GET();
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void tusJavaClientUploadBecomesAReadyVideoWithProbedFacts() throws Exception {
    String uid = uploadWithTusClient(ADMIN, video);

    JsonNode ready = awaitReady(uid);

    assertThat(uid).matches("[0-9a-f]{32}");
    assertThat(ready.path("status").path("state").asString()).isEqualTo("ready");
    assertThat(ready.path("readyToStream").asBoolean()).isTrue();
    assertThat(ready.path("creator").asString()).isEqualTo(ADMIN);
    assertThat(ready.path("meta").path("filename").asString()).isEqualTo("clip.mp4");
    assertThat(ready.path("meta").path("name").asString()).isEqualTo("My clip");
    assertThat(ready.path("size").asLong()).isEqualTo(videoBytes.length);
    assertThat(ready.path("duration").asDouble()).isBetween(7.5, 8.5);
    assertThat(ready.path("input").path("width").asInt()).isEqualTo(320);
    assertThat(ready.path("input").path("height").asInt()).isEqualTo(240);
  }

  @Test
  void rangedGetsReassembleExactlyTheUploadedBytes() throws Exception {
    String uid = uploadWithTusClient(ADMIN, video);
    awaitReady(uid);
    ByteArrayOutputStream assembled = new ByteArrayOutputStream();
    Random random = new Random(42);
    int position = 0;
    while (position < videoBytes.length) {
      int end = Math.min(videoBytes.length - 1, position + 1 + random.nextInt(200_000));
      HttpResponse<byte[]> part =
          get("/api/videos/" + uid + "/file", "Range", "bytes=" + position + "-" + end);
      assertThat(part.statusCode()).isEqualTo(206);
      assertThat(part.headers().firstValue("Content-Range"))
          .hasValue("bytes " + position + "-" + end + "/" + videoBytes.length);
      assembled.write(part.body());
      position = end + 1;
    }

    assertThat(TestVideos.sha256(assembled.toByteArray())).isEqualTo(TestVideos.sha256(video));
    HttpResponse<byte[]> whole = get("/api/videos/" + uid + "/file");
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(TestVideos.sha256(whole.body())).isEqualTo(TestVideos.sha256(video));
    assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/mp4");
  }

  @Test
  void safariProbeGetsExactlyTwoBytes() throws Exception {
    String uid = uploadWithTusClient(ADMIN, video);
    awaitReady(uid);

    HttpResponse<byte[]> probe = get("/api/videos/" + uid + "/file", "Range", "bytes=0-1");

    assertThat(probe.statusCode()).isEqualTo(206);
    assertThat(probe.body()).containsExactly(videoBytes[0], videoBytes[1]);
    assertThat(probe.headers().firstValue("Content-Length")).hasValue("2");
    assertThat(probe.headers().firstValue("Content-Type")).hasValue("video/mp4");
    assertThat(probe.headers().firstValue("Content-Range"))
        .hasValue("bytes 0-1/" + videoBytes.length);
  }

  @Test
  void suffixMultipartUnsatisfiableAndConditionalRequestsBehaveAsRfc9110Says() throws Exception {
    String uid = uploadWithTusClient(ADMIN, video);
    awaitReady(uid);
    String path = "/api/videos/" + uid + "/file";

    HttpResponse<byte[]> suffix = get(path, "Range", "bytes=-500");
    assertThat(suffix.body())
        .isEqualTo(Arrays.copyOfRange(videoBytes, videoBytes.length - 500, videoBytes.length));

    HttpResponse<byte[]> multipart = get(path, "Range", "bytes=0-9,100-109");
    assertThat(multipart.statusCode()).isEqualTo(206);
    assertThat(multipart.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("multipart/byteranges; boundary=");
    String body = new String(multipart.body(), StandardCharsets.ISO_8859_1);
    assertThat(body)
        .contains(
            "Content-Range: bytes 0-9/" + videoBytes.length,
            "Content-Range: bytes 100-109/" + videoBytes.length);

    HttpResponse<byte[]> unsatisfiable = get(path, "Range", "bytes=" + videoBytes.length + "-");
    assertThat(unsatisfiable.statusCode()).isEqualTo(416);
    assertThat(unsatisfiable.headers().firstValue("Content-Range"))
        .hasValue("bytes */" + videoBytes.length);
    assertThat(unsatisfiable.headers().firstValue("Content-Type"))
        .hasValue("application/problem+json");

    String etag = get(path).headers().firstValue("ETag").orElseThrow();
    assertThat(get(path, "If-None-Match", etag).statusCode()).isEqualTo(304);
    assertThat(get(path, "Range", "bytes=0-9", "If-Range", etag).statusCode()).isEqualTo(206);
    assertThat(get(path, "Range", "bytes=0-9", "If-Range", "\"stale\"").statusCode())
        .isEqualTo(200);
  }

  @Test
  void droppedConnectionKeepsReceivedBytesAndTheUploadResumes() throws Exception {
    TusClient client = client(ADMIN);
    TusUpload upload = tusUpload(video);
    TusUploader first = client.resumeOrCreateUpload(upload);
    first.setChunkSize(50_000);
    first.uploadChunk();
    first.finish();
    URI url = first.getUploadURL().toURI();
    long acknowledged = 50_000;

    // a PATCH announcing the rest, of which only 60,000 bytes arrive before the connection drops
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      String head =
          "PATCH "
              + url.getPath()
              + " HTTP/1.1\r\nHost: 127.0.0.1:"
              + port
              + "\r\nAuthorization: "
              + basic(ADMIN)
              + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: "
              + acknowledged
              + "\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: "
              + (videoBytes.length - acknowledged)
              + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(videoBytes, (int) acknowledged, 60_000);
      out.flush();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> offset(url) == acknowledged + 60_000);

    TusUploader resumed = client.resumeOrCreateUpload(tusUpload(video));
    assertThat(resumed.getOffset()).isEqualTo(acknowledged + 60_000);
    resumed.setChunkSize(64 * 1024);
    while (resumed.uploadChunk() > -1) {
      // keep sending
    }
    resumed.finish();
    String uid = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
    awaitReady(uid);

    assertThat(TestVideos.sha256(get("/api/videos/" + uid + "/file").body()))
        .isEqualTo(TestVideos.sha256(video));
  }

  long offset(URI url) throws Exception {
    HttpResponse<Void> head =
        http.send(
            HttpRequest.newBuilder(url)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Tus-Resumable", "1.0.0")
                .header("Authorization", basic(ADMIN))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    return Long.parseLong(head.headers().firstValue("Upload-Offset").orElse("-1"));
  }

  @Test
  void anonymousCreationIsRefusedWith401Problem() throws Exception {
    HttpResponse<String> response =
        http.send(
            request("/api/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "10")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void othersCannotSeeOrDeleteAnUploadOrVideo() throws Exception {
    String uid = uploadWithTusClient(ADMIN, video);
    awaitReady(uid);

    HttpResponse<String> head =
        http.send(
            request("/api/uploads/" + uid)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Tus-Resumable", "1.0.0")
                .header("Authorization", basic(ALICE))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> delete =
        http.send(
            request("/api/videos/" + uid).DELETE().header("Authorization", basic(ALICE)).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(head.statusCode()).isEqualTo(404);
    assertThat(delete.statusCode()).isEqualTo(403);
    assertThat(get("/api/videos/" + uid + "/file").statusCode()).isEqualTo(200);
  }

  @Test
  void ownerDeletesVideoAndItsFile() throws Exception {
    String uid = uploadWithTusClient(ALICE, video);
    awaitReady(uid);

    HttpResponse<String> delete =
        http.send(
            request("/api/videos/" + uid).DELETE().header("Authorization", basic(ALICE)).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(delete.statusCode()).isEqualTo(204);
    assertThat(get("/api/videos/" + uid + "/file").statusCode()).isEqualTo(404);
    assertThat(Files.exists(DATA.resolve("media/videos/" + uid + ".mp4"))).isFalse();
  }

  @Test
  void pathStreamServesFilesUnderTheMediaRoot() throws Exception {
    Path trailer = DATA.resolve("media/movies/trailer.mp4");
    Files.createDirectories(trailer.getParent());
    Files.copy(video, trailer, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    HttpResponse<byte[]> response =
        get("/api/stream/?path=movies/trailer.mp4", "Range", "bytes=0-");

    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(TestVideos.sha256(response.body())).isEqualTo(TestVideos.sha256(video));
    assertThat(get("/api/stream?path=movies/trailer.mp4").statusCode()).isEqualTo(200);
    assertThat(get("/api/stream/").statusCode()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../../../../etc/passwd",
        "..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "%2Fetc%2Fpasswd",
        "/etc/passwd",
        "movies/..%2F..%2F..%2Fetc%2Fpasswd",
        "..%5C..%5Cetc%5Cpasswd",
        "movies%00/../x",
        "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "escape/passwd",
        "..",
        ".",
        "",
        "movies",
        "..%252F..%252Fetc%252Fpasswd"
      })
  void traversalPayloadsNeverEscapeTheMediaRoot(String payload) throws Exception {
    Path link = DATA.resolve("media/escape");
    Files.createDirectories(link.getParent());
    if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(link, Path.of("/etc"));
    }

    HttpResponse<byte[]> response = get("/api/stream/?path=" + payload);

    assertThat(response.statusCode()).isIn(400, 404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("root:");
  }

  @Test
  void rangeRequestsOfOneViewingAreOneWatchSessionVisibleToStaffOnly() throws Exception {
    String uid = uploadWithTusClient(ADMIN, video);
    awaitReady(uid);
    String agent = "TestPlayer/" + uid;
    long sent = 0;
    for (String range : new String[] {"bytes=0-1", "bytes=0-", "bytes=1000-1999"}) {
      sent +=
          get("/api/videos/" + uid + "/file", "Range", range, "User-Agent", agent).body().length;
    }

    JsonNode[] pages = new JsonNode[1];
    await() // sessions are buffered and flushed every videokit.watch.flush-interval
        .atMost(Duration.ofSeconds(20))
        .until(() -> {
          pages[0] = getJson("/api/watch-sessions?video=" + uid, ADMIN);
          return pages[0].path("items").path(0).path("requests").asInt() == 3;
        });
    JsonNode page = pages[0];
    HttpResponse<String> forbidden =
        http.send(
            request("/api/watch-sessions").header("Authorization", basic(ALICE)).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> anonymous =
        http.send(request("/api/watch-sessions").build(), HttpResponse.BodyHandlers.ofString());

    assertThat(page.path("total").asLong()).isEqualTo(1);
    JsonNode session = page.path("items").get(0);
    assertThat(session.path("videoUid").asString()).isEqualTo(uid);
    assertThat(session.path("bytesServed").asLong()).isEqualTo(sent);
    assertThat(session.path("requests").asInt()).isEqualTo(3);
    assertThat(session.path("authenticated").asBoolean()).isFalse();
    assertThat(session.path("clientIp").asString()).isEqualTo("127.0.0.1");
    assertThat(session.path("userAgent").asString()).isEqualTo(agent);
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void forgedForwardedForIsIgnoredFromAnUntrustedPeer() throws Exception {
    String uid = uploadWithTusClient(ADMIN, video);
    awaitReady(uid);

    get("/api/videos/" + uid + "/file", "Range", "bytes=0-1", "X-Forwarded-For", "6.6.6.6");

    JsonNode[] sessions = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> {
          sessions[0] = getJson("/api/watch-sessions?video=" + uid, ADMIN).path("items");
          return sessions[0].size() == 1;
        });
    JsonNode session = sessions[0].get(0);
    assertThat(session.path("clientIp").asString()).isEqualTo("127.0.0.1");
  }

  @Test
  void nonVideoUploadEndsInErrorState() throws Exception {
    Path text = DATA.resolve("notes.mp4");
    Files.writeString(text, "this is not a video at all, just text pretending");

    String uid = uploadWithTusClient(ADMIN, text);
    JsonNode processed = awaitReady(uid);

    assertThat(processed.path("status").path("state").asString()).isEqualTo("error");
    assertThat(processed.path("status").path("errorReasonCode").asString())
        .isIn("ERR_MALFORMED_VIDEO", "ERR_NON_VIDEO");
    assertThat(get("/api/videos/" + uid + "/file").statusCode()).isEqualTo(404);
  }
}
