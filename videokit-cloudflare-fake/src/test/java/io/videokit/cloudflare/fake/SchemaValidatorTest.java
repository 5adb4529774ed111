package io.videokit.cloudflare.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The validator must reject wrong shapes, not only accept right ones. */
class SchemaValidatorTest {

  private static final String VIDEO_PATH =
      "/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/stream/ea95132c15732412d22c1476fa83f27a";
  private static final Map<String, List<String>> JSON_HEADERS =
      Map.of("Content-Type", List.of("application/json"));

  private static StreamSchemaValidator validator;

  @BeforeAll
  static void load() {
    validator = StreamSchemaValidator.load();
  }

  private static ObjectNode readyVideoEnvelope() {
    try (FakeCloudflareStream fake = FakeCloudflareStream.start()) {
      String uid = fake.addVideo(VideoSeed.ready().uid("ea95132c15732412d22c1476fa83f27a"));
      return FakeResponse.envelope(Json.MAPPER.valueToTree(fake.video(uid).orElseThrow()));
    }
  }

  @Test
  void aVideoAsTheFakeServesItConforms() {
    ObjectNode envelope = readyVideoEnvelope();
    assertThat(
            validator.validateResponse("GET", VIDEO_PATH, 200, JSON_HEADERS, Json.write(envelope)))
        .isEmpty();
  }

  @Test
  void durationAsStringIsCaught() {
    ObjectNode envelope = readyVideoEnvelope();
    ((ObjectNode) envelope.get("result")).put("duration", "30");
    List<String> findings =
        validator.validateResponse("GET", VIDEO_PATH, 200, JSON_HEADERS, Json.write(envelope));
    assertThat(findings)
        .singleElement()
        .asString()
        .startsWith("stream-videos-retrieve-video-details response 200 /result/duration: ")
        .contains("number");
  }

  @Test
  void pctCompleteAsNumberAndUnknownStateAreCaught() {
    ObjectNode envelope = readyVideoEnvelope();
    ObjectNode status = (ObjectNode) envelope.get("result").get("status");
    status.put("pctComplete", 50.0);
    status.put("state", "processing");
    assertThat(
            validator.validateResponse("GET", VIDEO_PATH, 200, JSON_HEADERS, Json.write(envelope)))
        .hasSize(2)
        .anySatisfy(f -> assertThat(f).contains("/result/status/pctComplete"))
        .anySatisfy(f -> assertThat(f).contains("/result/status/state"));
  }

  @Test
  void nullWhereTheSchemaSaysNotNullableIsCaught() {
    ObjectNode envelope = readyVideoEnvelope();
    ((ObjectNode) envelope.get("result")).putNull("creator");
    assertThat(
            validator.validateResponse("GET", VIDEO_PATH, 200, JSON_HEADERS, Json.write(envelope)))
        .singleElement()
        .asString()
        .contains("/result/creator");
  }

  @Test
  void envelopeWithoutSuccessIsCaught() {
    ObjectNode envelope = readyVideoEnvelope();
    envelope.remove("success");
    assertThat(
            validator.validateResponse("GET", VIDEO_PATH, 200, JSON_HEADERS, Json.write(envelope)))
        .singleElement()
        .asString()
        .contains("success");
  }

  @Test
  void failureEnvelopesAreCheckedIncludingNullableResult() {
    String good =
        "{\"result\":null,\"success\":false,\"errors\":[{\"code\":10003,\"message\":\"Not Found\"}],"
            + "\"messages\":[]}";
    assertThat(validator.validateResponse("GET", VIDEO_PATH, 404, JSON_HEADERS, good)).isEmpty();
    // 429 and 5xx use the 4XX schema.
    assertThat(validator.validateResponse("GET", VIDEO_PATH, 503, JSON_HEADERS, good)).isEmpty();

    String successTrue = good.replace("\"success\":false", "\"success\":true");
    assertThat(validator.validateResponse("GET", VIDEO_PATH, 404, JSON_HEADERS, successTrue))
        .singleElement()
        .asString()
        .contains("response 404 /success");

    String noErrors = good.replace("[{\"code\":10003,\"message\":\"Not Found\"}]", "[]");
    assertThat(validator.validateResponse("GET", VIDEO_PATH, 404, JSON_HEADERS, noErrors))
        .singleElement()
        .asString()
        .contains("without any error");

    String smallCode = good.replace("10003", "42");
    assertThat(validator.validateResponse("GET", VIDEO_PATH, 404, JSON_HEADERS, smallCode))
        .singleElement()
        .asString()
        .contains("/errors/0/code");
  }

