package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's users from {@code videokit.server.users} (the test users are configured that way,
 * see {@link ServerTestSupport#userProperties()}): one logs in with the server's own login form
 * (CSRF token from {@code /api/csrf}), a wrong password comes back to {@code /login?error}; staff
 * reads the watch statistics and sessions, a plain user gets 403 problems, nobody 401; and the
 * statistics count a watched stream.
 */
class UsersAndStatsTest extends ServerTestSupport {

  final JsonMapper json = JsonMapper.builder().build();

  @Test
  void aPropertyConfiguredUserLogsInWithTheLoginFormAndAWrongPasswordSaysSo() throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    HttpResponse<String> page =
        browser.send(request("/login").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("/assets/app.css", "aria-label=\"Main\"", "/assets/login.js", "name=\"password\"")
        .doesNotContain("<script>");

    HttpResponse<String> wrong = logIn(browser, ALICE, "not-the-password");
    assertThat(wrong.statusCode()).isEqualTo(302);
    assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
    HttpResponse<String> noToken =
        browser.send(
            request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(ALICE, PASSWORD, "")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(noToken.statusCode()).as("no CSRF token, no login").isEqualTo(403);

    HttpResponse<String> right = logIn(browser, ALICE, PASSWORD);
    assertThat(right.statusCode()).isEqualTo(302);
    assertThat(right.headers().firstValue("Location").orElseThrow()).endsWith("/");
    HttpResponse<String> me =
        browser.send(request("/api/me").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(json.readTree(me.body()).path("name").asString()).isEqualTo(ALICE);
    assertThat(json.readTree(me.body()).path("staff").asBoolean()).isFalse();

    HttpResponse<String> logoutPage =
        browser.send(request("/logout").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(logoutPage.statusCode()).isEqualTo(200);
    assertThat(logoutPage.body()).contains("action=\"/logout\"", "/assets/app.css");
    HttpResponse<String> loggedOut =
        browser.send(
            request("/logout")
                .header("Content-Type", "application/x-www-form-urlencoded")
                // as a browser's form post (Spring Security answers API-looking clients 204)
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf(browser)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(loggedOut.statusCode()).isEqualTo(302);
    assertThat(loggedOut.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
    assertThat(
            browser
                .send(request("/api/me").build(), HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void staffReadsTheStatisticsAndSessionsAPlainUserGets403AndNobody401() throws Exception {
    for (String path : new String[] {"/api/watch-stats", "/api/watch-sessions"}) {
      HttpResponse<String> staff = get(path, ADMIN);
      HttpResponse<String> plain = get(path, ALICE);
      HttpResponse<String> nobody = get(path, null);
      assertThat(staff.statusCode()).as(path).isEqualTo(200);
      assertThat(plain.statusCode()).as(path).isEqualTo(403);
      assertThat(plain.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(nobody.statusCode()).as(path).isEqualTo(401);
      assertThat(nobody.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
    HttpResponse<String> bad = get("/api/watch-stats?days=0", ADMIN);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void theStatisticsCountAWatchedStream() throws Exception {
    JsonNode before = stats();
    String uid = upload(TestVideos.mp4(DATA.resolve("stats.mp4"), 4, 320, 240));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() ->
            json.readTree(get("/api/videos/" + uid, ADMIN).body())
                .path("status")
                .path("state")
                .asString()
                .equals("ready"));
    long sent =
        http.send(
                request("/api/videos/" + uid + "/file")
                    .header("User-Agent", "curl/8.5.0")
                    .header("Range", "bytes=0-9999")
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray())
            .body()
            .length;
    assertThat(sent).isEqualTo(10_000);

    JsonNode[] after = new JsonNode[1];
    // sessions are flushed every videokit.watch.flush-interval; the statistics' parts are separate
    // queries, so a flush between them shows the session in one part and not yet in another: wait
    // until both the top videos and today's count have it
    long viewsBefore = last(before.path("days")).path("views").asLong();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> {
          after[0] = stats();
          return !video(after[0], uid).isMissingNode()
              && last(after[0].path("days")).path("views").asLong() > viewsBefore;
        });
    JsonNode top = video(after[0], uid);
    assertThat(top.path("views").asLong()).isEqualTo(1);
    assertThat(top.path("bytes").asLong()).isEqualTo(sent);
    JsonNode todayBefore = last(before.path("days"));
    JsonNode todayAfter = last(after[0].path("days"));
    assertThat(todayAfter.path("date").asString()).isEqualTo(after[0].path("to").asString());
    assertThat(after[0].path("days").size()).isEqualTo(14);
    assertThat(todayAfter.path("views").asLong() - todayBefore.path("views").asLong())
        .isGreaterThanOrEqualTo(1);
    assertThat(todayAfter.path("bytes").asLong() - todayBefore.path("bytes").asLong())
        .isGreaterThanOrEqualTo(sent);
    assertThat(viewers(after[0], "curl") - viewers(before, "curl")).isGreaterThanOrEqualTo(1);
  }

  private JsonNode stats() throws Exception {
    HttpResponse<String> response = get("/api/watch-stats?days=14&top=50", ADMIN);
    assertThat(response.statusCode()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private static JsonNode video(JsonNode stats, String uid) {
    for (JsonNode video : stats.path("topVideos")) {
      if (video.path("uid").asString().equals(uid)) {
        return video;
      }
    }
    return stats.path("no such video");
  }

  private static long viewers(JsonNode stats, String family) {
    for (JsonNode agent : stats.path("userAgents")) {
      if (agent.path("family").asString().equals(family)) {
        return agent.path("viewers").asLong();
      }
    }
    return 0;
  }

  private static JsonNode last(JsonNode array) {
    return array.get(array.size() - 1);
  }

  private HttpResponse<String> get(String path, String user) throws Exception {
    HttpRequest.Builder builder = request(path).header("Accept", "application/json");
    if (user != null) {
      builder.header("Authorization", basic(user));
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String upload(Path file) throws Exception {
    TusClient client = new TusClient();
    client.setUploadCreationURL(uri("/api/uploads/").toURL());
    client.setHeaders(Map.of("Authorization", basic(ADMIN)));
    client.enableResuming(new TusURLMemoryStore());
    TusUpload upload = new TusUpload(file.toFile());
    upload.setMetadata(Map.of("filename", "stats.mp4", "filetype", "video/mp4"));
    TusUploader uploader = client.resumeOrCreateUpload(upload);
    while (uploader.uploadChunk() > -1) {
      // keep sending
    }
    uploader.finish();
    String url = uploader.getUploadURL().toString();
    return url.substring(url.lastIndexOf('/') + 1);
  }

  private HttpResponse<String> logIn(HttpClient browser, String user, String password)
      throws Exception {
    return browser.send(
        request("/login")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(user, password, csrf(browser))))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String csrf(HttpClient browser) throws Exception {
    HttpResponse<String> response =
        browser.send(
            request("/api/csrf").header("X-Requested-With", "XMLHttpRequest").build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode token = json.readTree(response.body());
    assertThat(token.path("parameterName").asString()).isEqualTo("_csrf");
    return token.path("token").asString();
  }

  private static String form(String user, String password, String csrf) {
    return "username="
        + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8)
        + "&_csrf="
        + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
  }
}
