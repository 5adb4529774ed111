package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 7: header bytes outside ASCII (and other malformed request heads) get the answer the
 * protocol says, never a 5xx, over the real Tomcat + Spring Security stack. The requests are
 * written byte by byte, because HTTP clients refuse to send such headers.
 */
@Tag("issue-7")
@ExtendWith(OutputCaptureExtension.class)
class HeaderBytesTest extends ServerTestSupport {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Every byte 0x80–0xFF alone, plus UTF-8 sequences seen in the wild. */
  static final List<byte[]> PAYLOADS = payloads();

  static String uid;
  static byte[] file;

  enum Endpoint {
    PATH,
    VIDEO,
    UPLOADS
  }

  /** A header under test: the bytes around the payload, and where the protocol puts it. */
  enum Field {
    RANGE("Range", "bytes=0-", "99"),
    IF_NONE_MATCH("If-None-Match", "\"", "\""),
    IF_RANGE("If-Range", "\"", "\""),
    IF_MODIFIED_SINCE("If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT", ""),
    USER_AGENT("User-Agent", "Player/", " (test)"),
    UPLOAD_METADATA("Upload-Metadata", "filename ", "Y2xpcC5tcDQ="),
    UPLOAD_OFFSET("Upload-Offset", "0", ""),
    TUS_RESUMABLE("Tus-Resumable", "1.0.0", ""),
    AUTHORIZATION("Authorization", "Basic ", "YWxpY2U6c2VjcmV0LXBhc3N3b3Jk"),
    X_FORWARDED_FOR("X-Forwarded-For", "203.0.113.7", "");

    final String name;
    final String prefix;
    final String suffix;

    Field(String name, String prefix, String suffix) {
      this.name = name;
      this.prefix = prefix;
      this.suffix = suffix;
    }

    byte[] value(byte[] payload) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(prefix.getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(payload);
      out.writeBytes(suffix.getBytes(StandardCharsets.US_ASCII));
      return out.toByteArray();
    }
  }

  static List<byte[]> payloads() {
    List<byte[]> payloads = new ArrayList<>();
    for (int b = 0x80; b <= 0xFF; b++) {
      payloads.add(new byte[] {(byte) b});
    }
    for (String text : new String[] {"０１", "Ä", "’", "🎥", "\u0085"}) {
      payloads.add(text.getBytes(StandardCharsets.UTF_8));
    }
    return List.copyOf(payloads);
  }

  static Stream<Arguments> cases() {
    return Arrays.stream(Field.values())
        .flatMap(field -> Arrays.stream(Endpoint.values()).map(e -> Arguments.of(field, e)));
  }

