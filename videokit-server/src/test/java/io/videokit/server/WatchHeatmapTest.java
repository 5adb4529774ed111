package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The watch heatmap over real HTTP: a 20 s MP4 with one GOP per second is uploaded and processed
 * (which stores its time index), byte ranges of known seconds are requested, and {@code GET
 * /api/videos/{uid}/heatmap} counts exactly those seconds, per distinct session.
 */
class WatchHeatmapTest extends ServerTestSupport {

  static Path video;
  static List<Long> keyframes;
  final JsonMapper json = JsonMapper.builder().build();

  @BeforeAll
  static void makeVideo() throws Exception {
    video = TestVideos.mp4WithOneSecondGops(DATA.resolve("heatmap.mp4"), 20, 320, 240);
    keyframes = TestVideos.keyframeOffsets(video);
    assertThat(keyframes).hasSize(20);
  }

  @Test
  void servedRangesShowAsTheSecondsTheyHoldCountedPerSession() throws Exception {
    String uid = upload(video);
    awaitReady(uid);
    String first = "HeatmapViewer/1";
    String second = "HeatmapViewer/2";

    // the moov (before the first video packet) is no second of the video
    range(uid, first, 0, keyframes.get(0) - 1);
    range(uid, first, keyframes.get(2), keyframes.get(5) - 1); // seconds 2..4
    range(uid, first, keyframes.get(3), keyframes.get(4) - 1); // again second 3: same session
    range(uid, first, keyframes.get(12), keyframes.get(14) - 1); // seconds 12..13
    range(uid, second, keyframes.get(13), keyframes.get(15) - 1); // seconds 13..14

    JsonNode[] heatmap = new JsonNode[1];
    await() // sessions are buffered and flushed every videokit.watch.flush-interval
        .atMost(Duration.ofSeconds(20))
        .until(() -> {
          heatmap[0] = getJson("/api/videos/" + uid + "/heatmap", ADMIN);
          return heatmap[0].path("sessions").asInt() == 2 && sum(heatmap[0]) == 7;
        });

    int[] seconds = counts(heatmap[0]);
    int[] expected = new int[seconds.length];
    IntStream.of(2, 3, 4, 12, 13).forEach(s -> expected[s]++);
    IntStream.of(13, 14).forEach(s -> expected[s]++);
    assertThat(heatmap[0].path("duration_seconds").asInt()).isBetween(20, 21);
    assertThat(seconds).hasSize(heatmap[0].path("duration_seconds").asInt());
    assertThat(seconds).containsExactly(expected);
  }

  @Test
  void anUnknownVideoIsAProblem() throws Exception {
    HttpResponse<String> response = getAs("/api/videos/" + "0".repeat(32) + "/heatmap", ADMIN);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void heatmapsAreForStaffOnly() throws Exception {
    String uid = "0".repeat(32);
    HttpResponse<String> user = getAs("/api/videos/" + uid + "/heatmap", ALICE);
    HttpResponse<String> anonymous =
        http.send(
            request("/api/videos/" + uid + "/heatmap").build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(user.statusCode()).isEqualTo(403);
    assertThat(user.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  private void range(String uid, String agent, long first, long last) throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            request("/api/videos/" + uid + "/file")
                .header("Range", "bytes=" + first + "-" + last)
                .header("User-Agent", agent)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.body()).hasSize((int) (last - first + 1));
  }

  private static int[] counts(JsonNode heatmap) {
    int[] counts = new int[heatmap.path("seconds").size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = heatmap.path("seconds").get(i).asInt();
    }
    return counts;
  }

  private static int sum(JsonNode heatmap) {
    return IntStream.of(counts(heatmap)).sum();
  }

  private String upload(Path file) throws Exception {
    return TestUploads.upload(uri("/api/uploads/"), basic(ADMIN), file);
  }

  void awaitReady(String uid) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() ->
            getJson("/api/videos/" + uid, ADMIN)
                .path("status")
                .path("state")
                .asString()
                .equals("ready"));
  }

  private HttpResponse<String> getAs(String path, String user) throws Exception {
    return http.send(
        request(path).header("Authorization", basic(user)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode getJson(String path, String user) throws Exception {
    return json.readTree(getAs(path, user).body());
  }
}
