package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the broadcast console needs from the server, over HTTP: the page and its hls.js (from the
 * WebJar, without a version in the URL) are public, and {@code GET /api/broadcasts/kinds} names the
 * kinds a start may ask for and the default, for a logged-in caller only; the ingest URL a start
 * hands out is served by the live handler.
 */
class BroadcastConsolePageTest extends ServerTestSupport {

  final JsonMapper json = JsonMapper.builder().build();

  @Test
  void thePageAndItsPlayerAreServed() throws Exception {
    HttpResponse<String> page = get("/broadcasts.html", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("/webjars/hls.js/dist/hls.min.js", "/assets/broadcasts.js");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));

    HttpResponse<String> hls = get("/webjars/hls.js/dist/hls.min.js", null);
    assertThat(hls.statusCode()).isEqualTo(200);
    assertThat(hls.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    assertThat(hls.body()).contains("1.4.12");

    assertThat(get("/assets/broadcasts.js", null).statusCode()).isEqualTo(200);
    assertThat(get("/index.html", null).body()).contains("href=\"/broadcasts.html\"");
  }

  @Test
  void theKindsOfferedNeedALogin() throws Exception {
    HttpResponse<String> anonymous = get("/api/broadcasts/kinds", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));

    HttpResponse<String> kinds = get("/api/broadcasts/kinds", ALICE);
    assertThat(kinds.statusCode()).as(kinds.body()).isEqualTo(200);
    JsonNode body = json.readTree(kinds.body());
    assertThat(body.path("kinds").isArray()).isTrue();
    assertThat(body.path("kinds").toString()).contains("\"hls_put\"");
    assertThat(body.path("default").asString()).isEqualTo("hls_put");
  }

  @Test
  void theIngestAnswersAtTheUrlTheStartHandsOut() throws Exception {
    HttpResponse<String> started =
        http.send(
            request("/api/broadcasts")
                .header("Authorization", basic(ALICE))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=ingest"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    JsonNode body = json.readTree(started.body());
    String path = URI.create(body.path("endpoint").path("url").asString()).getPath();
    String secret = body.path("endpoint").path("secret").asString();

    // nothing published yet: the live handler's own problem, not the servlet's 404 page
    HttpResponse<String> empty = get(path, null);
    assertThat(empty.statusCode()).isEqualTo(404);
    assertThat(empty.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(json.readTree(empty.body()).path("type").asString()).endsWith("/live/not-found");

    HttpResponse<String> wrong =
        http.send(
            request(path)
                .header("Authorization", "Bearer not-" + secret)
                .PUT(HttpRequest.BodyPublishers.ofString("#EXTM3U\n"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).as(wrong.body()).isIn(401, 403);
  }

  HttpResponse<String> get(String path, @Nullable String user) throws Exception {
    var builder = request(path).GET();
    if (user != null) {
      builder.header("Authorization", basic(user));
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }
}
