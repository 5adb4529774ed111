package io.videokit.cloudflare.fake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API operations other than the upload-and-process path. */
class ApiOperationsTest {

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
  void requestsWithoutTheTokenOrForAnotherAccountAreRefused() {
    String uid = fake.addReadyVideo();
    HttpResponse<String> none =
        http.send(Http.request(fake.streamUrl() + "/" + uid, "GET", null).build());
    HttpResponse<String> wrong =
        http.send(
            Http.request(fake.streamUrl() + "/" + uid, "GET", null)
                .header("Authorization", "Bearer nope")
                .build());
    HttpResponse<String> basic =
        http.send(
            Http.request(fake.streamUrl() + "/" + uid, "GET", null)
                .header("Authorization", fake.apiToken())
                .build());
    HttpResponse<String> otherAccount =
        http.send(
            Http.request(
                    fake.baseUrl() + "/accounts/00000000000000000000000000000000/stream/" + uid,
                    "GET",
                    null)
                .header("Authorization", "Bearer " + fake.apiToken())
                .build());
    // no Bearer credentials at all: 401; a wrong token or another account: 403
    for (HttpResponse<String> response : List.of(none, wrong, basic, otherAccount)) {
      assertThat(response.statusCode())
          .isEqualTo(response == none || response == basic ? 401 : 403);
      JsonNode envelope = Http.json(response);
      assertThat(envelope.path("success").asBoolean(true)).isFalse();
      assertThat(envelope.path("errors").get(0).path("code").asInt()).isEqualTo(10000);
      assertThat(envelope.path("errors").get(0).path("message").asText())
          .startsWith("Authentication error");
    }
    // Nothing was advanced by the refused requests.
    assertThat(fake.video(uid).orElseThrow().get("modified"))
        .isEqualTo(Http.result(http.call("GET", "/" + uid, null)).path("modified").asText());
    fake.assertNoSchemaViolations();
  }

