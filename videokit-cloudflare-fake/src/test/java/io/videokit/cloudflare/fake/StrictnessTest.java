package io.videokit.cloudflare.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each strictness rule of the fake catching one wrong request (or answer): the fake is as strict as
 * the published schema, so a client that passes here sends what Cloudflare documents.
 */
class StrictnessTest {

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

  private static void assertRefused(HttpResponse<String> response, int status, String message) {
    assertThat(response.statusCode()).isEqualTo(status);
    JsonNode envelope = Http.json(response);
    assertThat(envelope.path("success").asBoolean(true)).isFalse();
    assertThat(envelope.path("result").isNull()).isTrue();
    assertThat(envelope.path("errors").get(0).path("message").asText()).contains(message);
  }

  @Test
  void theBearerSchemeIsRequired() {
    String uid = fake.addReadyVideo();
    HttpResponse<String> none =
        http.send(Http.request(fake.streamUrl() + "/" + uid, "GET", null).build());
    HttpResponse<String> legacy =
        http.send(
            Http.request(fake.streamUrl() + "/" + uid, "GET", null)
                .header("X-Auth-Email", "a@example.com")
                .header("X-Auth-Key", fake.apiToken())
                .build());
    HttpResponse<String> wrong =
        http.send(
            Http.request(fake.streamUrl() + "/" + uid, "GET", null)
                .header("Authorization", "Bearer wrong")
                .build());
    assertRefused(none, 401, "Authentication error");
    assertRefused(legacy, 401, "Bearer");
    assertRefused(wrong, 403, "Authentication error");
    assertThat(Http.json(wrong).path("errors").get(0).path("code").asInt()).isEqualTo(10000);
  }

  @Test
  void aRequiredBodyMustBeSent() {
    String uid = fake.addReadyVideo();
    for (String[] call :
        List.of(
            new String[] {"DELETE", "/" + uid},
            new String[] {"POST", "/" + uid + "/downloads"},
            new String[] {"POST", "/keys"},
            new String[] {"DELETE", "/webhook"})) {
      assertRefused(http.call(call[0], call[1], null), 400, "missing required request body");
    }
    assertThat(fake.videoUids()).contains(uid);
    assertThat(fake.schemaViolations())
        .hasSize(4)
        .allSatisfy(f -> assertThat(f).contains("missing required request body"));
  }

  @Test
  void theBodyMustHaveADocumentedContentType() {
    String uid = fake.addReadyVideo();
    HttpResponse<String> text =
        http.send(
            http.authorized("/" + uid, "DELETE", null)
                .header("Content-Type", "text/plain")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertRefused(text, 400, "Content-Type text/plain is not one of [application/json]");
    assertThat(fake.videoUids()).contains(uid);
  }

  @Test
  void requiredHeadersMustBeSent() {
    HttpResponse<String> noTusVersion =
        http.send(
            http.authorized("?direct_user=true", "POST", null)
                .header("Upload-Length", "10")
                .build());
    assertRefused(noTusVersion, 400, "missing required header parameter Tus-Resumable");
    assertThat(fake.videoUids()).isEmpty();
  }

  @Test
  void undeclaredQueryParametersAreRefused() {
    assertRefused(
        http.call("GET", "?status=ready&limit=10", null),
        400,
        "query parameter limit is not declared");
    // direct_user on the tus creation is documented by Cloudflare outside the schema
    HttpResponse<String> tus =
        http.send(
            http.authorized("?direct_user=true", "POST", null)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "10")
                .build());
    assertThat(tus.statusCode()).isEqualTo(201);
    assertThat(fake.schemaViolations()).singleElement().asString().contains("limit");
  }

  @Test
  void aMultipartBodyNeedsItsRequiredParts() {
    String uid = fake.addReadyVideo();
    String withoutFile =
        "--b\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nWEBVTT\r\n--b--\r\n";
    HttpResponse<String> refused =
        http.send(
            http.authorized("/" + uid + "/captions/en", "PUT", null)
                .header("Content-Type", "multipart/form-data; boundary=b")
                .PUT(HttpRequest.BodyPublishers.ofString(withoutFile))
                .build());
    assertRefused(refused, 400, "multipart body without the required part file");
    HttpResponse<String> json =
        http.send(
            http.authorized("/" + uid + "/captions/en", "PUT", null)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"file\":\"WEBVTT\"}"))
                .build());
    assertRefused(json, 400, "is not one of [multipart/form-data]");
    String withFile = withoutFile.replace("name=\"caption\"", "name=\"file\"");
    HttpResponse<String> accepted =
        http.send(
            http.authorized("/" + uid + "/captions/en", "PUT", null)
                .header("Content-Type", "multipart/form-data; boundary=b")
                .PUT(HttpRequest.BodyPublishers.ofString(withFile))
                .build());
    assertThat(Http.result(accepted).path("label").asText()).isEqualTo("English");
  }

  @Test
  void aJsonBodyIsCheckedAgainstItsSchema() {
    String uid = fake.addReadyVideo();
    assertRefused(
        http.call("POST", "/clip", "{\"clippedFromVideoUID\":\"" + uid + "\"}"),
        400,
        "startTimeSeconds");
    assertRefused(http.call("POST", "/" + uid + "/downloads", "not json"), 400, "not JSON");
  }

  @Test
  void theClipAnswerHasNoUidAsDocumented() {
    String uid = fake.addVideo(VideoSeed.ready().duration(30));
    JsonNode clip =
        Http.result(
            http.call(
                "POST",
                "/clip",
                "{\"clippedFromVideoUID\":\""
                    + uid
                    + "\",\"startTimeSeconds\":0,\"endTimeSeconds\":10}"));
    assertThat(clip.has("uid")).isFalse();
    assertThat(clip.path("clippedFromVideoUID").asText()).isEqualTo(uid);
    fake.assertNoSchemaViolations();
  }

  @Test
  void answersWithPropertiesTheSchemaDoesNotDeclareAreFindings() {
    StreamSchemaValidator validator = fake.schemaValidator();
    String clipPath = "/client/v4/accounts/" + fake.accountId() + "/stream/clip";
    String withUid =
        "{\"result\":{\"uid\":\"ea95132c15732412d22c1476fa83f27a\",\"status\":\"queued\"},"
            + "\"success\":true,\"errors\":[],\"messages\":[]}";
    assertThat(
            validator.validateResponse(
                "POST",
                clipPath,
                200,
                Map.of("Content-Type", List.of("application/json")),
                withUid))
        .singleElement()
        .asString()
        .contains("/result/uid: property not declared by the schema");
  }
}
