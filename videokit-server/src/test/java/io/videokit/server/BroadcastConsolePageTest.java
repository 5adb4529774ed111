package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the broadcast console needs from the server, over HTTP: the page and its hls.js (from the
 * WebJar, without a version in the URL) are public, and {@code GET /api/broadcasts/kinds} names the
 * kinds a start may ask for and the default, for a logged-in caller only.
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

  HttpResponse<String> get(String path, @Nullable String user) throws Exception {
    var builder = request(path).GET();
    if (user != null) {
      builder.header("Authorization", basic(user));
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }
}
