package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live broadcasts over HTTP on the reference server (H2): django-broadcast's {@code /stream/start/}
 * and {@code /stream/stop/} with the owner check the seed lacks, and the REST form {@code
 * /api/broadcasts}.
 */
@ExtendWith(OutputCaptureExtension.class)
class BroadcastApiTest extends ServerTestSupport {

  static final String DATE = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";

  final JsonMapper json = JsonMapper.builder().build();

  @Test
  void theSeedContractWithOwnerChecks() throws Exception {
    HttpResponse<String> anonymous = post("/stream/start/", "type=hls&name=show", null);
    assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(json.readTree(anonymous.body()).path("type").asString())
        .endsWith("/unauthenticated");

    HttpResponse<String> started =
        post("/stream/start/", "type=hls&name=" + enc("Alice's show"), ALICE);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    JsonNode start = json.readTree(started.body());
    assertThat(names(start)).containsExactly("stream", "endpoint");
    assertThat(names(start.path("stream"))).containsExactly("id", "name", "start_date");
    String id = start.path("stream").path("id").asString();
    assertThat(start.path("stream").path("name").asString()).isEqualTo("Alice's show");
    assertThat(start.path("stream").path("start_date").asString()).matches(DATE);
    assertThat(names(start.path("endpoint"))).containsExactly("HLS_PUT");
    JsonNode endpoint = start.path("endpoint").path("HLS_PUT");
    String secret = endpoint.path("secret").asString();
    assertThat(endpoint.path("url").asString())
        .isEqualTo("http://127.0.0.1:" + port + "/live/" + id + "/index.m3u8");
    assertThat(endpoint.path("headers").path("Authorization").asString())
        .isEqualTo("Bearer " + secret);
    assertThat(endpoint.path("ffmpeg").asString()).contains("-method PUT");

    HttpResponse<String> byBob = post("/stream/stop/", "id=" + id, BOB);
    assertThat(byBob.statusCode()).as(byBob.body()).isEqualTo(403);
    assertThat(json.readTree(byBob.body()).path("type").asString()).endsWith("/forbidden");

    HttpResponse<String> stopped = post("/stream/stop/", "id=" + id, ALICE);
    assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
    JsonNode stop = json.readTree(stopped.body());
    assertThat(names(stop)).containsExactly("stream");
    assertThat(names(stop.path("stream"))).containsExactly("id", "name", "start_date", "stop_date");
    String stopDate = stop.path("stream").path("stop_date").asString();
    assertThat(stopDate).matches(DATE);

    HttpResponse<String> again = post("/stream/stop/", "id=" + id, ALICE);
    assertThat(again.statusCode()).as("stopping twice is harmless").isEqualTo(200);
    assertThat(json.readTree(again.body()).path("stream").path("stop_date").asString())
        .isEqualTo(stopDate);

    HttpResponse<String> unknown = post("/stream/stop/", "id=nosuchbroadcast", ALICE);
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
    assertThat(json.readTree(unknown.body()).path("type").asString())
        .endsWith("/broadcast/not-found");

    HttpResponse<String> dash = post("/stream/start/", "type=dash&name=x", ALICE);
    assertThat(dash.statusCode()).as(dash.body()).isEqualTo(400);
    JsonNode problem = json.readTree(dash.body());
    assertThat(problem.path("type").asString()).endsWith("/broadcast/unsupported");
    assertThat(problem.path("detail").asString()).contains("supported: hls");
  }

