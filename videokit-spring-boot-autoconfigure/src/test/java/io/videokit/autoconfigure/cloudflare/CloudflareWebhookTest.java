package io.videokit.autoconfigure.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.videokit.autoconfigure.cloudflare.app.Post;
import io.videokit.autoconfigure.cloudflare.app.PostRepository;
import io.videokit.cloudflare.WebhookVerifier;
import io.videokit.cloudflare.fake.FakeCloudflareStream;
import io.videokit.cloudflare.fake.VideoSeed;
import io.videokit.cloudflare.sync.CloudflareVideoSync;
import io.videokit.cloudflare.sync.CloudflareWebhooks;
import io.videokit.jpa.VideoHolders;
import io.videokit.video.Video;
import io.videokit.video.VideoState;
import io.videokit.video.event.VideoLifecycleEvent;
import io.videokit.video.event.VideoReadyEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook deliveries through the real HTTP stack: signed deliveries update every attribute holding
 * the uid at once (polling is only the fallback); forged, stale, replayed and malformed ones are
 * refused; a webhook racing a refresh loses no field.
 */
class CloudflareWebhookTest {

  @TempDir Path data;

  FakeCloudflareStream fake;
  ConfigurableApplicationContext app;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void fake() {
    fake = FakeCloudflareStream.start();
    fake.downloadSteps(0).defaultDuration(30);
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    fake.close();
  }

  void start(String vendor) {
    // polling would only look again after an hour: anything faster is the webhook's doing
    app =
        CloudflareApp.start(
            vendor,
            fake,
            data,
            "videokit.cloudflare.sync.initial-delay=1h",
            "videokit.cloudflare.sync.max-delay=1h");
  }

  URI webhookUrl() {
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    return URI.create("http://localhost:" + port + "/api/cloudflare/webhook");
  }

