package io.videokit.cloudflare.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole life of a video: tus upload, processing, downloads, clip, deletion. */
class UploadAndProcessingTest {

  private FakeCloudflareStream fake;
  private Http http;

  @BeforeEach
  void start() {
    fake = FakeCloudflareStream.start();
    http = new Http(fake);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void tusUploadWithTusJavaClientThenProcessingDownloadsClipAndDelete() throws Exception {
    byte[] bytes = new byte[3 * 1024 * 1024 + 12345];
    new Random(42).nextBytes(bytes);

    TusClient client = new TusClient();
    client.setUploadCreationURL(new URL(fake.streamUrl() + "?direct_user=true"));
    client.setHeaders(Map.of("Authorization", "Bearer " + fake.apiToken()));
    TusUpload upload = new TusUpload();
    upload.setInputStream(new ByteArrayInputStream(bytes));
    upload.setSize(bytes.length);
    upload.setFingerprint("test-upload");
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("name", "holiday.mp4");
    metadata.put("filetype", "video/mp4");
    upload.setMetadata(metadata);
    TusUploader uploader = client.createUpload(upload);
    uploader.setChunkSize(256 * 1024);
    uploader.setRequestPayloadSize(1024 * 1024);
    while (uploader.uploadChunk() > -1) {
      // keep going
    }
    uploader.finish();

    String location = uploader.getUploadURL().toString();
    assertThat(location).startsWith("http://localhost:" + fake.port() + "/tus/");
    String uid = location.substring(location.indexOf("/tus/") + 5, location.indexOf('?'));
    assertThat(uid).matches("[0-9a-f]{32}");
    assertThat(fake.videoUids()).containsExactly(uid);
    assertThat(fake.requestCount("POST", ".+/stream")).isEqualTo(1);
    // 3 MiB + a bit in 1 MiB requests: four PATCH requests (sent as POST + X-HTTP-Method-Override).
    assertThat(fake.requests().stream().filter(r -> r.path().startsWith("/tus/")).count())
        .isEqualTo(4);
    assertThat(fake.uploadedSha256(uid))
        .contains(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));

    // Right after the upload: queued, uploaded, size known, nothing revealed yet.
    Map<String, Object> queued = fake.video(uid).orElseThrow();
    assertThat(queued).containsEntry("size", (long) bytes.length).containsKey("uploaded");
    assertThat(status(queued)).containsEntry("state", "queued");
    assertThat(queued).containsEntry("duration", -1.0).doesNotContainKey("playback");
    assertThat(queued.get("meta"))
        .isEqualTo(Map.of("name", "holiday.mp4", "filetype", "video/mp4"));

    // Downloads are refused until the video is ready.
    HttpResponse<String> early = http.call("POST", "/" + uid + "/downloads", "{}");
    assertThat(early.statusCode()).isEqualTo(400);
    assertThat(Http.json(early).path("success").asBoolean(true)).isFalse();

    // Each GET advances one step: inprogress 50 %, then ready.
    JsonNode first = Http.result(http.call("GET", "/" + uid, null));
    assertThat(first.path("status").path("state").asText()).isEqualTo("inprogress");
    assertThat(first.path("status").path("pctComplete").isTextual()).isTrue();
    assertThat(first.path("status").path("pctComplete").asText()).isEqualTo("50.000000");
    assertThat(first.path("readyToStream").asBoolean()).isFalse();

    JsonNode ready = Http.result(http.call("GET", "/" + uid, null));
    assertThat(ready.path("status").path("state").asText()).isEqualTo("ready");
    assertThat(ready.path("readyToStream").asBoolean()).isTrue();
    assertThat(ready.path("duration").asDouble()).isEqualTo(30.0);
    assertThat(ready.path("input").path("width").asInt()).isEqualTo(1920);
    assertThat(ready.path("input").path("height").asInt()).isEqualTo(1080);
    String host = "https://customer-f33zs165nr7gyfy4.cloudflarestream.com/" + uid;
    assertThat(ready.path("playback").path("hls").asText())
        .isEqualTo(host + "/manifest/video.m3u8");
    assertThat(ready.path("playback").path("dash").asText())
        .isEqualTo(host + "/manifest/video.mpd");
    assertThat(ready.path("thumbnail").asText()).startsWith(host + "/thumbnails/");
    assertThat(ready.path("preview").asText()).isEqualTo(host + "/watch");
    assertThat(Instant.parse(ready.path("readyToStreamAt").asText()))
        .isAfterOrEqualTo(Instant.parse(ready.path("uploaded").asText()));
    assertThat(Instant.parse(ready.path("modified").asText()))
        .isAfter(Instant.parse(first.path("modified").asText()));

    // Downloads: POST answers inprogress, the next GET ready.
    JsonNode created = Http.result(http.call("POST", "/" + uid + "/downloads", "{}"));
    assertThat(created.path("default").path("status").asText()).isEqualTo("inprogress");
    assertThat(created.path("default").path("percentComplete").isNumber()).isTrue();
    JsonNode done = Http.result(http.call("GET", "/" + uid + "/downloads", null));
    assertThat(done.path("default").path("status").asText()).isEqualTo("ready");
    assertThat(done.path("default").path("percentComplete").asDouble()).isEqualTo(100.0);
    assertThat(done.path("default").path("url").asText())
        .isEqualTo(host + "/downloads/default.mp4");

    // Clip: the answer's status is a plain string; the clip processes like any video.
    JsonNode clip =
        Http.result(
            http.call(
                "POST",
                "/clip",
                "{\"clippedFromVideoUID\":\""
                    + uid
                    + "\",\"startTimeSeconds\":5,"
                    + "\"endTimeSeconds\":15,\"creator\":\"alice\",\"meta\":{\"name\":\"best bit\"}}"));
    assertThat(clip.path("status").isTextual()).isTrue();
    assertThat(clip.path("status").asText()).isEqualTo("queued");
    assertThat(clip.path("clippedFromVideoUID").asText()).isEqualTo(uid);
    // the documented clip answer has no uid: it is in the playback and preview URLs
    assertThat(clip.has("uid")).isFalse();
    String clipUid =
        clip.path("preview").asText().replaceAll("^https://[^/]+/([^/]+)/watch$", "$1");
    assertThat(clipUid).matches("[0-9a-f]{32}").isNotEqualTo(uid);
    assertThat(clip.path("playback").path("hls").asText()).contains("/" + clipUid + "/");
    Http.result(http.call("GET", "/" + clipUid, null));
    JsonNode clipReady = Http.result(http.call("GET", "/" + clipUid, null));
    assertThat(clipReady.path("status").path("state").asText()).isEqualTo("ready");
    assertThat(clipReady.path("duration").asDouble()).isEqualTo(10.0);
    assertThat(clipReady.path("clippedFrom").asText()).isEqualTo(uid);
    assertThat(clipReady.path("creator").asText()).isEqualTo("alice");

    HttpResponse<String> tooLong =
        http.call(
            "POST",
            "/clip",
            "{\"clippedFromVideoUID\":\""
                + uid
                + "\",\"startTimeSeconds\":0,\"endTimeSeconds\":31}");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(Http.json(tooLong).path("errors").get(0).path("code").asInt()).isEqualTo(10005);
    assertThat(Http.json(tooLong).path("errors").get(0).path("message").asText())
        .isEqualTo("clip range must not exceed the duration of the parent media");

    // Delete, then 404.
    HttpResponse<String> deleted = http.call("DELETE", "/" + uid, "{}");
    assertThat(deleted.statusCode()).isEqualTo(200);
    HttpResponse<String> gone = http.call("GET", "/" + uid, null);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(Http.json(gone).path("errors").get(0).path("code").asInt()).isEqualTo(10003);
    assertThat(fake.deletedUids()).containsExactly(uid);
    assertThat(fake.videoUids()).containsExactly(clipUid);

    fake.assertNoSchemaViolations();
  }

