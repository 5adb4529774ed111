package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import io.videokit.web.tomcat.SendfileReportingProtocol;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 11 (media): every media answer carries its own {@code Cache-Control}, which Spring
 * Security's default header writer leaves in place, over real HTTP through the reference server's
 * security chain; and a watch session counts the bytes a client really got, not the whole range of
 * an aborted response.
 */
class MediaCachingTest extends ServerTestSupport {

  @Autowired ServletWebServerApplicationContext context;

  static final String SPRING_SECURITY_DEFAULT = "no-cache, no-store, max-age=0, must-revalidate";

  static Path video;
  static String uid;
  final JsonMapper json = JsonMapper.builder().build();

  @BeforeAll
  static void makeVideo() throws Exception {
    video = TestVideos.mp4(DATA.resolve("caching-source.mp4"), 3, 160, 120);
  }

  /** One ready video, uploaded once by alice. */
  String readyVideo() throws Exception {
    synchronized (MediaCachingTest.class) {
      if (uid == null) {
        uid = uploadReady(this, video);
      }
      return uid;
    }
  }

  /** Uploads a file with tus as alice and waits until it is a ready video. */
  static String uploadReady(ServerTestSupport server, Path file) throws Exception {
    TusClient client = new TusClient();
    client.setUploadCreationURL(server.uri("/api/uploads/").toURL());
    client.setHeaders(Map.of("Authorization", basic(ALICE)));
    client.enableResuming(new TusURLMemoryStore());
    TusUpload upload = new TusUpload(file.toFile());
    upload.setMetadata(Map.of("filename", "clip.mp4", "filetype", "video/mp4"));
    TusUploader uploader = client.resumeOrCreateUpload(upload);
    while (uploader.uploadChunk() > -1) {
      // keep sending
    }
    uploader.finish();
    String url = uploader.getUploadURL().toString();
    String created = url.substring(url.lastIndexOf('/') + 1);
    JsonMapper json = JsonMapper.builder().build();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() ->
            json.readTree(
                    server
                        .http
                        .send(
                            server
                                .request("/api/videos/" + created)
                                .header("Authorization", basic(ALICE))
                                .build(),
                            HttpResponse.BodyHandlers.ofString())
                        .body())
                .path("status")
                .path("state")
                .asString()
                .equals("ready"));
    return created;
  }

  JsonNode getJson(String path, String user) throws Exception {
    return json.readTree(
        http.send(
                request(path).header("Authorization", basic(user)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder builder = request(path).GET();
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static String cacheControl(HttpResponse<?> response) {
    assertThat(response.headers().allValues("Cache-Control")).hasSize(1);
    return response.headers().firstValue("Cache-Control").orElseThrow();
  }

  @Test
  void aReadyVideosFileIsLongLivedPublicForAnonymousViewersWithValidatorsOn200And206And304()
      throws Exception {
    String file = "/api/videos/" + readyVideo() + "/file";

    HttpResponse<byte[]> whole = get(file);
    HttpResponse<byte[]> range = get(file, "Range", "bytes=0-1");
    String etag = whole.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> notModified = get(file, "If-None-Match", etag);
    HttpResponse<byte[]> since =
        get(file, "If-Modified-Since", whole.headers().firstValue("Last-Modified").orElseThrow());

    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(cacheControl(whole)).isEqualTo("public, max-age=31536000");
    assertThat(whole.headers().firstValue("Pragma")).isEmpty();
    assertThat(whole.headers().firstValue("Expires")).isEmpty();
    assertThat(whole.headers().firstValue("Last-Modified")).isPresent();
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.body()).hasSize(2);
    assertThat(cacheControl(range)).isEqualTo("public, max-age=31536000");
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(cacheControl(notModified)).isEqualTo("public, max-age=31536000");
    assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);
    assertThat(since.statusCode()).isEqualTo(304);
    assertThat(cacheControl(since)).isEqualTo("public, max-age=31536000");
  }

  @Test
  void anAuthenticatedRequestIsAnsweredPrivateSoNoSharedCacheKeepsIt() throws Exception {
    String file = "/api/videos/" + readyVideo() + "/file";

    HttpResponse<byte[]> response = get(file, "Authorization", basic(ALICE), "Range", "bytes=0-99");

    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(cacheControl(response)).isEqualTo("private, max-age=31536000");
  }

  @Test
  void problemsOfMediaRoutesAreNoStore() throws Exception {
    String file = "/api/videos/" + readyVideo() + "/file";

    HttpResponse<byte[]> unsatisfiable = get(file, "Range", "bytes=99999999-");
    HttpResponse<byte[]> failed = get(file, "If-Match", "\"other\"");
    HttpResponse<byte[]> missing = get("/api/videos/0123456789abcdef0123456789abcdef/file");
    HttpResponse<byte[]> noPath = get("/api/stream/");
    HttpResponse<byte[]> noFile = get("/api/stream/?path=nothing/here.mp4");

    assertThat(unsatisfiable.statusCode()).isEqualTo(416);
    assertThat(unsatisfiable.headers().firstValue("Content-Range")).isPresent();
    assertThat(failed.statusCode()).isEqualTo(412);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(noPath.statusCode()).isEqualTo(400);
    assertThat(noFile.statusCode()).isEqualTo(404);
    for (HttpResponse<byte[]> problem :
        java.util.List.of(unsatisfiable, failed, missing, noPath, noFile)) {
      assertThat(problem.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(cacheControl(problem)).isEqualTo("no-store");
    }
  }

  @Test
  void aFileStreamedByPathRevalidatesEveryTimeWithItsValidators() throws Exception {
    Path file = DATA.resolve("media/caching/trailer.mp4");
    Files.createDirectories(file.getParent());
    Files.copy(video, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    HttpResponse<byte[]> range = get("/api/stream/?path=caching/trailer.mp4", "Range", "bytes=0-");
    HttpResponse<byte[]> notModified =
        get(
            "/api/stream/?path=caching/trailer.mp4",
            "If-None-Match",
            range.headers().firstValue("ETag").orElseThrow());

    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(cacheControl(range)).isEqualTo("public, no-cache");
    assertThat(range.headers().firstValue("Last-Modified")).isPresent();
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(cacheControl(notModified)).isEqualTo("public, no-cache");
  }

  @Test
  void pagesAndTheApiKeepSpringSecuritysDefault() throws Exception {
    HttpResponse<byte[]> api = get("/api/videos/" + readyVideo(), "Authorization", basic(ALICE));

    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(cacheControl(api)).isEqualTo(SPRING_SECURITY_DEFAULT);
  }

  /**
   * A long answer read to the end goes to sendfile on the reference server's connector, which
   * reports the transfer: the watch session counts every byte of it.
   */
  @Test
  void aLongAnswerReadToTheEndCountsInFullThroughTheReportingConnector() throws Exception {
    TomcatWebServer server = (TomcatWebServer) context.getWebServer();
    assertThat(server.getTomcat().getConnector().getProtocolHandler())
        .isInstanceOf(SendfileReportingProtocol.class);
    Path big = DATA.resolve("media/caching/long.mp4");
    Files.createDirectories(big.getParent());
    byte[] bytes = new byte[8 << 20];
    new Random(5).nextBytes(bytes);
    Files.write(big, bytes);
    String agent = "PatientPlayer/" + System.nanoTime();
    long length = 6L << 20;

    HttpResponse<byte[]> answer =
        get(
            "/api/stream/?path=caching/long.mp4",
            "Range",
            "bytes=1024-" + (1024 + length - 1),
            "User-Agent",
            agent);

    assertThat(answer.statusCode()).isEqualTo(206);
    assertThat(answer.body()).hasSize((int) length);
    assertThat(answer.body()[0]).isEqualTo(bytes[1024]);
    assertThat(awaitSession(agent).path("bytesServed").asLong()).isEqualTo(length);
  }

  private JsonNode awaitSession(String agent) {
    JsonNode[] session = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> {
          for (JsonNode item : getJson("/api/watch-sessions?size=500", ADMIN).path("items")) {
            if (item.path("userAgent").asString().equals(agent)) {
              session[0] = item;
              return true;
            }
          }
          return false;
        });
    return session[0];
  }

  /**
   * A client that reads the start of a large response and aborts: the watch session records about
   * what it read (bounded by socket and connector buffers), not the whole range.
   */
  @Test
  void anAbortedResponseCountsTheBytesWrittenNotTheWholeRange() throws Exception {
    long size = 64L << 20;
    Path big = DATA.resolve("media/caching/big.mp4");
    Files.createDirectories(big.getParent());
    byte[] chunk = new byte[1 << 20];
    new Random(11).nextBytes(chunk);
    try (OutputStream out = Files.newOutputStream(big)) {
      for (long written = 0; written < size; written += chunk.length) {
        out.write(chunk);
      }
    }
    String agent = "AbortingPlayer/" + System.nanoTime();
    long read = 0;
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setReceiveBufferSize(64 * 1024);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/stream/?path=caching/big.mp4 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Range: bytes=0-\r\nUser-Agent: "
                  + agent
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[16 * 1024];
      while (read < (1 << 20)) {
        int n = in.read(buffer);
        if (n < 0) {
          break;
        }
        read += n;
      }
      socket.setSoLinger(true, 0); // abort: RST, as a browser cancelling a request does
    }

    long counted = awaitSession(agent).path("bytesServed").asLong();
    assertThat(read).isGreaterThanOrEqualTo(1 << 20);
    assertThat(counted)
        .as("bytes counted for a client that read %d of %d", read, size)
        .isGreaterThanOrEqualTo(read - 1024)
        .isLessThan(read + (12L << 20));
  }
}
