package io.videokit.cloudflare.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The answer faults of {@link FaultInjector}: a processed answer rewritten to describe another
 * video, to carry a result of the wrong type, or to carry random schema-valid values.
 */
final class AnswerFaults {

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private AnswerFaults() {}

  /** Every occurrence of the answer's {@code result.uid} replaced by a fresh one. */
  static FakeResponse otherUid(FakeResponse response) {
    JsonNode root = Json.parse(response.bodyText());
    JsonNode uid = root.path("result").path("uid");
    String text = response.bodyText();
    if (uid.isTextual() && !uid.asText().isEmpty()) {
      text = text.replace(uid.asText(), Ids.uid());
    }
    return withBody(response, text, true);
  }

  /** A successful envelope whose {@code result} is the string {@code "ok"}. */
  static FakeResponse wrongType(FakeResponse response) {
    return withBody(response, Json.write(FakeResponse.envelope(TextNode.valueOf("ok"))), false);
  }

  /**
   * Every field of {@code result} given a random value its schema allows; a generated value the
   * validator refuses (a pattern, say) falls back to the original value.
   */
  static FakeResponse randomValues(
      StreamSchemaValidator validator, String method, String url, FakeResponse response) {
    ObjectNode root = (ObjectNode) Json.parse(response.bodyText());
    JsonNode result = root.path("result");
    if (!result.isObject()) {
      return response;
    }
    List<JsonNode> resultSchemas =
        validator.properties(validator.successSchema(method, url)).get("result");
    if (resultSchemas == null) {
      return response;
    }
    Map<String, List<JsonNode>> fields = validator.properties(allOf(resultSchemas));
    ObjectNode object = (ObjectNode) result;
    for (String name : new ArrayList<>(fieldNames(object))) {
      List<JsonNode> declared = fields.get(name);
      if (declared == null) {
        continue;
      }
      JsonNode original = object.get(name);
      object.set(name, random(validator, allOf(declared), 0));
      List<String> findings =
          validator.validateResponse(method, url, 200, response.headerLists(), Json.write(root));
      if (!findings.isEmpty()) {
        object.set(name, original);
      }
    }
    return withBody(response, Json.write(root), true);
  }

  private static List<String> fieldNames(ObjectNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode allOf(List<JsonNode> schemas) {
    ObjectNode all = Json.object();
    ArrayNode parts = all.putArray("allOf");
    schemas.forEach(parts::add);
    return all;
  }

  /** A random value for a schema: enum, type, format and bounds respected. */
  static JsonNode random(StreamSchemaValidator validator, JsonNode schemaNode, int depth) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    JsonNode schema = validator.resolveSchema(schemaNode);
    JsonNode flat = flatten(validator, schema, Json.object(), 0);
    JsonNode values = flat.path("enum");
    if (values.isArray() && !values.isEmpty()) {
      return values.get(random.nextInt(values.size()));
    }
    String type = flat.path("type").asText("");
    Map<String, List<JsonNode>> properties = validator.properties(schema);
    if (type.isEmpty() && !properties.isEmpty()) {
      type = "object";
    }
    switch (type) {
      case "boolean":
        return Json.MAPPER.getNodeFactory().booleanNode(random.nextBoolean());
      case "integer":
        {
          long min = flat.path("minimum").asLong(0);
          long max = flat.path("maximum").asLong(Math.max(min, 1000));
          return Json.MAPPER.getNodeFactory().numberNode(random.nextLong(min, max + 1));
        }
      case "number":
        {
          double min = flat.path("minimum").asDouble(0);
          double max = flat.path("maximum").asDouble(Math.max(min, 1000));
          return Json.MAPPER.getNodeFactory().numberNode(min + random.nextDouble() * (max - min));
        }
      case "array":
        {
          ArrayNode array = Json.array();
          JsonNode items = flat.path("items");
          int size = depth > 3 || items.isMissingNode() ? 0 : random.nextInt(3);
          for (int i = 0; i < size; i++) {
            array.add(random(validator, items, depth + 1));
          }
          return array;
        }
      case "object":
        {
          ObjectNode object = Json.object();
          if (depth < 4) {
            properties.forEach((name, declared) ->
                object.set(name, random(validator, allOf(declared), depth + 1)));
          }
          return object;
        }
      default:
        return TextNode.valueOf(randomString(flat));
    }
  }

  private static String randomString(JsonNode schema) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String format = schema.path("format").asText("");
    if ("date-time".equals(format)) {
      return Timestamps.format(
          Instant.ofEpochSecond(random.nextLong(1_500_000_000L, 1_900_000_000L)));
    }
    if ("uri".equals(format)) {
      return "https://example.com/" + letters(8);
    }
    int max = schema.path("maxLength").asInt(32);
    int min = Math.min(schema.path("minLength").asInt(1), max);
    return letters(
        Math.max(min, Math.min(max, 1 + random.nextInt(Math.max(1, Math.min(max, 32))))));
  }

  private static String letters(int length) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }

  /** type, enum, format and bounds of a schema and its allOf parts, merged into one object. */
  private static JsonNode flatten(
      StreamSchemaValidator validator, JsonNode schemaNode, ObjectNode into, int depth) {
    JsonNode schema = validator.resolveSchema(schemaNode);
    for (String key :
        List.of(
            "type", "enum", "format", "minimum", "maximum", "minLength", "maxLength", "items")) {
      if (schema.has(key) && !into.has(key)) {
        into.set(key, schema.get(key));
      }
    }
    if (depth < 16) {
      for (JsonNode part : schema.path("allOf")) {
        flatten(validator, part, into, depth + 1);
      }
      JsonNode alternatives = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
      if (alternatives != null && !alternatives.isEmpty() && !into.has("type")) {
        flatten(validator, alternatives.get(0), into, depth + 1);
      }
    }
    return into;
  }

  private static FakeResponse withBody(FakeResponse response, String body, boolean validate) {
    return new FakeResponse(
        response.status(),
        response.headers(),
        body.getBytes(StandardCharsets.UTF_8),
        false,
        response.delay(),
        validate);
  }
}