  @Test
  void tusCreationAnswer() {
    String metadata =
        "name "
            + b64("a.mp4")
            + ",requiresignedurls,maxDurationSeconds "
            + b64("60")
            + ",allowedorigins "
            + b64("example.com,app.example.com")
            + ",filename "
            + b64("a.mp4");
    HttpResponse<String> response =
        http.send(
            http.authorized("?direct_user=true", "POST", null)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "1000")
                .header("Upload-Metadata", metadata)
                .header("Upload-Creator", "user-7")
                .build());
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEmpty();
    String uid = response.headers().firstValue("stream-media-id").orElseThrow();
    assertThat(uid).matches("[0-9a-f]{32}");
    assertThat(response.headers().firstValue("Location"))
        .contains(fake.wireMock().baseUrl() + "/tus/" + uid + "?tusv2=true");
    assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
        .contains("stream-media-id")
        .contains("Location");

    Map<String, Object> video = fake.video(uid).orElseThrow();
    assertThat(status(video)).containsEntry("state", "pendingupload");
    assertThat(video)
        .containsEntry("creator", "user-7")
        .containsEntry("requireSignedURLs", true)
        .containsEntry("maxDurationSeconds", 60)
        .containsEntry("allowedOrigins", List.of("example.com", "app.example.com"))
        .containsEntry("meta", Map.of("name", "a.mp4", "filename", "a.mp4"))
        .doesNotContainKey("uploaded")
        .doesNotContainKey("size");

