package io.videokit.cloudflare.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks reach a real receiver, signed so that the receiver can verify them. */
class WebhookDeliveryTest {

  /** One notification as the receiver saw it. */
  private record Received(String signature, String body) {}

  private FakeCloudflareStream fake;
  private Http http;
  private HttpServer receiver;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    fake = FakeCloudflareStream.start();
    http = new Http(fake);
    receiver = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              new Received(exchange.getRequestHeaders().getFirst("Webhook-Signature"), body));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
    fake.close();
  }

  @Test
  void readyAndErrorAreDeliveredSignedWithTheWebhookSecret() throws Exception {
    String url = "http://localhost:" + receiver.getAddress().getPort() + "/hook";
    JsonNode webhook =
        Http.result(http.call("PUT", "/webhook", "{\"notificationUrl\":\"" + url + "\"}"));
    assertThat(webhook.path("notificationUrl").asText()).isEqualTo(url);
    String secret = webhook.path("secret").asText();
    assertThat(secret).isNotBlank();
    assertThat(fake.webhookSecret()).contains(secret);
    assertThat(Http.result(http.call("GET", "/webhook", null))).isEqualTo(webhook);
    fake.deliverWebhooks(true);

    String ok = fake.addVideo(VideoSeed.inState("queued").meta("name", "a"));
    String bad = fake.addVideo(VideoSeed.inState("inprogress"));
    Http.result(http.call("GET", "/" + ok, null));
    assertThat(received.poll(200, TimeUnit.MILLISECONDS)).as("not ready yet").isNull();
    Http.result(http.call("GET", "/" + ok, null));
    Received ready = received.poll(10, TimeUnit.SECONDS);
    assertThat(ready).isNotNull();
    fake.failProcessing(bad, "ERR_NON_VIDEO", "not a video");
    Received failed = received.poll(10, TimeUnit.SECONDS);
    assertThat(failed).isNotNull();

    for (Received notification : List.of(ready, failed)) {
      long time = verify(secret, notification);
      assertThat(Instant.ofEpochSecond(time))
          .isBetween(Instant.now().minusSeconds(60), Instant.now());
      assertThat(fake.signedWebhook(notification.body(), Instant.ofEpochSecond(time)))
          .isEqualTo(notification.signature());
    }
    JsonNode readyVideo = Json.parse(ready.body());
    assertThat(readyVideo.path("uid").asText()).isEqualTo(ok);
    assertThat(readyVideo.path("readyToStream").asBoolean()).isTrue();
    assertThat(readyVideo.path("status").path("state").asText()).isEqualTo("ready");
    JsonNode failedVideo = Json.parse(failed.body());
    assertThat(failedVideo.path("uid").asText()).isEqualTo(bad);
    assertThat(failedVideo.path("status").path("errorReasonCode").asText())
        .isEqualTo("ERR_NON_VIDEO");
    // The body is the video object exactly as the API serves it.
    assertThat(fake.schemaValidator().validateComponent("stream_videos", ready.body())).isEmpty();

    assertThat(fake.awaitWebhookDeliveries(Duration.ofSeconds(10))).isTrue();
    assertThat(fake.webhookDeliveries())
        .hasSize(2)
        .allSatisfy(d -> assertThat(d.delivered()).isTrue())
        .allSatisfy(d -> assertThat(d.url()).isEqualTo(url));

    // A forged body does not verify with the real signature.
    Received forged = new Received(ready.signature(), ready.body().replace(ok, bad));
    assertThatThrownBy(() -> verify(secret, forged)).isInstanceOf(AssertionError.class);

    assertThat(Http.result(http.call("DELETE", "/webhook", "{}")).asText()).isEqualTo("ok");
    assertThat(http.call("GET", "/webhook", null).statusCode()).isEqualTo(404);
    assertThatThrownBy(() -> fake.signedWebhook("{}", Instant.now()))
        .isInstanceOf(IllegalStateException.class);
    fake.assertNoSchemaViolations();
  }

  @Test
  void nothingIsDeliveredUnlessAskedFor() throws Exception {
    String url = "http://localhost:" + receiver.getAddress().getPort() + "/hook";
    Http.result(http.call("PUT", "/webhook", "{\"notificationUrl\":\"" + url + "\"}"));
    fake.completeProcessing(fake.addVideo(VideoSeed.inState("queued")));
    assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
    assertThat(fake.webhookDeliveries()).isEmpty();
  }

  @Test
  void failedDeliveriesAreRecordedNotThrown() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://localhost:" + closedPort + "/nobody-home";
    Http.result(http.call("PUT", "/webhook", "{\"notificationUrl\":\"" + url + "\"}"));
    fake.deliverWebhooks(true);
    String uid = fake.addVideo(VideoSeed.inState("queued"));
    fake.processingSteps(1);
    assertThat(Http.result(http.call("GET", "/" + uid, null)).path("readyToStream").asBoolean())
        .isTrue();
    assertThat(fake.awaitWebhookDeliveries(Duration.ofSeconds(10))).isTrue();
    assertThat(fake.webhookDeliveries())
        .singleElement()
        .satisfies(d -> {
          assertThat(d.delivered()).isFalse();
          assertThat(d.status()).isEqualTo(-1);
          assertThat(d.failure()).isPresent();
        });
  }

  /** The receiver's check: HMAC-SHA256(secret, time + "." + body), compared in constant time. */
  private static long verify(String secret, Received notification) throws Exception {
    String[] parts = notification.signature().split(",");
    assertThat(parts).hasSize(2);
    assertThat(parts[0]).startsWith("time=");
    assertThat(parts[1]).startsWith("sig1=");
    long time = Long.parseLong(parts[0].substring(5));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] expected =
        mac.doFinal((time + "." + notification.body()).getBytes(StandardCharsets.UTF_8));
    byte[] actual = HexFormat.of().parseHex(parts[1].substring(5));
    if (!MessageDigest.isEqual(expected, actual)) {
      throw new AssertionError("bad webhook signature");
    }
    return time;
  }
}