  HttpResponse<String> deliver(String body, String signature) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(webhookUrl())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      request.header("Webhook-Signature", signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  PostRepository posts() {
    return app.getBean(PostRepository.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aSignedDeliveryUpdatesEveryAttributeHoldingTheUidAtOnce(String vendor) {
    start(vendor);
    List<VideoLifecycleEvent> events = new CopyOnWriteArrayList<>();
    app.addApplicationListener(
        (ApplicationListener<PayloadApplicationEvent<?>>)
            event -> {
              if (event.getPayload() instanceof VideoLifecycleEvent lifecycle) {
                events.add(lifecycle);
              }
            });
    app.getBean(CloudflareWebhooks.class).register(webhookUrl());
    fake.processingSteps(1_000_000).deliverWebhooks(true);
    String uid = fake.addVideo(VideoSeed.inState("inprogress").creator("alice"));
    Post first = posts().save(new Post("first", Video.ofUid(uid)));
    Post second = posts().save(new Post("second", Video.ofUid(uid)));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> posts().findById(first.getId()).orElseThrow().getVideo().isSynced());

    fake.completeProcessing(uid);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> {
          for (Post post : List.of(first, second)) {
            Video video = posts().findById(post.getId()).orElseThrow().getVideo();
            assertThat(video.state()).contains(VideoState.READY);
            // the webhook also triggered the follow-up work at once
            assertThat(video.downloadUrl()).isNotNull();
          }
        });
    // readiness that arrived by webhook is announced once, as if a step had seen it
    assertThat(events)
        .filteredOn(e -> e instanceof VideoReadyEvent)
        .extracting(e -> e.video().uid())
        .containsExactly(uid);
    // the fake records a delivery once its POST is answered, which can be after the rows changed
    assertThat(fake.awaitWebhookDeliveries(Duration.ofSeconds(10))).isTrue();
    assertThat(fake.webhookDeliveries()).isNotEmpty();
    fake.assertNoSchemaViolations();
  }

  @Test
  void forgedStaleReplayedAndMalformedDeliveriesAreRefused() throws Exception {
    start("h2");
    app.getBean(CloudflareWebhooks.class).register(webhookUrl());
    String uid = fake.addReadyVideo();
    Post post = posts().save(new Post("p", Video.ofUid(uid)));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> posts().findById(post.getId()).orElseThrow().getVideo().isSynced());
    String body = videoJson(uid, "error", "2099-01-01T00:00:00Z");
    Instant now = Instant.now();

    HttpResponse<String> forged =
        deliver(body, new WebhookVerifier("not-the-secret").signatureHeader(bytes(body), now));
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(forged.body())
        .contains("does not match")
        .doesNotContain(fake.webhookSecret().orElseThrow());

    assertThat(deliver(body, null).statusCode()).isEqualTo(401);
    assertThat(deliver(body, "time=abc,sig1=zz").statusCode()).isEqualTo(401);
    String stale = fake.signedWebhook(body, now.minus(Duration.ofMinutes(10)));
    assertThat(deliver(body, stale).body()).contains("stale");
    String tampered = fake.signedWebhook(body, now);
    assertThat(deliver(body.replace("error", "ready"), tampered).statusCode()).isEqualTo(401);

    // nothing so far reached the entity
    assertThat(posts().findById(post.getId()).orElseThrow().getVideo().state())
        .contains(VideoState.READY);

    String valid = fake.signedWebhook(body, now);
    HttpResponse<String> accepted = deliver(body, valid);
    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(accepted.body()).contains("\"attributes\":1");
    assertThat(posts().findById(post.getId()).orElseThrow().getVideo().state())
        .contains(VideoState.ERROR);
    HttpResponse<String> replayed = deliver(body, valid);
    assertThat(replayed.statusCode()).isEqualTo(401);
    assertThat(replayed.body()).contains("replay");

    String notJson = "this is not json";
    assertThat(deliver(notJson, fake.signedWebhook(notJson, now)).statusCode()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void webhooksRacingARefreshAndTheDownloadLoseNoField(String vendor) throws Exception {
    start(vendor);
    String uid = fake.addReadyVideo();
    Post post = posts().save(new Post("raced", Video.ofUid(uid)));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> posts().findById(post.getId()).orElseThrow().getVideo().isSynced());
    CloudflareVideoSync sync = app.getBean(CloudflareVideoSync.class);
    VideoHolders holders = app.getBean(VideoHolders.class);
    Instant base = Instant.parse("2099-01-01T00:00:00Z");
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<?>> work = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      String modified = base.plusSeconds(i).toString();
      int n = i;
      work.add(
          pool.submit(() -> {
            Video delivered =
                Video.fromMap(read(videoJson(uid, "ready", modified))).withMeta("seen", n);
            sync.apply(delivered);
          }));
      if (i == 10) {
        work.add(
            pool.submit(
                () -> holders.update(uid, v -> v.withMeta("download_url", "https://dl/x.mp4"))));
      }
    }
    for (Future<?> f : work) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    Video video = posts().findById(post.getId()).orElseThrow().getVideo();
    // set once in the middle (by us, or by the download job the deliveries triggered), it
    // survives the twenty later deliveries that do not carry it
    assertThat(video.downloadUrl()).endsWith(".mp4");
    assertThat(video.modified()).isEqualTo(base.plusSeconds(30));
    assertThat(video.meta()).containsEntry("seen", 30);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String videoJson(String uid, String state, String modified) {
    Map<String, Object> video = new LinkedHashMap<>();
    video.put("uid", uid);
    video.put("modified", modified);
    video.put("readyToStream", "ready".equals(state));
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("state", state);
    if ("error".equals(state)) {
      status.put("errorReasonCode", "ERR_UNKNOWN");
    }
    video.put("status", status);
    video.put("meta", Map.of());
    return JsonMapper.builder().build().writeValueAsString(video);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> read(String json) {
    return JsonMapper.builder().build().readValue(json, Map.class);
  }
}