    HttpResponse<String> missingLength =
        http.send(
            http.authorized("?direct_user=true", "POST", null)
                .header("Tus-Resumable", "1.0.0")
                .build());
    assertThat(missingLength.statusCode()).isEqualTo(400);
    assertThat(Http.json(missingLength).path("success").asBoolean(true)).isFalse();
    // The client broke the documented contract: the fake says so.
    assertThat(fake.schemaViolations())
        .singleElement()
        .asString()
        .contains("stream-videos-initiate-video-uploads-using-tus request")
        .contains("Upload-Length");
  }

  @Test
  void maxDurationExceededEndsInErrorOnTheFirstStep() {
    fake.defaultDuration(90);
    String uid = createTus(10, "maxdurationseconds " + b64("60"));
    patch(uid, 0, new byte[10]);
    assertThat(status(fake.video(uid).orElseThrow())).containsEntry("state", "queued");

    JsonNode failed = Http.result(http.call("GET", "/" + uid, null));
    assertThat(failed.path("status").path("state").asText()).isEqualTo("error");
    assertThat(failed.path("status").path("errorReasonCode").asText())
        .isEqualTo("ERR_DURATION_EXCEED_CONSTRAINT");
    assertThat(failed.path("readyToStream").asBoolean()).isFalse();
    fake.assertNoSchemaViolations();
  }

  @Test
  void processingStepsAreConfigurable() {
    fake.processingSteps(4).setDuration(fake.addVideo(VideoSeed.inState("queued")), 12.5);
    String uid = fake.videoUids().get(0);
    assertThat(stateAfterGet(uid)).isEqualTo("inprogress 25.000000");
    assertThat(stateAfterGet(uid)).isEqualTo("inprogress 50.000000");
    assertThat(stateAfterGet(uid)).isEqualTo("inprogress 75.000000");
    assertThat(stateAfterGet(uid)).isEqualTo("ready 100.000000");
    assertThat(fake.video(uid).orElseThrow()).containsEntry("duration", 12.5);

    fake.processingSteps(0);
    String instant = createTus(3, null);
    patch(instant, 0, new byte[] {1, 2, 3});
    assertThat(status(fake.video(instant).orElseThrow())).containsEntry("state", "ready");
    fake.assertNoSchemaViolations();
  }

  @Test
  void timeBasedStepsAdvanceWithoutRequests() throws InterruptedException {
    String uid = fake.addVideo(VideoSeed.inState("queued"));
    String download = fake.addReadyVideo();
    Http.result(http.call("POST", "/" + download + "/downloads", "{}"));
    fake.processingStepInterval(Duration.ofMillis(20));
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!"ready".equals(status(fake.video(uid).orElseThrow()).get("state"))
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    fake.processingStepInterval(null);
    assertThat(status(fake.video(uid).orElseThrow())).containsEntry("state", "ready");
    assertThat(
            Http.result(http.call("GET", "/" + download + "/downloads", null))
                .path("default")
                .path("status")
                .asText())
        .isEqualTo("ready");
  }

  @Test
  void failProcessingAndCompleteProcessing() {
    String a = fake.addVideo(VideoSeed.inState("inprogress"));
    String b = fake.addVideo(VideoSeed.inState("pendingupload"));
    fake.failProcessing(a, "ERR_MALFORMED_VIDEO", "The video is malformed");
    fake.completeProcessing(b);
    JsonNode failed = Http.result(http.call("GET", "/" + a, null));
    assertThat(failed.path("status").path("state").asText()).isEqualTo("error");
    assertThat(failed.path("status").path("errorReasonText").asText())
        .isEqualTo("The video is malformed");
    JsonNode done = Http.result(http.call("GET", "/" + b, null));
    assertThat(done.path("status").path("state").asText()).isEqualTo("ready");
    assertThat(done.path("size").asLong()).isPositive();
    fake.assertNoSchemaViolations();
  }

  @Test
  void clipNeedsAReadyParent() {
    String parent = fake.addVideo(VideoSeed.inState("queued"));
    HttpResponse<String> response =
        http.call(
            "POST",
            "/clip",
            "{\"clippedFromVideoUID\":\""
                + parent
                + "\",\"startTimeSeconds\":0,\"endTimeSeconds\":2}");
    assertThat(response.statusCode()).isEqualTo(400);
    HttpResponse<String> unknown =
        http.call(
            "POST",
            "/clip",
            "{\"clippedFromVideoUID\":\"0123\",\"startTimeSeconds\":0,\"endTimeSeconds\":2}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    fake.assertNoSchemaViolations();
  }

  private String stateAfterGet(String uid) {
    JsonNode video = Http.result(http.call("GET", "/" + uid, null));
    return video.path("status").path("state").asText()
        + " "
        + video.path("status").path("pctComplete").asText();
  }

  private String createTus(long length, String metadata) {
    var builder =
        http.authorized("?direct_user=true", "POST", null)
            .header("Tus-Resumable", "1.0.0")
            .header("Upload-Length", String.valueOf(length));
    if (metadata != null) {
      builder.header("Upload-Metadata", metadata);
    }
    HttpResponse<String> response = http.send(builder.build());
    assertThat(response.statusCode()).isEqualTo(201);
    return response.headers().firstValue("stream-media-id").orElseThrow();
  }

  private void patch(String uid, long offset, byte[] bytes) {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(fake.wireMock().baseUrl() + "/tus/" + uid + "?tusv2=true"))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", String.valueOf(offset))
                .header("Content-Type", "application/offset+octet-stream")
                .build());
    assertThat(response.statusCode()).isEqualTo(204);
  }

  @SuppressWarnings("unchecked") // the video JSON's "status" is an object
  private static Map<String, Object> status(Map<String, Object> video) {
    return (Map<String, Object>) video.get("status");
  }

  private static String b64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
