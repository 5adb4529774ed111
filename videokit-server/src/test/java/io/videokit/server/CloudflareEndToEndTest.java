package io.videokit.server;

import static io.videokit.server.ServerTestSupport.ADMIN;
import static io.videokit.server.ServerTestSupport.ALICE;
import static io.videokit.server.ServerTestSupport.BOB;
import static io.videokit.server.ServerTestSupport.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import io.videokit.cloudflare.fake.FakeCloudflareStream;
import io.videokit.cloudflare.fake.RecordedRequest;
import io.videokit.cloudflare.fake.WebhookDelivery;
import io.videokit.server.video.SharedVideoController;
import io.videokit.server.video.SharedVideoRepository;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Cloudflare Stream provider end to end over real HTTP, once on H2 and once on PostgreSQL: the
 * reference server (real Tomcat, security, Flyway, db-scheduler) against the stateful Cloudflare
 * fake. A browser's path is followed step by step: tus creation through the proxy, the bytes sent
 * straight to Cloudflare's one-time URL with tus-java-client, sharing the uid, then videokit's
 * background synchronisation, MP4 download, deletion and webhooks.
 */
@ParameterizedClass(name = "[{0}]")
@ValueSource(strings = {"h2", "postgresql"})
class CloudflareEndToEndTest {

  private static final String PROXY = "/cloudflare-stream-upload/";
  private static final String SHARED = "/api/shared-videos";
  private static final String FORMER_SHARED = "/api/cloudflare/shared-videos";
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String ALLOWED_ORIGIN = CloudflareTestServer.ALLOWED_ORIGIN;

  static CloudflareTestServer server;
  static FakeCloudflareStream cloudflare;
  static int port;

  @Parameter String vendor;

