package io.videokit.cloudflare.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault affects exactly the number of requests asked for, and nothing else. */
class FaultInjectionTest {

  private FakeCloudflareStream fake;
  private Http http;
  private String uid;

  @BeforeEach
  void start() {
    fake = FakeCloudflareStream.start();
    http = new Http(fake);
    uid = fake.addReadyVideo();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void failNextAnswersExactlyCountRequestsWithAnErrorEnvelopeAndDoesNotProcessThem() {
    fake.failNext(2, 503);
    HttpResponse<String> first = http.call("POST", "/direct_upload", "{\"maxDurationSeconds\":60}");
    HttpResponse<String> second = http.call("GET", "/" + uid, null);
    HttpResponse<String> third = http.call("GET", "/" + uid, null);

    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(second.statusCode()).isEqualTo(503);
    JsonNode envelope = Http.json(first);
    assertThat(envelope.path("success").asBoolean(true)).isFalse();
    assertThat(envelope.path("result").isNull()).isTrue();
    assertThat(envelope.path("errors").get(0).path("code").asInt()).isEqualTo(10001);
    assertThat(third.statusCode()).isEqualTo(200);
    assertThat(fake.videoUids()).containsExactly(uid);
    assertThat(fake.apiFaults().pending()).isZero();
    fake.assertNoSchemaViolations();
  }

  @Test
  void rateLimitNextSendsRetryAfter() {
    fake.rateLimitNext(1, 30);
    HttpResponse<String> limited = http.call("GET", "", null);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).contains("30");
    assertThat(Http.json(limited).path("errors").get(0).path("code").asInt()).isEqualTo(10013);
    assertThat(Http.json(limited).path("errors").get(0).path("message").asText())
        .startsWith("Rate limited");
    assertThat(http.call("GET", "", null).statusCode()).isEqualTo(200);
    fake.assertNoSchemaViolations();
  }

  @Test
  void malformedNextSendsBrokenJsonWithoutRecordingAViolation() {
    fake.malformedNext(1);
    HttpResponse<String> broken = http.call("GET", "/" + uid, null);
    assertThat(broken.statusCode()).isEqualTo(200);
    assertThat(broken.headers().firstValue("Content-Type").orElseThrow()).contains("json");
    assertThatThrownBy(() -> Json.parse(broken.body()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Http.result(http.call("GET", "/" + uid, null)).path("uid").asText()).isEqualTo(uid);
    fake.assertNoSchemaViolations();
  }

  @Test
  void resetNextDropsTheConnection() {
    fake.resetNext(1);
    HttpRequest request = http.authorized("/" + uid, "GET", null).build();
    assertThatThrownBy(() -> http.sendRaw(request)).isInstanceOf(IOException.class);
    assertThat(http.send(request).statusCode()).isEqualTo(200);
    assertThat(fake.requestCount("GET", ".+/stream/" + uid)).isEqualTo(2);
  }

  @Test
  void delayNextHoldsTheAnswerButProcessesTheRequest() {
    fake.delayNext(1, Duration.ofMillis(400));
    long start = System.nanoTime();
    HttpResponse<String> delayed =
        http.call("POST", "/direct_upload", "{\"maxDurationSeconds\":60}");
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(delayed.statusCode()).isEqualTo(200);
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(400);
    assertThat(fake.videoUids()).hasSize(2);
    assertThat(fake.apiFaults().pending()).isZero();
    fake.assertNoSchemaViolations();
  }

  @Test
  void faultsAreConsumedInTheOrderTheyWereQueued() {
    fake.failNext(1, 500).rateLimitNext(1, 1).malformedNext(1);
    assertThat(fake.apiFaults().pending()).isEqualTo(3);
    List<Integer> statuses = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> response = http.call("GET", "/" + uid, null);
      statuses.add(response.statusCode());
      bodies.add(response.body());
    }
    assertThat(statuses).containsExactly(500, 429, 200, 200);
    assertThat(bodies.get(2)).doesNotEndWith("}");
    assertThat(Json.parse(bodies.get(3)).path("result").path("uid").asText()).isEqualTo(uid);
  }

  @Test
  void countsAreExactUnderConcurrency() throws Exception {
    fake.failNext(7, 502);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        futures.add(pool.submit(() -> http.call("GET", "/" + uid, null).statusCode()));
      }
      int failed = 0;
      int ok = 0;
      for (Future<Integer> future : futures) {
        int status = future.get();
        if (status == 502) {
          failed++;
        } else if (status == 200) {
          ok++;
        }
      }
      assertThat(failed).isEqualTo(7);
      assertThat(ok).isEqualTo(33);
    } finally {
      pool.shutdownNow();
    }
    fake.assertNoSchemaViolations();
  }

  @Test
  void tusFaultsHitOnlyTheUploadUrl() throws Exception {
    HttpResponse<String> created =
        http.send(
            http.authorized("?direct_user=true", "POST", null)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "4")
                .build());
    String tusUrl = created.headers().firstValue("Location").orElseThrow();
    fake.tusFaults().resetNext(1);
    HttpRequest patch =
        HttpRequest.newBuilder(URI.create(tusUrl))
            .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3, 4}))
            .header("Tus-Resumable", "1.0.0")
            .header("Upload-Offset", "0")
            .header("Content-Type", "application/offset+octet-stream")
            .build();
    assertThatThrownBy(() -> http.sendRaw(patch)).isInstanceOf(IOException.class);
    // The API is not affected by upload URL faults.
    assertThat(http.call("GET", "", null).statusCode()).isEqualTo(200);
    HttpResponse<String> head =
        http.send(
            HttpRequest.newBuilder(URI.create(tusUrl))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Tus-Resumable", "1.0.0")
                .build());
    assertThat(head.headers().firstValue("Upload-Offset")).contains("0");
    assertThat(http.send(patch).statusCode()).isEqualTo(204);
  }

  @Test
  void otherUidNextAnswersForAnotherVideoButSchemaValid() {
    fake.otherUidNext(1);
    JsonNode other = Http.result(http.call("GET", "/" + uid, null));
    assertThat(other.path("uid").asText()).matches("[0-9a-f]{32}").isNotEqualTo(uid);
    assertThat(other.path("playback").path("hls").asText()).doesNotContain(uid);
    assertThat(Http.result(http.call("GET", "/" + uid, null)).path("uid").asText()).isEqualTo(uid);
    fake.assertNoSchemaViolations();
  }

  @Test
  void wrongTypeNextAnswersAStringResultWithoutRecordingAViolation() {
    fake.wrongTypeNext(1);
    JsonNode result = Http.result(http.call("GET", "/" + uid, null));
    assertThat(result.isTextual()).isTrue();
    assertThat(result.asText()).isEqualTo("ok");
    fake.assertNoSchemaViolations();
  }

  @Test
  void randomValuesNextGivesEveryFieldARandomSchemaValidValue() {
    JsonNode before = Http.result(http.call("GET", "/" + uid, null));
    fake.randomValuesNext(1);
    JsonNode random = Http.result(http.call("GET", "/" + uid, null));
    assertThat(random.path("uid").asText()).isNotEqualTo(uid);
    assertThat(random.path("status").path("state").asText())
        .isIn("pendingupload", "downloading", "queued", "inprogress", "ready", "error");
    assertThat(random).isNotEqualTo(before);
    fake.assertNoSchemaViolations();
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(() -> fake.failNext(0, 500)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fake.failNext(1, 200)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fake.rateLimitNext(1, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fake.delayNext(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(fake.apiFaults().pending()).isZero();
  }
}