  @Test
  void clipAnswerWantsAPlainStringStatus() {
    String clipPath = "/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/stream/clip";
    String plain =
        "{\"result\":{\"clippedFromVideoUID\":\"abc\",\"startTimeSeconds\":1,\"endTimeSeconds\":2,"
            + "\"status\":\"queued\"},\"success\":true,\"errors\":[],\"messages\":[]}";
    assertThat(validator.validateResponse("POST", clipPath, 200, JSON_HEADERS, plain)).isEmpty();
    String object = plain.replace("\"status\":\"queued\"", "\"status\":{\"state\":\"queued\"}");
    assertThat(validator.validateResponse("POST", clipPath, 200, JSON_HEADERS, object))
        .isNotEmpty()
        .allSatisfy(f ->
            assertThat(f)
                .startsWith(
                    "stream-video-clipping-clip-videos-given-a-start-and-end-time response 200"
                        + " /result/status: "));
  }

  @Test
  void notJsonIsCaught() {
    assertThat(validator.validateResponse("GET", VIDEO_PATH, 200, JSON_HEADERS, "{\"result\":"))
        .singleElement()
        .asString()
        .contains("not JSON");
  }

  @Test
  void requestsAreCheckedAgainstBodyAndParameterSchemas() {
    String directUpload =
        "/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/stream/direct_upload";
    assertThat(
            validator.validateRequest(
                "POST", directUpload, JSON_HEADERS, "{\"maxDurationSeconds\":3600}"))
        .isEmpty();
    assertThat(validator.validateRequest("POST", directUpload, JSON_HEADERS, "{\"creator\":\"x\"}"))
        .singleElement()
        .asString()
        .contains("stream-videos-upload-videos-via-direct-upload-ur-ls request")
        .contains("maxDurationSeconds");
    assertThat(
            validator.validateRequest(
                "POST", directUpload, JSON_HEADERS, "{\"maxDurationSeconds\":21601}"))
        .singleElement()
        .asString()
        .contains("/maxDurationSeconds");

    String list = "/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/stream";
    assertThat(validator.validateRequest("GET", list + "?status=ready&asc=true", Map.of(), ""))
        .isEmpty();
    assertThat(validator.validateRequest("GET", list + "?status=done&asc=yes", Map.of(), ""))
        .hasSize(2);
  }

  @Test
  void tusCreationIsCheckedByItsHeaders() {
    String path = "/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/stream";
    Map<String, List<String>> good =
        Map.of(
            "Location", List.of("https://upload.cloudflarestream.com/tus/abc?tusv2=true"),
            "stream-media-id", List.of("ea95132c15732412d22c1476fa83f27a"));
    assertThat(validator.validateResponse("POST", path, 201, good, "")).isEmpty();
    assertThat(
            validator.validateResponse(
                "POST", path, 201, Map.of("Location", List.of("/tus/abc")), ""))
        .hasSize(2);
  }

  @Test
  void routingPrefersLiteralSegments() {
    String base = "/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/stream";
    assertThat(validator.operationId("POST", base + "/clip"))
        .contains("stream-video-clipping-clip-videos-given-a-start-and-end-time");
    assertThat(validator.operationId("POST", base + "/ea95132c15732412d22c1476fa83f27a"))
        .contains("stream-videos-update-video-details");
    assertThat(validator.operationId("GET", base + "/keys"))
        .contains("stream-signing-keys-list-signing-keys");
    assertThat(validator.operationId("PATCH", base)).isEmpty();
  }

  @Test
  void componentsCanBeCheckedDirectly() {
    assertThat(validator.validateComponent("stream_media_state", "\"ready\"")).isEmpty();
    assertThat(validator.validateComponent("stream_media_state", "\"done\"")).hasSize(1);
    assertThatThrownBy(() -> validator.validateComponent("nope", "{}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFakeRecordsViolationsOfBrokenRequestsAndRejectsThem() {
    try (FakeCloudflareStream fake = FakeCloudflareStream.start()) {
      Http http = new Http(fake);
      HttpResponse<String> response =
          http.call("POST", "/direct_upload", "{\"maxDurationSeconds\":\"long\"}");
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(Http.json(response).path("errors").get(0).path("code").asInt()).isEqualTo(10004);
      assertThat(fake.schemaViolations())
          .singleElement()
          .asString()
          .contains("request /maxDurationSeconds");
      assertThatThrownBy(fake::assertNoSchemaViolations)
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("/maxDurationSeconds");
    }
  }
}
