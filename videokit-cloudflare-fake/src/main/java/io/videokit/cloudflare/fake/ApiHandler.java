package io.videokit.cloudflare.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Answers requests under {@code /client/v4}: fault injection first, then routing through the
 * OpenAPI document, authentication, request validation (a request that violates the schema is
 * answered 400, like Cloudflare rejects malformed input), and the operation itself. Every JSON
 * answer is validated before it is sent; findings go to the violation sink, never to the client.
 */
final class ApiHandler {

  private final FakeCloudflareStream.Settings settings;
  private final StreamState state;
  private final StreamSchemaValidator validator;
  private final FaultInjector faults;
  private final Consumer<String> violations;

  ApiHandler(
      FakeCloudflareStream.Settings settings,
      StreamState state,
      StreamSchemaValidator validator,
      FaultInjector faults,
      Consumer<String> violations) {
    this.settings = settings;
    this.state = state;
    this.validator = validator;
    this.faults = faults;
    this.violations = violations;
  }

  FakeResponse handle(String method, String url, Map<String, List<String>> headers, String body) {
    int q = url.indexOf('?');
    String path = q < 0 ? url : url.substring(0, q);
    Map<String, String> query = StreamSchemaValidator.parseQuery(q < 0 ? "" : url.substring(q + 1));

    List<String> requestFindings = validator.validateRequest(method, url, headers, body);
    requestFindings.forEach(violations);

    Duration delay = Duration.ZERO;
    Optional<FaultInjector.Fault> fault = faults.draw();
    if (fault.isPresent()) {
      FaultInjector.Fault f = fault.get();
      switch (f.kind()) {
        case FAIL:
          return validated(
              method,
              path,
              FakeResponse.failure(f.status(), FakeResponse.INTERNAL_ERROR, reason(f.status())));
        case RATE_LIMIT:
          return validated(
              method,
              path,
              FakeResponse.failure(
                      429,
                      FakeResponse.RATE_LIMITED,
                      "Rate limited. Please wait and consider throttling your request speed")
                  .withHeader("Retry-After", String.valueOf(f.retryAfterSeconds())));
        case MALFORMED:
          return new FakeResponse(
              200,
              new LinkedHashMap<>(Map.of("Content-Type", FakeResponse.JSON)),
              "{\"result\":{\"uid\":\"".getBytes(StandardCharsets.UTF_8),
              false,
              Duration.ZERO,
              false);
        case RESET:
          return new FakeResponse(
              0, new LinkedHashMap<>(), new byte[0], true, Duration.ZERO, false);
        case DELAY:
          delay = f.delay();
          break;
        default:
          // answer faults: applied to the answer below
          break;
      }
    }
    FakeResponse response;
    try {
      response = dispatch(method, path, query, headers, body, requestFindings);
    } catch (ApiException e) {
      response = e.toResponse();
    }
    if (fault.isPresent() && response.status() == 200 && response.body().length > 0) {
      switch (fault.get().kind()) {
        case OTHER_UID:
          return validated(method, url, AnswerFaults.otherUid(response));
        case WRONG_TYPE:
          return AnswerFaults.wrongType(response);
        case RANDOM_VALUES:
          return validated(
              method, url, AnswerFaults.randomValues(validator, method, url, response));
        default:
          break;
      }
    }
    return validated(method, url, response).withDelay(delay);
  }

  private FakeResponse validated(String method, String url, FakeResponse response) {
    validator
        .validateResponse(
            method, url, response.status(), response.headerLists(), response.bodyText())
        .forEach(violations);
    return response;
  }

