package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * videokit's meters change with real traffic (a tus-java-client upload, processing, streamed
 * single, multi-range and unsatisfiable requests, watch sessions), Prometheus serves them to staff
 * only, and the key events log structured fields.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
    properties = {
      "management.prometheus.metrics.export.enabled=true",
      "logging.structured.format.console=logstash",
      "videokit.it.database=videokit-metrics",
      "videokit.watch.flush-interval=200ms"
    })
class MetricsTest extends ServerTestSupport {

  static Path video;
  static long size;

  @Autowired MeterRegistry registry;

  @BeforeAll
  static void makeVideo() throws Exception {
    video = TestVideos.mp4(DATA.resolve("metrics.mp4"), 4, 320, 240);
    size = Files.size(video);
  }

  @Test
  void uploadProcessingAndStreamingMoveTheMetersAndLogStructuredFields(CapturedOutput output)
      throws Exception {
    double bytesBefore = counter("videokit.upload.bytes");
    double completedBefore = counter("videokit.upload.completed");
    long readyBefore = timer("videokit.processing", "outcome", "ready");

    String uid = upload();

    assertThat(counter("videokit.upload.bytes") - bytesBefore).isEqualTo(size);
    assertThat(counter("videokit.upload.completed") - completedBefore).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> timer("videokit.processing", "outcome", "ready") == readyBefore + 1);
    assertThat(registry.get("videokit.upload.active").gauge().value()).isZero();

    String path = "/api/videos/" + uid + "/file";
    double single = counter("videokit.stream.ranges", "route", "video", "kind", "single");
    double multi = counter("videokit.stream.ranges", "route", "video", "kind", "multi");
    double unsatisfiable =
        counter("videokit.stream.ranges", "route", "video", "kind", "unsatisfiable");
    double status416 = counter("videokit.stream.responses", "route", "video", "status", "416");
    double streamed = counter("videokit.stream.bytes", "route", "video");
    double watched = counter("videokit.watch.responses");
    double sessions = counter("videokit.watch.sessions");

    assertThat(get(path, "Range", "bytes=0-99").statusCode()).isEqualTo(206);
    assertThat(get(path, "Range", "bytes=0-9,100-109").statusCode()).isEqualTo(206);
    assertThat(get(path, "Range", "bytes=" + size + "-").statusCode()).isEqualTo(416);

    // the meters are told after the body is written, which may be after the client has it all
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> {
          assertThat(counter("videokit.stream.ranges", "route", "video", "kind", "single") - single)
              .isEqualTo(1);
          assertThat(counter("videokit.stream.ranges", "route", "video", "kind", "multi") - multi)
              .isEqualTo(1);
          assertThat(
                  counter("videokit.stream.ranges", "route", "video", "kind", "unsatisfiable")
                      - unsatisfiable)
              .isEqualTo(1);
          assertThat(
                  counter("videokit.stream.responses", "route", "video", "status", "416")
                      - status416)
              .isEqualTo(1);
          // 100 bytes, then 20 bytes of parts plus the multipart headers
          assertThat(counter("videokit.stream.bytes", "route", "video") - streamed)
              .isGreaterThan(120);
          assertThat(registry.get("videokit.stream.active").tag("route", "video").gauge().value())
              .isZero();
          assertThat(counter("videokit.watch.responses") - watched).isEqualTo(2);
        });
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> counter("videokit.watch.sessions") - sessions >= 1);

    // structured logging (logstash): the events carry uid, user and bytes as fields of their own
    assertThat(output.getOut())
        .contains("\"uid\":\"" + uid + "\"")
        .contains("\"user\":\"" + ADMIN + "\"")
        .contains("\"bytes\":" + size)
        .contains("\"thread_name\":\"videokit-processing-");
  }

  /**
   * A streamed answer is timed once (http.server.requests) and, for a signed-in caller (who goes
   * through the security chain; anonymous reads are answered in front of it), its authorization
   * observed, but the security filter chain is not observed filter by filter (a fifth of a range
   * request's CPU).
   */
  @Test
  void streamingIsAuthorizedAndTimedWithoutPerFilterObservations() throws Exception {
    Path media = Files.createDirectories(DATA.resolve("media"));
    Files.write(media.resolve("observed.bin"), new byte[16]);
    assertThat(
            get(
                    "/api/stream/?path=observed.bin",
                    "Range",
                    "bytes=0-1",
                    "Authorization",
                    basic(ALICE))
                .statusCode())
        .isEqualTo(206);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> {
          assertThat(registry.find("http.server.requests").tag("uri", "/api/stream/").timers())
              .isNotEmpty();
          assertThat(registry.find("spring.security.authorizations").timers()).isNotEmpty();
        });
    assertThat(registry.find("spring.security.filterchains").meters()).isEmpty();
  }

  @Test
  void prometheusIsForStaffOnly() throws Exception {
    HttpResponse<String> anonymous = scrape(null);
    assertThat(anonymous.statusCode()).isIn(401, 403);
    assertThat(anonymous.body()).doesNotContain("videokit_");
    HttpResponse<String> plain = scrape(ALICE);
    assertThat(plain.statusCode()).isEqualTo(403);
    assertThat(plain.body()).doesNotContain("videokit_");

    HttpResponse<String> staff = scrape(ADMIN);
    assertThat(staff.statusCode()).isEqualTo(200);
    assertThat(staff.body())
        .contains("videokit_upload_bytes_total")
        .contains("videokit_stream_bytes_total{route=\"video\"}")
        .contains("videokit_stream_ranges_total{kind=\"multi\",route=\"video\"}")
        .contains("videokit_processing_seconds_count{outcome=\"ready\"}")
        .contains("videokit_upload_errors_total{code=\"tus/mismatched-offset\",status=\"409\"}");
  }

  private HttpResponse<String> scrape(String user) throws Exception {
    HttpRequest.Builder builder = request("/actuator/prometheus").GET();
    if (user != null) {
      builder.header("Authorization", basic(user));
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String upload() throws Exception {
    TusClient client = new TusClient();
    client.setUploadCreationURL(uri("/api/uploads/").toURL());
    client.setHeaders(Map.of("Authorization", basic(ADMIN)));
    client.enableResuming(new TusURLMemoryStore());
    TusUpload upload = new TusUpload(video.toFile());
    upload.setMetadata(Map.of("filename", "metrics.mp4", "filetype", "video/mp4"));
    TusUploader uploader = client.resumeOrCreateUpload(upload);
    uploader.setChunkSize(64 * 1024);
    while (uploader.uploadChunk() > -1) {
      // keep sending
    }
    uploader.finish();
    String url = uploader.getUploadURL().toString();
    return url.substring(url.lastIndexOf('/') + 1);
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder builder = request(path).GET().headers(headers);
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private double counter(String name, String... tags) {
    Counter counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  private long timer(String name, String... tags) {
    Timer timer = registry.find(name).tags(tags).timer();
    return timer == null ? 0 : timer.count();
  }
}