  final JsonMapper json = JsonMapper.builder().build();
  final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  @BeforeParameterizedClassInvocation
  static void start(String vendor) throws IOException {
    server = CloudflareTestServer.start(vendor);
    cloudflare = server.cloudflare;
    port = server.port;
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @BeforeEach
  void defaultProcessing() {
    cloudflare.processingSteps(2).downloadSteps(1).deliverWebhooks(false);
    cloudflare.apiFaults().clear();
  }

  @AfterEach
  void everyExchangeMatchedCloudflaresSchema() {
    cloudflare.assertNoSchemaViolations();
  }

  // ------------------------------------------------------------------ the main flow

  @Test
  void uploadThroughTheProxyShareAndSyncUntilReadyWithDownload() throws Exception {
    byte[] bytes = randomBytes(3 * 1024 * 1024 + 17);

    Created upload = createUpload(ALICE, bytes.length, "Holiday");
    uploadWithTusClient(upload, bytes);
    HttpResponse<String> shared = share(ALICE, upload.uid(), "Holiday at sea");

    assertThat(upload.location().toString())
        .startsWith("http://localhost:" + cloudflare.port() + "/tus/" + upload.uid());
    RecordedRequest creation =
        cloudflare.requests().stream()
            .filter(r -> r.method().equals("POST") && r.path().endsWith("/stream"))
            .filter(r -> r.header("Upload-Metadata").orElse("").contains(base64("Holiday")))
            .findFirst()
            .orElseThrow();
    assertThat(creation.header("Upload-Creator")).hasValue(ALICE);
    assertThat(creation.header("Tus-Resumable")).hasValue("1.0.0");
    assertThat(creation.header("Upload-Length")).hasValue(String.valueOf(bytes.length));
    assertThat(creation.url()).contains("direct_user=true");
    assertThat(cloudflare.uploadedSha256(upload.uid())).hasValue(TestVideos.sha256(bytes));

    assertThat(shared.statusCode()).isEqualTo(201);
    JsonNode created = json.readTree(shared.body());
    long id = created.path("id").asLong();
    assertThat(shared.headers().firstValue("Location")).hasValue(SHARED + "/" + id);
    assertThat(created.path("video").path("uid").asString()).isEqualTo(upload.uid());
    assertThat(created.path("owner").asString()).isEqualTo(ALICE);
    assertThat(created.path("title").asString()).isEqualTo("Holiday at sea");

    JsonNode ready = awaitShared(id, v -> hasDownload(v));
    assertThat(state(ready)).isEqualTo("ready");
    assertThat(ready.path("video").path("readyToStream").asBoolean()).isTrue();
    assertThat(ready.path("video").path("duration").asDouble()).isEqualTo(30.0);
    assertThat(ready.path("video").path("playback").path("hls").asString())
        .contains(cloudflare.customerHost(), upload.uid(), ".m3u8");
    Map<String, Object> atCloudflare = cloudflare.video(upload.uid()).orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = (Map<String, Object>) atCloudflare.get("meta");
    assertThat(downloadUrl(ready)).isEqualTo(meta.get("download_url")).endsWith(".mp4");
    assertThat(cloudflare.requestCount("POST", ".*/stream/" + upload.uid() + "/downloads"))
        .isEqualTo(1);
    assertThat(ids(listShared(ALICE, "?state=ready"))).contains(id);
    assertThat(ids(listShared(BOB, ""))).as("every user sees shared videos").contains(id);
    try (Connection connection = server.context.getBean(DataSource.class).getConnection()) {
      assertThat(connection.getMetaData().getURL()).startsWith("jdbc:" + vendor + ":");
    }
  }

  @Test
  void stateFilterListsOnlyVideosInThatState() throws Exception {
    Created finished = createUpload(ALICE, 1024, "finished");
    uploadWithTusClient(finished, randomBytes(1024));
    Created abandoned = createUpload(ALICE, 4096, "abandoned");
    long ready = id(share(ALICE, finished.uid(), "finished"));
    long pending = id(share(ALICE, abandoned.uid(), "abandoned"));

    awaitShared(ready, v -> hasDownload(v));
    awaitShared(pending, v -> "pendingupload".equals(state(v)));

    assertThat(ids(listShared(ALICE, "?state=ready"))).contains(ready).doesNotContain(pending);
    assertThat(ids(listShared(ALICE, "?state=pendingupload")))
        .contains(pending)
        .doesNotContain(ready);
    assertThat(ids(listShared(ALICE, ""))).contains(ready, pending);
    HttpResponse<String> unknown =
        send(request(SHARED + "?state=finished").header("Authorization", basic(ALICE)).GET());
    assertProblem(unknown, 400, "bad-request");
  }

  // ------------------------------------------------------------------ who may attach what

  @Test
  void sharingSomeoneElsesUploadIsRefusedAndLeavesNoRow() throws Exception {
    Created alices = createUpload(ALICE, 2048, "alice's");
    String neverUploaded = randomUid();

    HttpResponse<String> byBob = share(BOB, alices.uid(), "not mine");
    HttpResponse<String> unknown = share(BOB, neverUploaded, "nobody's");

    assertProblem(byBob, 403, "cloudflare/attach-denied");
    assertThat(byBob.body()).contains(alices.uid());
    assertProblem(unknown, 403, "cloudflare/attach-denied");
    assertThat(uids(listShared(ADMIN, ""))).doesNotContain(alices.uid(), neverUploaded);

    HttpResponse<String> byStaff = share(ADMIN, alices.uid(), "moderated");
    assertThat(byStaff.statusCode()).as("staff may attach any upload").isEqualTo(201);
    assertProblem(share(ALICE, alices.uid(), "again"), 409, "cloudflare/already-shared");
  }

  @Test
  void invalidOrAnonymousSharesAreProblems() throws Exception {
    Created upload = createUpload(ALICE, 10, "x");

    assertProblem(share(ALICE, "../../etc/passwd", "bad"), 400, "bad-request");
    assertProblem(share(ALICE, upload.uid(), "  "), 400, "bad-request");
    assertProblem(
        send(
            request(SHARED)
                .header("Authorization", basic(ALICE))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("not json"))),
        400,
        "bad-request");
    HttpResponse<String> anonymous =
        send(
            request(SHARED)
                .header("X-Requested-With", "XMLHttpRequest")
                .header("Content-Type", "application/json")
                .POST(body(Map.of("uid", upload.uid(), "title", "anonymous"))));
    assertProblem(anonymous, 401, "unauthenticated");
    assertThat(uids(listShared(ALICE, ""))).doesNotContain(upload.uid());
  }

  // ------------------------------------------------------------------ the proxy's HTTP behaviour