  @Test
  void theRestFormNeverShowsTheSecretAfterStart(CapturedOutput output) throws Exception {
    HttpResponse<String> created = post("/api/broadcasts", "name=rest", ALICE);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode body = json.readTree(created.body());
    String id = body.path("id").asString();
    String secret = body.path("endpoint").path("secret").asString();
    assertThat(secret).isNotBlank();
    assertThat(body.path("live").asBoolean()).isTrue();
    assertThat(body.path("live_manifest").asString()).isEqualTo("live/alice/" + id + "/index.m3u8");
    assertThat(body.path("endpoint").path("type").asString()).isEqualTo("HLS_PUT");
    assertThat(body.path("playback_url").asString())
        .isEqualTo("http://127.0.0.1:" + port + "/live/" + id + "/index.m3u8");

    HttpResponse<String> own = get("/api/broadcasts/" + id, ALICE);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(json.readTree(own.body()).path("endpoint").path("type").asString())
        .isEqualTo("HLS_PUT");
    assertThat(own.body()).doesNotContain(secret);
    HttpResponse<String> others = get("/api/broadcasts/" + id, BOB);
    assertThat(others.statusCode()).isEqualTo(200);
    assertThat(json.readTree(others.body()).has("endpoint")).isFalse();

    HttpResponse<String> listed = get("/api/broadcasts?live=true&size=500", ALICE);
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    assertThat(listed.body()).contains(id).doesNotContain(secret);
    assertThat(get("/api/broadcasts?live=true&size=500", BOB).body()).doesNotContain(id);
    assertThat(get("/api/broadcasts?size=0", ALICE).statusCode()).isEqualTo(400);

    assertThat(post("/api/broadcasts/" + id + "/refresh", "", BOB).statusCode()).isEqualTo(403);
    HttpResponse<String> refreshed = post("/api/broadcasts/" + id + "/refresh", "", ADMIN);
    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    String rotated = json.readTree(refreshed.body()).path("endpoint").path("secret").asString();
    assertThat(rotated).isNotBlank().isNotEqualTo(secret);

    HttpResponse<String> stopped = post("/api/broadcasts/" + id + "/stop", "", ALICE);
    assertThat(stopped.statusCode()).isEqualTo(200);
    assertThat(json.readTree(stopped.body()).path("live").asBoolean()).isFalse();
    assertThat(stopped.body()).doesNotContain(rotated);
    HttpResponse<String> late = post("/api/broadcasts/" + id + "/refresh", "", ALICE);
    assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
    assertThat(post("/api/broadcasts", "name=x&kind=nope", ALICE).statusCode()).isEqualTo(400);
    assertThat(get("/api/broadcasts/" + id, null).statusCode()).isEqualTo(401);
    assertThat(output.getAll())
        .as("no secret reaches the log")
        .contains("broadcast " + id + " started by alice")
        .doesNotContain(secret)
        .doesNotContain(rotated);
  }

  /**
   * RTMP for OBS: the start hands out a server and key; ffmpeg publishing with them is relayed into
   * the HLS-over-PUT ingest on this server's own port (discovered), and a viewer gets the playlist.
   */
  @Test
  void rtmpIsRelayedIntoTheLivePlaylist() throws Exception {
    HttpResponse<String> created = post("/api/broadcasts", "name=obs&kind=rtmp", ALICE);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode answer = json.readTree(created.body());
    String id = answer.path("id").asString();
    JsonNode endpoint = answer.path("endpoint");
    assertThat(endpoint.path("type").asString()).isEqualTo("RTMP");
    String key = endpoint.path("stream_key").asString();
    String url = endpoint.path("url").asString();
    assertThat(url).startsWith("rtmp://127.0.0.1:").endsWith("/live/" + key);
    assertThat(endpoint.path("server").asString() + "/" + key).isEqualTo(url);

    Process ffmpeg =
        new ProcessBuilder(
                "ffmpeg",
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "error",
                "-re",
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=320x240:rate=25",
                "-f",
                "lavfi",
                "-i",
                "sine",
                "-t",
                "4",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-g",
                "25",
                "-c:a",
                "aac",
                "-f",
                "flv",
                url)
            .redirectErrorStream(true)
            .start();
    String log = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ffmpeg.waitFor()).as(log).isZero();
    long deadline = System.nanoTime() + 15_000_000_000L;
    HttpResponse<String> playlist = get("/live/" + id + "/index.m3u8", null);
    while (!playlist.body().contains(".ts") && System.nanoTime() < deadline) {
      Thread.sleep(200);
      playlist = get("/live/" + id + "/index.m3u8", null);
    }
    assertThat(playlist.statusCode()).as(playlist.body()).isEqualTo(200);
    assertThat(playlist.body()).contains("#EXTINF").doesNotContain(key);

    HttpResponse<String> stopped = post("/api/broadcasts/" + id + "/stop", "", ALICE);
    assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
    assertThat(get("/live/" + id + "/index.m3u8", null).body()).endsWith("#EXT-X-ENDLIST\n");
  }

  HttpResponse<String> post(String path, String form, @Nullable String user) throws Exception {
    HttpRequest.Builder builder =
        request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            // what a script sends; without it an anonymous POST meets the CSRF check first
            .header("X-Requested-With", "XMLHttpRequest")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (user != null) {
      builder.header("Authorization", basic(user));
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, @Nullable String user) throws Exception {
    HttpRequest.Builder builder = request(path).GET();
    if (user != null) {
      builder.header("Authorization", basic(user));
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  static java.util.List<String> names(JsonNode node) {
    return node.propertyNames().stream().toList();
  }

  static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