  private FakeResponse dispatch(
      String method,
      String path,
      Map<String, String> query,
      Map<String, List<String>> headers,
      String body,
      List<String> requestFindings) {
    Optional<StreamSchemaValidator.Match> match = validator.route(method, path);
    if (match.isEmpty()) {
      if (validator.pathKnown(path)) {
        return FakeResponse.failure(
            405, FakeResponse.METHOD_NOT_ALLOWED, "Method " + method + " not allowed for " + path);
      }
      return FakeResponse.failure(404, FakeResponse.NO_ROUTE, "No route for that URI");
    }
    String authorization = StreamSchemaValidator.header(headers, "Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      // the api_token security scheme (HTTP bearer); the fake accepts no other scheme
      return FakeResponse.failure(
          401,
          FakeResponse.AUTHENTICATION_ERROR,
          "Authentication error: send Authorization: Bearer <API token>");
    }
    if (!authorization.substring(7).trim().equals(settings.apiToken())) {
      return FakeResponse.failure(403, FakeResponse.AUTHENTICATION_ERROR, "Authentication error");
    }
    Map<String, String> params = match.get().pathParameters();
    if (!settings.accountId().equals(params.get("account_id"))) {
      return FakeResponse.failure(403, FakeResponse.AUTHENTICATION_ERROR, "Authentication error");
    }
    if (!requestFindings.isEmpty()) {
      String first = requestFindings.get(0);
      return FakeResponse.failure(
          400,
          FakeResponse.INVALID_REQUEST,
          "Bad Request: " + first.substring(first.indexOf(' ') + 1));
    }
    String contentType = StreamSchemaValidator.header(headers, "Content-Type");
    boolean jsonBody =
        body != null
            && !body.isBlank()
            && (contentType == null || contentType.toLowerCase(Locale.ROOT).contains("json"));
    JsonNode json = jsonBody ? Json.parse(body) : Json.object();
    String uid = params.get("identifier");
    String operationId = match.get().operation().operationId();
    switch (operationId) {
      case "stream-videos-list-videos":
        return FakeResponse.json(200, state.list(query));
      case "stream-videos-initiate-video-uploads-using-tus":
        return tusCreation(headers);
      case "stream-videos-retrieve-video-details":
        return FakeResponse.success(state.video(uid, true));
      case "stream-videos-update-video-details":
        return FakeResponse.success(state.edit(uid, json));
      case "stream-videos-delete-video":
        state.delete(uid);
        return FakeResponse.empty(200);
      case "stream-videos-upload-videos-from-a-url":
        return FakeResponse.success(
            state.createCopy(
                json,
                StreamSchemaValidator.header(headers, "Upload-Creator"),
                StreamSchemaValidator.header(headers, "Upload-Metadata")));
      case "stream-videos-upload-videos-via-direct-upload-ur-ls":
        return FakeResponse.success(
            state.createDirectUpload(
                json, StreamSchemaValidator.header(headers, "Upload-Creator")));
      case "stream-video-clipping-clip-videos-given-a-start-and-end-time":
        return FakeResponse.success(state.createClip(json));
      case "stream-m-p-4-downloads-create-downloads":
        return FakeResponse.success(state.createDownload(uid));
      case "stream-m-p-4-downloads-list-downloads":
        return FakeResponse.success(state.downloads(uid));
      case "stream-m-p-4-downloads-delete-downloads":
        state.deleteDownloads(uid);
        return FakeResponse.success(Json.MAPPER.getNodeFactory().textNode("ok"));
      case "stream-videos-create-signed-url-tokens-for-videos":
        return token(uid, json);
      case "stream-signing-keys-create-signing-keys":
        return createKey();
      case "stream-signing-keys-list-signing-keys":
        return listKeys();
      case "stream-signing-keys-delete-signing-keys":
        if (!settings.keys().delete(uid)) {
          throw ApiException.notFound("signing key " + uid);
        }
        return FakeResponse.success(Json.MAPPER.getNodeFactory().textNode("ok"));
      case "stream-webhook-create-webhooks":
        return FakeResponse.success(state.putWebhook(json.path("notificationUrl").asText()));
      case "stream-webhook-view-webhooks":
        return FakeResponse.success(
            state.webhook().orElseThrow(() -> ApiException.notFound("webhook")));
      case "stream-webhook-delete-webhooks":
        if (!state.deleteWebhook()) {
          throw ApiException.notFound("webhook");
        }
        return FakeResponse.success(Json.MAPPER.getNodeFactory().textNode("ok"));
      case "stream-live-inputs-create-a-live-input":
        return FakeResponse.success(state.createLiveInput(json));
      case "stream-live-inputs-list-live-inputs":
        return FakeResponse.success(state.liveInputs("true".equals(query.get("include_counts"))));
      case "stream-live-inputs-retrieve-a-live-input":
        return FakeResponse.success(state.liveInput(params.get("live_input_identifier")));
      case "stream-live-inputs-update-a-live-input":
        return FakeResponse.success(
            state.updateLiveInput(params.get("live_input_identifier"), json));
      case "stream-live-inputs-delete-a-live-input":
        state.deleteLiveInput(params.get("live_input_identifier"));
        return FakeResponse.empty(200);
      case "stream-subtitles/-captions-list-captions-or-subtitles":
        state.video(uid, false);
        return FakeResponse.success(state.captions.list(uid));
      case "stream-subtitles/-captions-get-caption-or-subtitle-for-language":
        state.video(uid, false);
        return FakeResponse.success(state.captions.get(uid, params.get("language")));
      case "stream-subtitles/-captions-upload-captions-or-subtitles":
        state.video(uid, false);
        return FakeResponse.success(
            state.captions.upload(uid, params.get("language"), contentType, body));
      case "stream-subtitles/-captions-delete-captions-or-subtitles":
        state.video(uid, false);
        state.captions.delete(uid, params.get("language"));
        return FakeResponse.success(Json.MAPPER.getNodeFactory().textNode(""));
      case "stream-subtitles/-captions-generate-caption-or-subtitle-for-language":
        if (!Video.READY.equals(state.video(uid, false).path("status").path("state").asText())) {
          throw new ApiException(400, FakeResponse.NOT_READY, "media is not ready to stream");
        }
        return FakeResponse.success(state.captions.generate(uid, params.get("language")));
      case "stream-videos-storage-usage":
        return FakeResponse.success(state.storageUsage(query.get("creator")));
      default:
        return FakeResponse.failure(
            501,
            FakeResponse.NOT_IMPLEMENTED,
            "FakeCloudflareStream does not implement " + operationId + "; stub it with wireMock()");
    }
  }