  @Test
  void unknownRoutesMethodsAndUnimplementedOperations() {
    String uid = fake.addReadyVideo();
    HttpResponse<String> noRoute = http.call("GET", "/" + uid + "/nothing-here", null);
    assertThat(noRoute.statusCode()).isEqualTo(404);
    assertThat(Http.json(noRoute).path("errors").get(0).path("code").asInt()).isEqualTo(7000);
    HttpResponse<String> noMethod = http.call("PATCH", "/" + uid, "{}");
    assertThat(noMethod.statusCode()).isEqualTo(405);
    HttpResponse<String> audio = http.call("GET", "/" + uid + "/audio", null);
    assertThat(audio.statusCode()).isEqualTo(501);
    assertThat(Http.json(audio).path("errors").get(0).path("message").asText())
        .contains("does not implement list-audio-tracks");

    // A custom stub wins over the fake and is still recorded.
    fake.wireMock()
        .stubFor(
            get(urlPathMatching(".*/captions"))
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"result\":[],\"success\":true,\"errors\":[],\"messages\":[]}")));
    assertThat(Http.result(http.call("GET", "/" + uid + "/captions", null)).isArray()).isTrue();
    assertThat(fake.requestCount("GET", ".+/captions")).isEqualTo(1);
    fake.assertNoSchemaViolations();
  }

  @Test
  void listFiltersOrdersAndCounts() {
    Instant base = Instant.parse("2024-05-01T10:00:00Z");
    String a =
        fake.addVideo(
            VideoSeed.ready().creator("alice").meta("name", "Cats in Space").created(base));
    String b =
        fake.addVideo(
            VideoSeed.inState("queued")
                .creator("bob")
                .meta("name", "dogs")
                .created(base.plusSeconds(60)));
    String c =
        fake.addVideo(
            VideoSeed.ready()
                .creator("alice")
                .meta("name", "space dogs")
                .created(base.plusSeconds(120)));

    JsonNode all = Http.json(http.call("GET", "", null));
    assertThat(uids(all.path("result"))).containsExactly(c, b, a);
    assertThat(all.path("range").asInt()).isEqualTo(3);
    assertThat(all.has("total")).isFalse();

    assertThat(uids(Http.result(http.call("GET", "?asc=true", null)))).containsExactly(a, b, c);
    assertThat(uids(Http.result(http.call("GET", "?status=ready", null)))).containsExactly(c, a);
    assertThat(uids(Http.result(http.call("GET", "?creator=bob", null)))).containsExactly(b);
    assertThat(uids(Http.result(http.call("GET", "?search=SPACE", null)))).containsExactly(c, a);
    assertThat(
            uids(
                Http.result(
                    http.call(
                        "GET", "?start=2024-05-01T10:00:30Z&end=2024-05-01T10:01:30Z", null))))
        .containsExactly(b);
    JsonNode counted = Http.json(http.call("GET", "?creator=alice&include_counts=true", null));
    assertThat(counted.path("total").asInt()).isEqualTo(2);
    assertThat(counted.path("range").asInt()).isEqualTo(2);
    // Listing does not advance processing.
    assertThat(fake.video(b).orElseThrow().get("status"))
        .isEqualTo(
            Map.of(
                "state",
                "queued",
                "pctComplete",
                "0.000000",
                "errorReasonCode",
                "",
                "errorReasonText",
                ""));
    fake.assertNoSchemaViolations();
  }

  @Test
  void editMergesMetaAndSetsFields() {
    String uid = fake.addVideo(VideoSeed.ready().meta("name", "old").meta("keep", "me"));
    String before = Http.result(http.call("GET", "/" + uid, null)).path("modified").asText();
    JsonNode edited =
        Http.result(
            http.call(
                "POST",
                "/" + uid,
                "{\"meta\":{\"name\":\"new\"},\"requireSignedURLs\":true,"
                    + "\"allowedOrigins\":[\"example.com\"],\"thumbnailTimestampPct\":0.5,"
                    + "\"maxDurationSeconds\":600,\"creator\":\"carol\","
                    + "\"scheduledDeletion\":\"2030-01-01T00:00:00Z\"}"));
    assertThat(edited.path("meta").path("name").asText()).isEqualTo("new");
    assertThat(edited.path("meta").path("keep").asText()).isEqualTo("me");
    assertThat(edited.path("requireSignedURLs").asBoolean()).isTrue();
    assertThat(edited.path("allowedOrigins").get(0).asText()).isEqualTo("example.com");
    assertThat(edited.path("thumbnailTimestampPct").asDouble()).isEqualTo(0.5);
    assertThat(edited.path("maxDurationSeconds").asInt()).isEqualTo(600);
    assertThat(edited.path("creator").asText()).isEqualTo("carol");
    assertThat(edited.path("scheduledDeletion").asText()).isEqualTo("2030-01-01T00:00:00.000000Z");
    assertThat(Instant.parse(edited.path("modified").asText())).isAfter(Instant.parse(before));

    HttpResponse<String> invalid = http.call("POST", "/" + uid, "{\"thumbnailTimestampPct\":2}");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(fake.schemaViolations())
        .singleElement()
        .asString()
        .contains("/thumbnailTimestampPct");
  }

  @Test
  void copyStartsDownloadingThenProcesses() {
    JsonNode copy =
        Http.result(
            http.call(
                "POST",
                "/copy",
                "{\"url\":\"https://example.com/video.mp4\",\"meta\":{\"name\":\"remote\"},"
                    + "\"creator\":\"dave\",\"requireSignedURLs\":true}"));
    String uid = copy.path("uid").asText();
    assertThat(copy.path("status").path("state").asText()).isEqualTo("downloading");
    assertThat(copy.path("creator").asText()).isEqualTo("dave");
    assertThat(states(uid, 3)).containsExactly("queued", "inprogress", "ready");
    fake.assertNoSchemaViolations();
  }

  @Test
  void directUploadThenMultipartUpload() throws Exception {
    JsonNode created =
        Http.result(
            http.call(
                "POST",
                "/direct_upload",
                "{\"maxDurationSeconds\":3600,\"creator\":\"erin\",\"meta\":{\"name\":\"d.mp4\"},"
                    + "\"expiry\":\"2099-01-01T00:00:00Z\"}"));
    String uid = created.path("uid").asText();
    String uploadUrl = created.path("uploadURL").asText();
    assertThat(uid).matches("[0-9a-f]{32}");
    assertThat(uploadUrl).isEqualTo(fake.wireMock().baseUrl() + "/upload/" + uid);
    assertThat(fake.video(uid).orElseThrow())
        .containsEntry("maxDurationSeconds", 3600)
        .containsEntry("uploadExpiry", "2099-01-01T00:00:00.000000Z");

    byte[] file = new byte[200_000];
    new Random(7).nextBytes(file);
    String boundary = "----fake" + System.nanoTime();
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"d.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] body = new byte[head.length + file.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(file, 0, body, head.length, file.length);
    System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
    HttpResponse<String> uploaded =
        http.send(
            HttpRequest.newBuilder(URI.create(uploadUrl))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    assertThat(uploaded.statusCode()).isEqualTo(200);
    assertThat(fake.video(uid).orElseThrow()).containsEntry("size", (long) file.length);
    assertThat(fake.uploadedSha256(uid)).contains(sha256(file));
    assertThat(states(uid, 2)).containsExactly("inprogress", "ready");

    HttpResponse<String> missing = http.call("POST", "/direct_upload", "{\"creator\":\"x\"}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(fake.schemaViolations()).singleElement().asString().contains("maxDurationSeconds");
  }

  @Test
  void signingKeysSignTokensTheFakeVerifies() throws Exception {
    String uid = fake.addVideo(VideoSeed.ready().requireSignedURLs(true));
    JsonNode key = Http.result(http.call("POST", "/keys", "{}"));
    String keyId = key.path("id").asText();
    assertThat(keyId).matches("[0-9a-f]{32}");
    String pem =
        new String(Base64.getDecoder().decode(key.path("pem").asText()), StandardCharsets.US_ASCII);
    assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    JsonNode jwk =
        Json.parse(
            new String(
                Base64.getDecoder().decode(key.path("jwk").asText()), StandardCharsets.UTF_8));
    assertThat(jwk.path("kid").asText()).isEqualTo(keyId);

    PrivateKey fromJwk = privateKey(jwk);
    RSAPrivateCrtKey fromPem = (RSAPrivateCrtKey) pkcs1(pem);
    assertThat(fromPem.getModulus()).isEqualTo(((RSAPrivateCrtKey) fromJwk).getModulus());
    assertThat(fake.signingPublicKey(keyId).orElseThrow().getModulus())
        .isEqualTo(fromPem.getModulus());

    long exp = Instant.now().plusSeconds(3600).getEpochSecond();
    String token =
        sign(
            fromPem,
            keyId,
            "{\"sub\":\"" + uid + "\",\"kid\":\"" + keyId + "\",\"exp\":" + exp + "}");
    assertThat(fake.verifySignedToken(token)).containsEntry("sub", uid).containsEntry("kid", keyId);

    String expired = sign(fromJwk, keyId, "{\"sub\":\"" + uid + "\",\"exp\":1}");
    assertThatThrownBy(() -> fake.verifySignedToken(expired)).hasMessageContaining("expired");
    String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
    assertThatThrownBy(() -> fake.verifySignedToken(tampered)).hasMessageContaining("signature");

    JsonNode keys = Http.result(http.call("GET", "/keys", null));
    assertThat(keys).hasSize(1);
    assertThat(keys.get(0).path("id").asText()).isEqualTo(keyId);
    assertThat(keys.get(0).has("pem")).isFalse();

    assertThat(Http.result(http.call("DELETE", "/keys/" + keyId, "{}")).asText()).isEqualTo("ok");
    assertThatThrownBy(() -> fake.verifySignedToken(token))
        .hasMessageContaining("unknown signing key");
    assertThat(http.call("DELETE", "/keys/" + keyId, "{}").statusCode()).isEqualTo(404);
    fake.assertNoSchemaViolations();
  }

  @Test
  void tokenEndpointIssuesVerifiableTokens() {
    String uid = fake.addReadyVideo();
    long nbf = Instant.now().minusSeconds(10).getEpochSecond();
    String token =
        Http.result(
                http.call(
                    "POST",
                    "/" + uid + "/token",
                    "{\"nbf\":"
                        + nbf
                        + ",\"downloadable\":true,"
                        + "\"accessRules\":[{\"type\":\"ip.geoip.country\",\"action\":\"allow\",\"country\":[\"DE\"]}]}"))
            .path("token")
            .asText();
    Map<String, Object> claims = fake.verifySignedToken(token);
    assertThat(claims)
        .containsEntry("sub", uid)
        .containsEntry("downloadable", true)
        .containsKey("exp");
    assertThat(((Number) claims.get("exp")).longValue())
        .isGreaterThan(Instant.now().getEpochSecond());
    String header =
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    assertThat(Json.parse(header).path("alg").asText()).isEqualTo("RS256");

    String notYet =
        Http.result(
                http.call(
                    "POST",
                    "/" + uid + "/token",
                    "{\"nbf\":" + Instant.now().plusSeconds(3600).getEpochSecond() + "}"))
            .path("token")
            .asText();
    assertThatThrownBy(() -> fake.verifySignedToken(notYet))
        .hasMessageContaining("not valid before");
    // The schema requires a JSON body: {} is the smallest valid one.
    assertThat(http.call("POST", "/" + uid + "/token", "{}").statusCode()).isEqualTo(200);
    assertThat(http.call("POST", "/0123456789abcdef0123456789abcdef/token", "{}").statusCode())
        .isEqualTo(404);
    fake.assertNoSchemaViolations();
  }

  @Test
  void liveInputs() {
    JsonNode created =
        Http.result(
            http.call(
                "POST",
                "/live_inputs",
                "{\"meta\":{\"name\":\"studio\"},\"recording\":{\"mode\":\"automatic\","
                    + "\"timeoutSeconds\":10},\"deleteRecordingAfterDays\":45}"));
    String id = created.path("uid").asText();
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(created.path("rtmps").path("url").asText()).startsWith("rtmps://");
    assertThat(created.path("rtmps").path("streamKey").asText()).isNotBlank();
    assertThat(created.path("srt").path("url").asText()).startsWith("srt://");
    assertThat(created.path("srt").path("passphrase").asText()).isNotBlank();
    assertThat(created.path("webRTC").path("url").asText()).endsWith("/webRTC/publish");
    assertThat(created.path("webRTCPlayback").path("url").asText()).endsWith("/webRTC/play");
    assertThat(created.path("recording").path("mode").asText()).isEqualTo("automatic");
    assertThat(created.path("status").isNull()).isTrue();

    JsonNode list = Http.result(http.call("GET", "/live_inputs?include_counts=true", null));
    assertThat(list.path("liveInputs")).hasSize(1);
    assertThat(list.path("liveInputs").get(0).has("rtmps")).isFalse();
    assertThat(list.path("total").asInt()).isEqualTo(1);

    JsonNode updated =
        Http.result(http.call("PUT", "/live_inputs/" + id, "{\"recording\":{\"mode\":\"off\"}}"));
    assertThat(updated.path("recording").path("mode").asText()).isEqualTo("off");
    assertThat(updated.path("meta").path("name").asText()).isEqualTo("studio");
    assertThat(Http.result(http.call("GET", "/live_inputs/" + id, null)).path("uid").asText())
        .isEqualTo(id);
    assertThat(http.call("DELETE", "/live_inputs/" + id, "{}").statusCode()).isEqualTo(200);
    assertThat(http.call("GET", "/live_inputs/" + id, null).statusCode()).isEqualTo(404);

    HttpResponse<String> tooShort =
        http.call("POST", "/live_inputs", "{\"deleteRecordingAfterDays\":3}");
    assertThat(tooShort.statusCode()).isEqualTo(400);
    assertThat(fake.schemaViolations())
        .singleElement()
        .asString()
        .contains("/deleteRecordingAfterDays");
  }

  @Test
  void storageUsage() {
    fake.addVideo(VideoSeed.ready().duration(90).creator("a"));
    fake.addVideo(VideoSeed.ready().duration(60).creator("b"));
    JsonNode usage = Http.result(http.call("GET", "/storage-usage", null));
    assertThat(usage.path("videoCount").asInt()).isEqualTo(2);
    assertThat(usage.path("totalStorageMinutes").asInt()).isEqualTo(3);
    assertThat(
            Http.result(http.call("GET", "/storage-usage?creator=a", null))
                .path("videoCount")
                .asInt())
        .isEqualTo(1);
    fake.assertNoSchemaViolations();
  }

  @Test
  void requestsAreRecordedAndResetForgetsEverything() {
    String uid = fake.addReadyVideo();
    http.call("POST", "/" + uid, "{\"meta\":{\"x\":\"y\"}}");
    RecordedRequest recorded = fake.requests().get(0);
    assertThat(recorded.method()).isEqualTo("POST");
    assertThat(recorded.url())
        .isEqualTo("/client/v4/accounts/" + fake.accountId() + "/stream/" + uid);
    assertThat(recorded.header("authorization")).contains("Bearer " + fake.apiToken());
    assertThat(recorded.body()).isEqualTo("{\"meta\":{\"x\":\"y\"}}");
    fake.failNext(3, 500).processingSteps(9);
    http.call("POST", "/" + uid, "{\"creator\":\"" + "x".repeat(65) + "\"}");

    fake.reset();
    assertThat(fake.videoUids()).isEmpty();
    assertThat(fake.requests()).isEmpty();
    assertThat(fake.schemaViolations()).isEmpty();
    assertThat(fake.apiFaults().pending()).isZero();
    String fresh = fake.addVideo(VideoSeed.inState("queued"));
    Http.result(http.call("GET", "/" + fresh, null));
    assertThat(Http.result(http.call("GET", "/" + fresh, null)).path("readyToStream").asBoolean())
        .as("default processing steps are back")
        .isTrue();
  }

  @Test
  void builderSettingsAreUsed() {
    Clock clock = Clock.fixed(Instant.parse("2024-08-07T12:00:00Z"), ZoneOffset.UTC);
    try (FakeCloudflareStream custom =
        FakeCloudflareStream.builder()
            .accountId("abc123")
            .apiToken("secret-token")
            .customerCode("zzz999")
            .clock(clock)
            .start()) {
      assertThat(custom.baseUrl()).isEqualTo("http://localhost:" + custom.port() + "/client/v4");
      assertThat(custom.streamUrl()).isEqualTo(custom.baseUrl() + "/accounts/abc123/stream");
      Http client = new Http(custom);
      String uid = custom.addVideo(VideoSeed.inState("queued"));
      custom.processingSteps(1);
      JsonNode video = Http.result(client.call("GET", "/" + uid, null));
      assertThat(video.path("created").asText()).isEqualTo("2024-08-07T12:00:00.000000Z");
      // With a frozen clock, modified still moves forward on every change.
      assertThat(Instant.parse(video.path("modified").asText()))
          .isAfter(Instant.parse("2024-08-07T12:00:00Z"));
      assertThat(video.path("playback").path("hls").asText())
          .startsWith("https://customer-zzz999.cloudflarestream.com/" + uid);
      custom.assertNoSchemaViolations();
    }
  }

  private List<String> states(String uid, int gets) {
    List<String> states = new ArrayList<>();
    for (int i = 0; i < gets; i++) {
      states.add(
          Http.result(http.call("GET", "/" + uid, null)).path("status").path("state").asText());
    }
    return states;
  }

  private static List<String> uids(JsonNode videos) {
    List<String> uids = new ArrayList<>();
    videos.forEach(v -> uids.add(v.path("uid").asText()));
    return uids;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static PrivateKey privateKey(JsonNode jwk) throws Exception {
    Base64.Decoder d = Base64.getUrlDecoder();
    RSAPrivateCrtKeySpec spec =
        new RSAPrivateCrtKeySpec(
            new BigInteger(1, d.decode(jwk.path("n").asText())),
            new BigInteger(1, d.decode(jwk.path("e").asText())),
            new BigInteger(1, d.decode(jwk.path("d").asText())),
            new BigInteger(1, d.decode(jwk.path("p").asText())),
            new BigInteger(1, d.decode(jwk.path("q").asText())),
            new BigInteger(1, d.decode(jwk.path("dp").asText())),
            new BigInteger(1, d.decode(jwk.path("dq").asText())),
            new BigInteger(1, d.decode(jwk.path("qi").asText())));
    return KeyFactory.getInstance("RSA").generatePrivate(spec);
  }

  /** Wraps a PKCS#1 PEM into PKCS#8, which the JDK reads. */
  private static PrivateKey pkcs1(String pem) throws Exception {
    String base64 =
        pem.replace("-----BEGIN RSA PRIVATE KEY-----", "")
            .replace("-----END RSA PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    byte[] pkcs1 = Base64.getDecoder().decode(base64);
    byte[] algorithm = HexFormat.of().parseHex("300d06092a864886f70d0101010500");
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = der(0x04, pkcs1);
    byte[] content = new byte[version.length + algorithm.length + octets.length];
    System.arraycopy(version, 0, content, 0, version.length);
    System.arraycopy(algorithm, 0, content, version.length, algorithm.length);
    System.arraycopy(octets, 0, content, version.length + algorithm.length, octets.length);
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(der(0x30, content)));
  }

  private static byte[] der(int tag, byte[] content) {
    int n = content.length;
    byte[] length =
        n < 0x80
            ? new byte[] {(byte) n}
            : n < 0x100
                ? new byte[] {(byte) 0x81, (byte) n}
                : new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    byte[] out = new byte[1 + length.length + n];
    out[0] = (byte) tag;
    System.arraycopy(length, 0, out, 1, length.length);
    System.arraycopy(content, 0, out, 1 + length.length, n);
    return out;
  }

  private static String sign(PrivateKey key, String kid, String claims) throws Exception {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    ObjectNode header = Json.object().put("alg", "RS256").put("kid", kid);
    String input =
        url.encodeToString(Json.write(header).getBytes(StandardCharsets.UTF_8))
            + "."
            + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(key);
    signature.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + url.encodeToString(signature.sign());
  }
}