  @BeforeEach
  void video() throws Exception {
    if (uid != null) {
      return;
    }
    Path source = TestVideos.mp4(DATA.resolve("header-bytes.mp4"), 4, 320, 240);
    TusClient client = new TusClient();
    client.setUploadCreationURL(uri("/api/uploads/").toURL());
    client.setHeaders(Map.of("Authorization", basic(ADMIN)));
    client.enableResuming(new TusURLMemoryStore());
    TusUpload upload = new TusUpload(source.toFile());
    upload.setMetadata(Map.of("filename", "bytes.mp4", "filetype", "video/mp4"));
    TusUploader uploader = client.resumeOrCreateUpload(upload);
    uploader.setChunkSize(1024 * 1024);
    while (uploader.uploadChunk() > -1) {
      // keep sending
    }
    uploader.finish();
    String url = uploader.getUploadURL().toString();
    String created = url.substring(url.lastIndexOf('/') + 1);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() ->
            json("/api/videos/" + created).path("status").path("state").asString().equals("ready"));
    file = Files.readAllBytes(source);
    uid = created;
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("cases")
  void everyByteOutsideAsciiGetsTheProtocolsAnswerAndEveryResponseIsCounted(
      Field field, Endpoint endpoint, CapturedOutput output) throws Exception {
    String uploadTarget = endpoint == Endpoint.UPLOADS ? createUpload() : null;
    long countedBefore = countedResponses();
    int expectedStatus = expectedStatus(field, endpoint);
    List<String> failures = new ArrayList<>();
    int served = 0;

    for (byte[] payload : PAYLOADS) {
      RawHttp.Answer answer = request(field, endpoint, payload, uploadTarget).send(port);
      String label = field.name + " with " + HexFormat.ofDelimiter(" ").formatHex(payload);
      String problem = check(answer, expectedStatus, endpoint != Endpoint.UPLOADS);
      if (problem != null) {
        failures.add(label + ": " + problem + " — got " + answer);
      }
      if (endpoint != Endpoint.UPLOADS && answer.status() == 200) {
        served++;
      }
    }

    assertThat(failures).as("answers that break the protocol").isEmpty();
    assertThat(output.getAll())
        .as("client errors log without a stack trace")
        .doesNotContain("\tat ");
    if (endpoint != Endpoint.UPLOADS && expectedStatus == 200) {
      long expected = countedBefore + served;
      await() // sessions are buffered and flushed every videokit.watch.flush-interval
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> countedResponses() == expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"header", "request-line"})
  void overLongRequestHeadsAreAnsweredWithAProblemNotTomcatsHtmlPage(String where)
      throws Exception {
    String padding = "a".repeat(20 * 1024);
    RawHttp.Request request =
        where.equals("header")
            ? new RawHttp.Request("GET", streamTarget()).header("X-Padding", padding)
            : new RawHttp.Request("GET", streamTarget() + "&padding=" + padding);

    RawHttp.Answer answer = request.send(port);

    assertThat(answer.status()).as(answer.toString()).isIn(400, 414, 431);
    assertProblem(answer);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/api/videos;jsessionid=x/file", // Spring Security's firewall: ';' in the path
        "/api/stream/%2e%2e/?path=x", // Spring Security's firewall: encoded '.' segment
        "/api/videos/x%2Fy/file" // Tomcat: encoded slash
      })
  void requestsTheFirewallRejectsAreAProblem400(String target, CapturedOutput output)
      throws Exception {
    RawHttp.Answer answer = new RawHttp.Request("GET", target).send(port);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertProblem(answer);
    assertThat(output.getAll()).doesNotContain("\tat ");
  }

  @Test
  void aHeaderNameOutsideAsciiIsAProblem400() throws Exception {
    RawHttp.Answer answer =
        new RawHttp.Request("GET", streamTarget())
            .header("X-Ä", "1".getBytes(StandardCharsets.US_ASCII))
            .send(port);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertProblem(answer);
  }

  @Test
  void aUserAgentOutsideAsciiIsRecordedAsSent() throws Exception {
    byte[] agent = ("Player/" + uid + " ’").getBytes(StandardCharsets.UTF_8);

    RawHttp.Answer answer =
        new RawHttp.Request("GET", streamTarget()).header("User-Agent", agent).send(port);

    assertThat(answer.status()).isEqualTo(200);
    // Tomcat reads header bytes as ISO-8859-1; the session keeps exactly those characters
    String expected = new String(agent, StandardCharsets.ISO_8859_1);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() ->
            sessions().stream().anyMatch(s -> s.path("userAgent").asString("").equals(expected)));
  }

  private RawHttp.Request request(
      Field field, Endpoint endpoint, byte[] payload, String uploadTarget) {
    byte[] value = field.value(payload);
    if (endpoint == Endpoint.UPLOADS) {
      // creation where the header matters to it; otherwise a HEAD of an upload (creating
      // hundreds of uploads would only measure the disk)
      RawHttp.Request request =
          switch (field) {
            case UPLOAD_OFFSET ->
                new RawHttp.Request("PATCH", uploadTarget)
                    .header("Content-Type", "application/offset+octet-stream")
                    .header("Content-Length", "0");
            case UPLOAD_METADATA, TUS_RESUMABLE, AUTHORIZATION ->
                new RawHttp.Request("POST", "/api/uploads/").header("Upload-Length", "10");
            default -> new RawHttp.Request("HEAD", uploadTarget);
          };
      if (field != Field.TUS_RESUMABLE) {
        request.header("Tus-Resumable", "1.0.0");
      }
      if (field != Field.AUTHORIZATION) {
        request.header("Authorization", basic(ALICE));
      }
      return request.header(field.name, value);
    }
    String target = endpoint == Endpoint.PATH ? streamTarget() : "/api/videos/" + uid + "/file";
    RawHttp.Request request = new RawHttp.Request("GET", target);
    if (field == Field.IF_RANGE) {
      request.header("Range", "bytes=0-99");
    }
    return request.header(field.name, value);
  }

  private static String streamTarget() {
    return "/api/stream/?path=videos/" + uid + ".mp4";
  }

  /** What RFC 9110 and tus 1.0.0 say about each header made invalid by a stray byte. */
  private static int expectedStatus(Field field, Endpoint endpoint) {
    if (field == Field.AUTHORIZATION) {
      return 401; // credentials that cannot be decoded are wrong credentials
    }
    if (endpoint != Endpoint.UPLOADS) {
      // invalid Range / If-Range / If-None-Match / If-Modified-Since are ignored (§14.2, §13.1);
      // the others mean nothing to a GET
      return 200;
    }
    return switch (field) {
      case UPLOAD_METADATA, UPLOAD_OFFSET -> 400;
      case TUS_RESUMABLE -> 412;
      default -> 200; // HEAD of the upload
    };
  }

  /** Returns why the answer is wrong, or null. */
  private static String check(RawHttp.Answer answer, int expectedStatus, boolean streamed) {
    if (answer.status() >= 500) {
      return "a server error";
    }
    if (answer.status() != expectedStatus) {
      return "expected " + expectedStatus;
    }
    if (answer.status() >= 400) {
      String type = answer.header("Content-Type");
      if (type == null || !type.startsWith("application/problem+json")) {
        return "an error without a problem body";
      }
      JsonNode body = JSON.readTree(answer.body());
      if (body.path("status").asInt() != answer.status()) {
        return "a problem whose status differs";
      }
    }
    if (streamed && answer.status() == 200 && !Arrays.equals(answer.body(), file)) {
      return "a body that is not exactly the file";
    }
    return null;
  }

  private static void assertProblem(RawHttp.Answer answer) {
    assertThat(answer.header("Content-Type"))
        .as(answer.toString())
        .startsWith("application/problem+json");
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.path("status").asInt()).isEqualTo(answer.status());
    assertThat(body.path("type").asString()).startsWith("https://videokit.io/problems/");
    assertThat(answer.text()).doesNotContain("<html", "Exception", "at org.");
  }

  private String createUpload() throws Exception {
    RawHttp.Answer created =
        new RawHttp.Request("POST", "/api/uploads/")
            .header("Tus-Resumable", "1.0.0")
            .header("Upload-Length", "10")
            .header("Authorization", basic(ALICE))
            .send(port);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return java.net.URI.create(created.header("Location")).getPath();
  }

  private long countedResponses() throws Exception {
    return sessions().stream().mapToLong(s -> s.path("requests").asLong()).sum();
  }

  private List<JsonNode> sessions() throws Exception {
    List<JsonNode> all = new ArrayList<>();
    for (int page = 0; ; page++) {
      JsonNode body = json("/api/watch-sessions?video=" + uid + "&size=500&page=" + page);
      body.path("items").forEach(all::add);
      if ((long) (page + 1) * 500 >= body.path("total").asLong()) {
        return all;
      }
    }
  }

  private JsonNode json(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            request(path).header("Authorization", basic(ADMIN)).build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }
}