  /** {@code POST …/stream} with tus headers: 201, no body, Location and stream-media-id. */
  private FakeResponse tusCreation(Map<String, List<String>> headers) {
    String length = StreamSchemaValidator.header(headers, "Upload-Length");
    long uploadLength;
    try {
      uploadLength = length == null ? -1 : Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      uploadLength = -1;
    }
    if (uploadLength < 0) {
      throw ApiException.badRequest("Upload-Length header must be a non-negative integer");
    }
    String creator = StreamSchemaValidator.header(headers, "Upload-Creator");
    String uid =
        state.createTus(
            uploadLength, StreamSchemaValidator.header(headers, "Upload-Metadata"), creator);
    return FakeResponse.empty(201)
        .withHeader("Location", settings.rootUrl() + "/tus/" + uid + "?tusv2=true")
        .withHeader("stream-media-id", uid)
        .withHeader("Tus-Resumable", "1.0.0")
        .withHeader("Access-Control-Allow-Origin", "*")
        .withHeader("Access-Control-Expose-Headers", "Location, stream-media-id, Tus-Resumable");
  }

  private FakeResponse token(String uid, JsonNode body) {
    state.video(uid, false);
    Instant now = state.now();
    SigningKeys.SigningKey key;
    if (body.hasNonNull("id")) {
      String id = body.get("id").asText();
      key =
          settings.keys().find(id).orElseThrow(() -> ApiException.badRequest("unknown key " + id));
    } else {
      key = settings.keys().internal(now);
    }
    ObjectNode claims = Json.object();
    claims.put("sub", uid);
    claims.put("kid", key.id());
    claims.put(
        "exp",
        body.hasNonNull("exp")
            ? body.get("exp").asLong()
            : now.plus(Duration.ofHours(1)).getEpochSecond());
    if (body.hasNonNull("nbf")) {
      claims.put("nbf", body.get("nbf").asLong());
    }
    if (body.hasNonNull("downloadable")) {
      claims.put("downloadable", body.get("downloadable").asBoolean());
    }
    if (body.has("accessRules")) {
      claims.set("accessRules", body.get("accessRules"));
    }
    return FakeResponse.success(Json.object().put("token", SigningKeys.sign(key, claims)));
  }

  private FakeResponse createKey() {
    SigningKeys.SigningKey key = settings.keys().create(state.now());
    ObjectNode result = Json.object();
    result.put("id", key.id());
    result.put("pem", SigningKeys.pem(key));
    result.put("jwk", SigningKeys.jwk(key));
    result.put("created", Timestamps.format(key.created()));
    return FakeResponse.success(result);
  }

  private FakeResponse listKeys() {
    ObjectNode envelope = FakeResponse.envelope(Json.array());
    for (SigningKeys.SigningKey key : settings.keys().list()) {
      ((ArrayNode) envelope.get("result"))
          .add(Json.object().put("id", key.id()).put("created", Timestamps.format(key.created())));
    }
    return FakeResponse.json(200, envelope);
  }

  private static String reason(int status) {
    return switch (status) {
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Injected failure (HTTP " + status + ")";
    };
  }
}