  @Test
  void proxyAnswersProblemsAndNeverRedirectsToTheLoginPage() throws Exception {
    HttpResponse<String> anonymous =
        send(
            request(PROXY)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "10")
                .POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> formPost =
        send(
            request(PROXY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b")));
    HttpResponse<String> anonymousAlias =
        send(
            request("/api/cloudflare/uploads")
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "10")
                .POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> get = send(request(PROXY).header("Authorization", basic(ALICE)).GET());
    HttpResponse<String> noLength =
        send(
            request(PROXY)
                .header("Authorization", basic(ALICE))
                .header("Tus-Resumable", "1.0.0")
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertProblem(anonymous, 401, "unauthenticated");
    assertThat(anonymous.headers().firstValue("Location")).isEmpty();
    assertProblem(formPost, 403, "forbidden");
    assertProblem(anonymousAlias, 401, "unauthenticated");
    assertProblem(get, 405, "method-not-allowed");
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertProblem(noLength, 400, "bad-request");
    assertThat(noLength.body()).contains("Upload-Length");
  }

  /** Issue 8 (5): a wrong password on the proxy is a problem body, not Spring's error JSON. */
  @Test
  void aWrongPasswordOnTheProxyIsAProblem() throws Exception {
    for (String path : List.of(PROXY, "/cloudflare-stream-upload", "/api/cloudflare/uploads")) {
      HttpResponse<String> wrong =
          send(
              request(path)
                  .header("Authorization", "Basic " + base64(ALICE + ":wrong-password"))
                  .header("Tus-Resumable", "1.0.0")
                  .header("Upload-Length", "10")
                  .POST(HttpRequest.BodyPublishers.noBody()));
      assertProblem(wrong, 401, "unauthenticated");
    }
  }

  /** Issue 8 (5): CORS applies to the proxy with and without its trailing slash. */
  @Test
  void corsAppliesToTheProxyPathWithoutTheTrailingSlashToo() throws Exception {
    HttpResponse<String> preflight = preflight("/cloudflare-stream-upload", ALLOWED_ORIGIN);
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue(ALLOWED_ORIGIN);
    HttpResponse<String> created =
        send(
            request("/cloudflare-stream-upload")
                .header("Origin", ALLOWED_ORIGIN)
                .header("Authorization", basic(ALICE))
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "10")
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue(ALLOWED_ORIGIN);
    assertThat(created.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
        .contains("Location");
  }

  /** Issue 8 (5): an upload URL off Cloudflare's upload hosts never reaches the browser. */
  @Test
  void anUploadUrlOffCloudflaresUploadHostsIsAProblem() throws Exception {
    var stub =
        cloudflare
            .wireMock()
            .stubFor(
                com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                            ".*/stream"))
                    .atPriority(1)
                    .willReturn(
                        com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                            .withStatus(201)
                            .withHeader("Location", "https://uploads.evil.example/tus/abc")
                            .withHeader("stream-media-id", randomUid())
                            .withHeader("Tus-Resumable", "1.0.0")));
    try {
      HttpResponse<String> response =
          send(
              request(PROXY)
                  .header("Authorization", basic(ALICE))
                  .header("Tus-Resumable", "1.0.0")
                  .header("Upload-Length", "10")
                  .POST(HttpRequest.BodyPublishers.noBody()));
      assertProblem(response, 502, "cloudflare/bad-upload-url");
      assertThat(response.headers().firstValue("Location")).isEmpty();
      assertThat(response.body()).doesNotContain("evil.example");
    } finally {
      cloudflare.wireMock().removeStub(stub);
    }
  }

  @Test
  void cloudflareRefusingTheCreationIsAProblemCarryingItsMessage() throws Exception {
    List<String> before = cloudflare.videoUids();

    // Cloudflare accepts a thumbnail position of 0..1 only; the proxy passes the metadata on.
    HttpResponse<String> refused =
        send(
            request(PROXY)
                .header("Authorization", basic(ALICE))
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "10")
                .header(
                    "Upload-Metadata",
                    "name " + base64("refused") + ",thumbnailtimestamppct " + base64("5"))
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertProblem(refused, 400, "cloudflare/refused");
    assertThat(json.readTree(refused.body()).path("detail").asString())
        .startsWith("creating the upload failed: ")
        .contains("thumbnailtimestamppct must be 0..1");
    assertThat(cloudflare.videoUids()).isEqualTo(before);
  }

  @Test
  void corsPreflightOfTheProxyIsAnsweredWithoutLogin() throws Exception {
    HttpResponse<String> allowed = preflight(PROXY, ALLOWED_ORIGIN);
    HttpResponse<String> other = preflight(PROXY, "http://evil.example");

    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue(ALLOWED_ORIGIN);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
        .contains("POST");
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  // ------------------------------------------------------------------ deletion

  @Test
  void deletingASharedVideoDeletesItAtCloudflare() throws Exception {
    Created upload = createUpload(ALICE, 2048, "to delete");
    uploadWithTusClient(upload, randomBytes(2048));
    long id = id(share(ALICE, upload.uid(), "to delete"));
    awaitShared(id, v -> hasDownload(v));

    HttpResponse<String> byBob =
        send(request(SHARED + "/" + id).header("Authorization", basic(BOB)).DELETE());
    assertProblem(byBob, 403, "forbidden");
    assertThat(cloudflare.video(upload.uid())).isPresent();

    HttpResponse<String> byOwner =
        send(request(SHARED + "/" + id).header("Authorization", basic(ALICE)).DELETE());

    assertThat(byOwner.statusCode()).isEqualTo(204);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> cloudflare.deletedUids().contains(upload.uid()));
    assertThat(cloudflare.video(upload.uid())).isEmpty();
    assertProblem(
        send(request(SHARED + "/" + id).header("Authorization", basic(ALICE)).GET()),
        404,
        "cloudflare/shared-video-not-found");
    assertProblem(
        send(request(SHARED + "/" + id).header("Authorization", basic(ALICE)).DELETE()),
        404,
        "cloudflare/shared-video-not-found");
  }

  // ------------------------------------------------------------------ webhooks

  @Test
  void registeredWebhookMakesTheRowReadyWithoutPolling() throws Exception {
    String notificationUrl = "http://127.0.0.1:" + port + "/api/cloudflare/webhook";
    HttpResponse<String> byAlice = registerWebhook(ALICE, notificationUrl);
    HttpResponse<String> byAdmin = registerWebhook(ADMIN, notificationUrl);
    assertProblem(byAlice, 403, "forbidden");
    assertThat(byAdmin.statusCode()).isEqualTo(200);
    assertThat(json.readTree(byAdmin.body()).path("notificationUrl").asString())
        .isEqualTo(notificationUrl);
    assertThat(cloudflare.webhookSecret()).isPresent();

    cloudflare.processingSteps(1_000_000).deliverWebhooks(true);
    Created upload = createUpload(ALICE, 4096, "webhook");
    uploadWithTusClient(upload, randomBytes(4096));
    long id = id(share(ALICE, upload.uid(), "webhook"));
    awaitShared(id, v -> "inprogress".equals(state(v)));

    // From now on every API call fails: only the webhook can bring news.
    cloudflare.failNext(1_000_000, 503);
    cloudflare.completeProcessing(upload.uid());

    JsonNode viaWebhook = awaitShared(id, v -> "ready".equals(state(v)));
    assertThat(viaWebhook.path("video").path("readyToStream").asBoolean()).isTrue();
    assertThat(downloadUrl(viaWebhook)).isNull();
    assertThat(cloudflare.awaitWebhookDeliveries(Duration.ofSeconds(10))).isTrue();
    assertThat(cloudflare.webhookDeliveries())
        .filteredOn(d -> d.body().contains(upload.uid()))
        .extracting(WebhookDelivery::url, WebhookDelivery::status)
        .contains(tuple(notificationUrl, 200));

    cloudflare.apiFaults().clear();
    JsonNode withDownload = awaitShared(id, v -> hasDownload(v));
    assertThat(state(withDownload)).isEqualTo("ready");
  }

  @Test
  void webhookDeliveriesNeedAValidSignatureButNoLoginOrCsrfToken() throws Exception {
    String notificationUrl = "http://127.0.0.1:" + port + "/api/cloudflare/webhook";
    assertThat(registerWebhook(ADMIN, notificationUrl).statusCode()).isEqualTo(200);
    Created upload = createUpload(ALICE, 1024, "signed");
    uploadWithTusClient(upload, randomBytes(1024));
    long id = id(share(ALICE, upload.uid(), "signed"));
    awaitShared(id, v -> hasDownload(v));
    String body = json.writeValueAsString(cloudflare.video(upload.uid()).orElseThrow());

    HttpResponse<String> unsigned = deliver(body, null);
    HttpResponse<String> forged =
        deliver(body, "time=" + Instant.now().getEpochSecond() + ",sig1=00");
    HttpResponse<String> signed = deliver(body, cloudflare.signedWebhook(body, Instant.now()));
    HttpResponse<String> anonymousRegistration =
        send(
            request("/api/cloudflare/webhook")
                .header("X-Requested-With", "XMLHttpRequest")
                .header("Content-Type", "application/json")
                .PUT(body(Map.of("notificationUrl", notificationUrl))));

    assertProblem(unsigned, 401, "cloudflare/webhook-signature");
    assertProblem(forged, 401, "cloudflare/webhook-signature");
    assertThat(signed.statusCode()).isEqualTo(200);
    JsonNode answer = json.readTree(signed.body());
    assertThat(answer.path("uid").asString()).isEqualTo(upload.uid());
    assertThat(answer.path("attributes").asInt()).isEqualTo(1);
    assertProblem(anonymousRegistration, 401, "unauthenticated");
  }

  // ------------------------------------------------------------------ the page

  @Test
  void pageIsToldToUploadToCloudflareInFiftyMebibyteChunks() throws Exception {
    JsonNode me =
        json.readTree(send(request("/api/me").header("Authorization", basic(ALICE)).GET()).body());

    JsonNode upload = me.path("upload");
    assertThat(upload.path("provider").asString()).isEqualTo("cloudflare");
    assertThat(upload.path("endpoint").asString()).isEqualTo(PROXY);
    assertThat(upload.path("mediaIdHeader").asString()).isEqualTo("Stream-Media-ID");
    long chunk = upload.path("chunkSize").asLong();
    assertThat(chunk).isEqualTo(52_428_800L);
    assertThat(chunk % (256 * 1024)).isZero();
    assertThat(chunk).isGreaterThanOrEqualTo(5L * 1024 * 1024);
    assertThat(me.has("cloudflare")).as("no guessing from beans any more").isFalse();
    assertThat(server.context.getBeansOfType(SharedVideoRepository.class)).hasSize(1);
    assertThat(server.context.getBeansOfType(SharedVideoController.class)).hasSize(1);
  }

  @Test
  void theFormerPathStillServesTheSharedVideos() throws Exception {
    Created upload = createUpload(ALICE, 1024, "former path");
    uploadWithTusClient(upload, randomBytes(1024));
    HttpResponse<String> shared =
        send(
            request(FORMER_SHARED)
                .header("Authorization", basic(ALICE))
                .header("Content-Type", "application/json")
                .POST(body(Map.of("uid", upload.uid(), "title", "former path"))));
    long id = id(shared);

    assertThat(shared.headers().firstValue("Location")).hasValue(SHARED + "/" + id);
    HttpResponse<String> one =
        send(request(FORMER_SHARED + "/" + id).header("Authorization", basic(ALICE)).GET());
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(json.readTree(one.body()).path("video").path("uid").asString())
        .isEqualTo(upload.uid());
    assertProblem(
        send(request(FORMER_SHARED + "/0").header("Authorization", basic(ALICE)).GET()),
        404,
        "cloudflare/shared-video-not-found");
  }

  /** Today's Cloudflare sync stores the API's object as it is, without {@code provider}. */
  @Test
  void aSharedCloudflareVideoNamesItsProvider() throws Exception {
    Created upload = createUpload(ALICE, 1024, "provider");
    uploadWithTusClient(upload, randomBytes(1024));
    long id = id(share(ALICE, upload.uid(), "provider"));

    JsonNode ready = awaitShared(id, v -> "ready".equals(state(v)));
    assertThat(ready.path("video").path("provider").asString()).isEqualTo("cloudflare");
    assertThat(ready.path("video").path("playback").path("hls").asString()).endsWith(".m3u8");
    assertThat(ready.path("video").path("playback").has("file")).isFalse();
  }

  // ------------------------------------------------------------------ helpers

  /** A tus creation answered by the proxy. */
  record Created(String uid, URI location) {}

  Created createUpload(String user, long length, String name) throws Exception {
    HttpResponse<String> response =
        send(
            request(PROXY)
                .header("Authorization", basic(user))
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(length))
                .header("Upload-Metadata", "name " + base64(name))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String uid = response.headers().firstValue("Stream-Media-ID").orElseThrow();
    assertThat(uid).matches("[0-9a-f]{32}");
    URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
    assertThat(json.readTree(response.body()).path("uid").asString()).isEqualTo(uid);
    return new Created(uid, location);
  }

  /** Sends the bytes to Cloudflare's one-time URL, as a browser would: no credentials. */
  void uploadWithTusClient(Created created, byte[] bytes) throws Exception {
    TusUpload upload = new TusUpload();
    upload.setInputStream(new ByteArrayInputStream(bytes));
    upload.setSize(bytes.length);

    TusUploader uploader =
        new TusClient().beginOrResumeUploadFromURL(upload, created.location().toURL());
    assertThat(uploader.getOffset()).isZero();
    uploader.setChunkSize(256 * 1024);
    uploader.setRequestPayloadSize(1024 * 1024);
    while (uploader.uploadChunk() > -1) {
      // keep sending
    }
    uploader.finish();
    assertThat(uploader.getOffset()).isEqualTo(bytes.length);
  }

  HttpResponse<String> share(String user, String uid, String title) throws Exception {
    return send(
        request(SHARED)
            .header("Authorization", basic(user))
            .header("Content-Type", "application/json")
            .POST(body(Map.of("uid", uid, "title", title))));
  }

  long id(HttpResponse<String> shared) {
    assertThat(shared.statusCode()).as(shared.body()).isEqualTo(201);
    return json.readTree(shared.body()).path("id").asLong();
  }

  JsonNode listShared(String user, String query) throws Exception {
    HttpResponse<String> response =
        send(request(SHARED + query).header("Authorization", basic(user)).GET());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode page = json.readTree(response.body());
    JsonNode list = page.path("items");
    assertThat(list.isArray()).isTrue();
    assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(list.size());
    return list;
  }

  JsonNode awaitShared(long id, Predicate<JsonNode> condition) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .alias("shared video " + id)
        .until(() -> {
          HttpResponse<String> response =
              send(request(SHARED + "/" + id).header("Authorization", basic(ALICE)).GET());
          last[0] = json.readTree(response.body());
          return response.statusCode() == 200 && condition.test(last[0]);
        });
    return last[0];
  }

  HttpResponse<String> registerWebhook(String user, String notificationUrl) throws Exception {
    return send(
        request("/api/cloudflare/webhook")
            .header("Authorization", basic(user))
            .header("Content-Type", "application/json")
            .PUT(body(Map.of("notificationUrl", notificationUrl))));
  }

  HttpResponse<String> deliver(String body, String signature) throws Exception {
    HttpRequest.Builder builder =
        request("/api/cloudflare/webhook")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      builder.header("Webhook-Signature", signature);
    }
    return send(builder);
  }

