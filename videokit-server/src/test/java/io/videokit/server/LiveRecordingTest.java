package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live to VOD on the reference server (H2): a real ffmpeg publishes a test pattern and tone over
 * HLS PUT to the URL a started broadcast hands out, viewers get the live playlist and its segments,
 * the stop (or the idle timeout, for a killed publisher) ends the playlist, and the maintenance job
 * turns the broadcast into a ready video that streams with byte ranges.
 */
@TestPropertySource(
    properties = {
      "videokit.broadcast.maintenance-interval=1s",
      "videokit.broadcast.idle-timeout=3s",
      // its own database: the other test contexts' schedulers would run the maintenance task
      // with their own settings (60 s idle timeout, 10 s interval)
      "videokit.it.database=videokit-live-it"
    })
class LiveRecordingTest extends ServerTestSupport {

  private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
  private static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";

  final JsonMapper json = JsonMapper.builder().build();

  @Test
  void aStoppedBroadcastBecomesAReadyVideoThatSeeks() throws Exception {
    JsonNode started = start("Recorded show");
    String id = started.path("id").asString();
    String url = started.path("endpoint").path("url").asString();
    String playback = started.path("playback_url").asString();

    Process ffmpeg = publish(url, started.path("endpoint").path("secret").asString(), 5, "ok");
    assertThat(ffmpeg.waitFor(30, TimeUnit.SECONDS)).as("ffmpeg finishes").isTrue();
    assertThat(ffmpeg.exitValue()).as(log("ok")).isZero();

    // ffmpeg exits without waiting for the answers to its last PUTs: wait for a stable playlist
    List<String> before = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(700))
        .until(() -> {
          List<String> now = segments(viewer(playback).body());
          boolean stable = !now.isEmpty() && now.equals(before);
          before.clear();
          before.addAll(now);
          return stable;
        });
    HttpResponse<String> live = viewer(playback);
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith(PLAYLIST_TYPE));
    assertThat(live.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(live.body()).doesNotContain("#EXT-X-ENDLIST");
    String base = playback.substring(0, playback.lastIndexOf('/') + 1);
    HttpResponse<byte[]> segment =
        http.send(
            HttpRequest.newBuilder(java.net.URI.create(base + before.get(0))).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(segment.statusCode()).isEqualTo(200);
    assertThat(segment.body()).hasSizeGreaterThan(188).startsWith((byte) 0x47);
    double published = duration(live.body());
    assertThat(published).isBetween(4.0, 6.5);

    HttpResponse<String> stopped = post("/api/broadcasts/" + id + "/stop", "", ALICE);
    assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
    assertThat(viewer(playback).body().strip()).endsWith("#EXT-X-ENDLIST");

    String uid = awaitRecording(id);
    JsonNode video = awaitVideo(uid);
    assertThat(video.path("status").path("state").asString())
        .as(video.toString())
        .isEqualTo("ready");
    assertThat(video.path("creator").asString()).isEqualTo(ALICE);
    assertThat(video.path("meta").path("name").asString()).isEqualTo("Recorded show");
    assertThat(video.path("duration").asDouble()).isBetween(published - 1.1, published + 1.1);
    assertThat(video.path("input").path("width").asInt()).isEqualTo(320);

    HttpResponse<byte[]> range =
        http.send(
            request("/api/videos/" + uid + "/file")
                .header("Authorization", basic(ALICE))
                .header("Range", "bytes=100-1099")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.body()).hasSize(1000);
    assertThat(range.headers().firstValue("Content-Range"))
        .hasValue("bytes 100-1099/" + video.path("size").asLong());
  }

  @Test
  void aKilledPublisherIsStoppedByTheIdleTimeout() throws Exception {
    JsonNode started = start("Vanishing show");
    String id = started.path("id").asString();
    String playback = started.path("playback_url").asString();
    Process ffmpeg =
        publish(
            started.path("endpoint").path("url").asString(),
            started.path("endpoint").path("secret").asString(),
            0,
            "killed");
    try {
      await()
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> segments(viewer(playback).body()).size() >= 2);
      assertThat(json.readTree(get("/api/broadcasts/" + id, ALICE).body()).path("live").asBoolean())
          .isTrue();
    } finally {
      ffmpeg.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    long killed = System.nanoTime();

    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(250))
        .until(() ->
            !json.readTree(get("/api/broadcasts/" + id, ALICE).body()).path("live").asBoolean());
    assertThat(Duration.ofNanos(System.nanoTime() - killed)).isGreaterThan(Duration.ofSeconds(2));
    // the stop is stored first (no more segments accepted), then the playlists are ended
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> viewer(playback).body().strip().endsWith("#EXT-X-ENDLIST"));
  }

  @Test
  void aReconnectedPublishersSegmentsReachViewers() throws Exception {
    JsonNode started = start("Reconnecting show");
    String url = started.path("endpoint").path("url").asString();
    String secret = started.path("endpoint").path("secret").asString();
    String playback = started.path("playback_url").asString();
    Process first = publish(url, secret, 2, "first-session");
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    // within the idle timeout: the same broadcast goes on, its segments under s1/
    Process second = publish(url, secret, 2, "second-session", 880);
    assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();

    String playlist = viewer(playback).body();
    assertThat(playlist).contains("#EXT-X-DISCONTINUITY");
    String reconnected =
        segments(playlist).stream()
            .filter(segment -> segment.startsWith("s1/"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(playlist));
    HttpResponse<byte[]> segment =
        http.send(
            HttpRequest.newBuilder(java.net.URI.create(playback).resolve(reconnected))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(segment.statusCode()).as(reconnected).isEqualTo(200);
    assertThat(segment.headers().firstValue("Content-Type")).hasValue("video/mp2t");
    assertThat(segment.body()).isNotEmpty();
    String id = started.path("id").asString();
    assertThat(post("/api/broadcasts/" + id + "/stop", "", ALICE).statusCode()).isEqualTo(200);

    // the recording holds both sessions
    JsonNode video = awaitVideo(awaitRecording(id));
    assertThat(video.path("status").path("state").asString()).isEqualTo("ready");
    assertThat(video.path("duration").asDouble()).isGreaterThan(3.0);
  }

  @Test
  void aWrongSecretIsRefusedAndStoresNothing() throws Exception {
    JsonNode started = start("Guarded show");
    String id = started.path("id").asString();
    String url = started.path("endpoint").path("url").asString();

    Process ffmpeg = publish(url, "not-the-secret", 2, "wrong");
    assertThat(ffmpeg.waitFor(30, TimeUnit.SECONDS)).as("ffmpeg gives up").isTrue();
    HttpResponse<String> wrong = putSegment(url, "Bearer not-the-secret");
    assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    HttpResponse<String> none = putSegment(url, null);
    assertThat(none.statusCode()).as(none.body()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();

    assertThat(viewer(started.path("playback_url").asString()).statusCode()).isEqualTo(404);
    assertThat(stored("live/alice/" + id)).isEmpty();

    assertThat(post("/api/broadcasts/" + id + "/stop", "", ALICE).statusCode()).isEqualTo(200);
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> {
          last[0] = json.readTree(get("/api/broadcasts/" + id, ALICE).body());
          return !last[0].path("recording_error").isNull()
              && !last[0].path("recording_error").isMissingNode();
        });
    assertThat(last[0].path("recording_error").asString()).isEqualTo("nothing was published");
    assertThat(last[0].path("recording_uid").isNull()).isTrue();
  }

  HttpResponse<String> putSegment(String playlistUrl, @Nullable String authorization)
      throws Exception {
    HttpRequest.Builder put =
        HttpRequest.newBuilder(java.net.URI.create(playlistUrl.replace("index.m3u8", "seg0.ts")))
            .PUT(HttpRequest.BodyPublishers.ofString("not a segment"));
    if (authorization != null) {
      put.header("Authorization", authorization);
    }
    return http.send(put.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Starts a broadcast of Alice's; answers the REST start body. */
  JsonNode start(String name) throws Exception {
    HttpResponse<String> created =
        post("/api/broadcasts", "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), ALICE);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json.readTree(created.body());
  }

  /**
   * Starts ffmpeg publishing a test pattern and tone to a playlist URL, 1 s segments, every segment
   * kept in the playlist; {@code seconds} 0 publishes until killed.
   */
  Process publish(String url, String secret, int seconds, String name) throws Exception {
    return publish(url, secret, seconds, name, 440);
  }

  /**
   * As {@link #publish(String, String, int, String)}, with a tone of its own: a publisher restarted
   * with the very same source sends the very same first segments, which are retries to the ingest.
   */
  Process publish(String url, String secret, int seconds, String name, int toneHz)
      throws Exception {
    assertThat(FFMPEG).as("ffmpeg is needed: apt-get install ffmpeg").isExecutable();
    List<String> command = new ArrayList<>(List.of(FFMPEG.toString(), "-hide_banner", "-nostdin"));
    command.addAll(List.of("-loglevel", "warning", "-re"));
    command.addAll(List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25"));
    command.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=" + toneHz));
    if (seconds > 0) {
      command.addAll(List.of("-t", Integer.toString(seconds)));
    }
    command.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-g", "25"));
    command.addAll(List.of("-c:a", "aac", "-f", "hls", "-hls_time", "1", "-hls_list_size", "0"));
    // the stop, not the publisher, ends the playlist
    command.addAll(List.of("-hls_flags", "omit_endlist", "-method", "PUT"));
    command.addAll(List.of("-headers", "Authorization: Bearer " + secret + "\r\n", url));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(DATA.resolve("ffmpeg-" + name + ".log").toFile())
        .start();
  }

  String log(String name) throws Exception {
    return Files.readString(DATA.resolve("ffmpeg-" + name + ".log"));
  }

  String awaitRecording(String id) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> {
          last[0] = json.readTree(get("/api/broadcasts/" + id, ALICE).body());
          return last[0].path("recording_uid").isString()
              || last[0].path("recording_error").isString();
        });
    assertThat(last[0].path("recording_error").isString()).as(last[0].toString()).isFalse();
    return last[0].path("recording_uid").asString();
  }

  JsonNode awaitVideo(String uid) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> {
          last[0] = json.readTree(get("/api/videos/" + uid, ALICE).body());
          return last[0].path("status").path("state").asString().matches("ready|error");
        });
    return last[0];
  }

  HttpResponse<String> viewer(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(java.net.URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static List<String> segments(String playlist) {
    return playlist
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  static double duration(String playlist) {
    return playlist
        .lines()
        .filter(line -> line.startsWith("#EXTINF:"))
        .map(line -> new BigDecimal(line.substring(8, line.indexOf(','))))
        .reduce(BigDecimal.ZERO, BigDecimal::add)
        .doubleValue();
  }

  static List<Path> stored(String prefix) throws Exception {
    Path dir = DATA.resolve("media").resolve(prefix);
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  HttpResponse<String> post(String path, String form, @Nullable String user) throws Exception {
    HttpRequest.Builder builder =
        request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Requested-With", "XMLHttpRequest")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (user != null) {
      builder.header("Authorization", basic(user));
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, String user) throws Exception {
    return http.send(
        request(path).header("Authorization", basic(user)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
