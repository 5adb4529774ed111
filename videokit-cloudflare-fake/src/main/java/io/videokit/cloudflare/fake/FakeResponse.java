package io.videokit.cloudflare.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One answer of the fake before it is handed to WireMock.
 *
 * @param status HTTP status
 * @param headers response headers (insertion ordered)
 * @param body response body, empty for none
 * @param reset whether to reset the connection instead of answering
 * @param delay how long to hold the answer back
 * @param validate whether the body must be checked against the schema (false for deliberately
 *     broken answers)
 */
record FakeResponse(
    int status,
    Map<String, String> headers,
    byte[] body,
    boolean reset,
    Duration delay,
    boolean validate) {

  static final String JSON = "application/json; charset=UTF-8";

  /** Cloudflare API error codes the fake uses. */
  static final int AUTHENTICATION_ERROR = 10000;

  static final int INTERNAL_ERROR = 10001;
  static final int NOT_FOUND = 10003;
  static final int INVALID_REQUEST = 10004;
  static final int CLIP_RANGE = 10005;
  static final int NOT_READY = 10006;
  static final int RATE_LIMITED = 10013;
  static final int NO_ROUTE = 7000;
  static final int METHOD_NOT_ALLOWED = 7001;
  static final int NOT_IMPLEMENTED = 10501;

  static FakeResponse json(int status, JsonNode body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", JSON);
    return new FakeResponse(
        status,
        headers,
        Json.write(body).getBytes(StandardCharsets.UTF_8),
        false,
        Duration.ZERO,
        true);
  }

  static FakeResponse empty(int status) {
    return new FakeResponse(status, new LinkedHashMap<>(), new byte[0], false, Duration.ZERO, true);
  }

  /** {@code {"result": result, "success": true, "errors": [], "messages": []}}. */
  static ObjectNode envelope(JsonNode result) {
    ObjectNode envelope = Json.object();
    envelope.set("result", result);
    envelope.put("success", true);
    envelope.set("errors", Json.array());
    envelope.set("messages", Json.array());
    return envelope;
  }

  static FakeResponse success(JsonNode result) {
    return json(200, envelope(result));
  }

  /** A failure envelope: {@code result} null, one error. */
  static FakeResponse failure(int status, int code, String message) {
    ObjectNode envelope = Json.object();
    envelope.set("result", NullNode.getInstance());
    envelope.put("success", false);
    envelope.set(
        "errors", Json.array().add(Json.object().put("code", code).put("message", message)));
    envelope.set("messages", Json.array());
    return json(status, envelope);
  }

  FakeResponse withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  FakeResponse withDelay(Duration holdBack) {
    return new FakeResponse(status, headers, body, reset, holdBack, validate);
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  Map<String, List<String>> headerLists() {
    Map<String, List<String>> lists = new LinkedHashMap<>();
    headers.forEach((k, v) -> lists.put(k, List.of(v)));
    return lists;
  }
}