  HttpResponse<String> preflight(String path, String origin) throws Exception {
    return send(
        request(path)
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "tus-resumable,upload-length,upload-metadata")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
  }

  static List<Long> ids(JsonNode list) {
    List<Long> ids = new ArrayList<>();
    list.forEach(item -> ids.add(item.path("id").asLong()));
    return ids;
  }

  static List<String> uids(JsonNode list) {
    List<String> uids = new ArrayList<>();
    list.forEach(item -> uids.add(item.path("video").path("uid").asString()));
    return uids;
  }

  void assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.path("type").asString()).endsWith("/problems/" + code);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
  }

  /** The shared video's {@code video.status.state}, or null before the first synchronisation. */
  static String state(JsonNode shared) {
    JsonNode state = shared.path("video").path("status").path("state");
    return state.isString() ? state.asString() : null;
  }

  /** The MP4 download videokit stored in {@code video.meta.download_url}, or null. */
  static String downloadUrl(JsonNode shared) {
    JsonNode url = shared.path("video").path("meta").path("download_url");
    return url.isString() && !url.asString().isBlank() ? url.asString() : null;
  }

  static boolean hasDownload(JsonNode shared) {
    return downloadUrl(shared) != null;
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.BodyPublisher body(Map<String, Object> value) {
    return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(value));
  }

  static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }

  static String randomUid() {
    StringBuilder uid = new StringBuilder();
    Random random = new Random();
    for (int i = 0; i < 32; i++) {
      uid.append(Character.forDigit(random.nextInt(16), 16));
    }
    return uid.toString();
  }
}
