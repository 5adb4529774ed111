package io.videokit.cloudflare.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates Cloudflare Stream API v4 requests and responses against the official OpenAPI 3.0.3
 * subset bundled with this module ({@code cloudflare-stream-openapi.json}).
 *
 * <p>Operations are found by HTTP method and path template ({@code /client/v4} is the server base
 * path). Request path, query and header parameters are checked against their parameter schemas
 * (values are coerced from strings to the schema's type first), JSON request bodies against the
 * request body schema, and response bodies against the {@code 200} schema for 2xx answers and the
 * {@code 4XX} schema for every error status (429 and 5xx included: the document describes no other
 * error shape). Where the document gives no schema for an error answer, the common Cloudflare
 * failure envelope is used. The tus creation answer (201, no body) is checked by its headers:
 * {@code Location} must be an absolute URL and {@code stream-media-id} a uid of at most 32
 * characters.
 *
 * <p>Answers must follow the schema's shapes exactly: besides the schema's own rules, a property
 * the schema does not declare is a finding wherever the schema lists the properties of an object
 * (free-form objects such as {@code meta} excepted), so the fake cannot hand out fields Cloudflare
 * does not document, e.g. a {@code uid} in the clip answer. One exception: {@code clippedFrom} on
 * the video object, which Cloudflare documents and serves but the subset does not declare.
 *
 * <p>The security requirement is checked by the fake, not here: the published document lists {@code
 * api_email}, {@code api_key} and {@code api_token} in one requirement object, although a Bearer
 * token alone is how the API is called.
 *
 * <p>Every finding is a human-readable string: operation id, {@code request} or {@code response
 * <status>}, the JSON pointer of the offending value, and the message, e.g. {@code
 * stream-videos-retrieve-video-details response 200 /result/duration: string found, number
 * expected}. Instances are immutable and thread-safe. (One class of this size because routing,
 * parameter, body and shape checks all walk the same document.)
 */
public final class StreamSchemaValidator {

  /** Classpath location of the bundled OpenAPI document. */
  public static final String RESOURCE =
      "io/videokit/cloudflare/fake/cloudflare-stream-openapi.json";

  /** The path prefix of the API's server URL ({@code https://api.cloudflare.com/client/v4}). */
  public static final String BASE_PATH = "/client/v4";

  private static final String DOCUMENT_IRI =
      "https://videokit.invalid/cloudflare/cloudflare-stream-openapi.json";
  private static final String FAILURE_SCHEMA =
      "#/components/schemas/stream_api-response-common-failure";
  private static final String VIDEO_SCHEMA = "#/components/schemas/stream_videos";
  private static final String TUS_CREATION = "stream-videos-initiate-video-uploads-using-tus";
  private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{([^}/]+)}");

  private final JsonNode document;
  private final JsonSchemaFactory factory;
  private final SchemaValidatorsConfig config;
  private final List<Operation> operations;
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

  private StreamSchemaValidator(String documentText) {
    this.document = Json.parse(documentText);
    JsonMetaSchema dialect =
        JsonMetaSchema.builder(OpenApi30.getInstance())
            // The document's top-level OpenAPI fields are not schema keywords: keep them quiet.
            .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
            .build();
    this.factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V4,
            builder ->
                builder
                    .metaSchema(dialect)
                    .defaultMetaSchemaIri(dialect.getIri())
                    .schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT_IRI, documentText))));
    this.config =
        SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .nullableKeywordEnabled(true)
            .formatAssertionsEnabled(true)
            .build();
    this.operations = readOperations(document);
  }

  /**
   * Loads the bundled OpenAPI document ({@link #RESOURCE}).
   *
   * @return a ready validator
   * @throws UncheckedIOException if the resource cannot be read
   */
  public static StreamSchemaValidator load() {
    try (InputStream in =
        StreamSchemaValidator.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("missing classpath resource " + RESOURCE));
      }
      return new StreamSchemaValidator(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Finds the operation served at a method and path.
   *
   * @param method HTTP method, any case
   * @param path request path including {@code /client/v4}, without query string
   * @return the OpenAPI {@code operationId}, or empty if the document has no such operation
   */
  public Optional<String> operationId(String method, String path) {
    return route(method, path).map(match -> match.operation().operationId());
  }

  /**
   * Validates a request as strictly as the document allows: path, query and header parameters
   * (required ones present, values of the declared type), no query parameter the operation does not
   * declare, the request body the operation marks as required (with a {@code Content-Type} the
   * operation documents), a JSON body against its schema, and the required fields of a multipart
   * body.
   *
   * <p>Deviations, each taken from Cloudflare's own documentation where the published document is
   * wrong: the tus creation ({@code POST …/stream}) is sent without a body and with the query
   * parameter {@code direct_user=true}; a {@code GET} is never required to carry a body (the
   * document marks one on {@code GET …/captions/{language}/vtt}).
   *
   * @param method HTTP method
   * @param pathAndQuery request path including {@code /client/v4}, optionally with a query string
   * @param headers request headers (names in any case)
   * @param body request body as text, may be empty
   * @return findings, empty when the request conforms or is not an operation of the document
   */
  public List<String> validateRequest(
      String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    Map<String, String> query = parseQuery(q < 0 ? "" : pathAndQuery.substring(q + 1));
    Optional<Match> found = route(method, path);
    if (found.isEmpty()) {
      return List.of();
    }
    Match match = found.get();
    Operation operation = match.operation();
    List<String> findings = new ArrayList<>();
    Set<String> declaredQuery = new HashSet<>();
    for (JsonNode parameter : operation.node().path("parameters")) {
      String in = parameter.path("in").asText();
      String name = parameter.path("name").asText();
      if ("query".equals(in)) {
        declaredQuery.add(name);
      }
      String value =
          switch (in) {
            case "path" -> match.pathParameters().get(name);
            case "query" -> query.get(name);
            case "header" -> header(headers, name);
            default -> null;
          };
      String where = in + " parameter " + name;
      if (value == null) {
        if (parameter.path("required").asBoolean(false)) {
          findings.add(finding(operation, "request", "", "missing required " + where));
        }
        continue;
      }
      JsonNode schemaNode = parameter.path("schema");
      JsonNode typed = coerce(value, resolve(schemaNode).path("type").asText("string"));
      if (typed == null) {
        findings.add(
            finding(
                operation,
                "request",
                "",
                where + " '" + value + "' is not a " + resolve(schemaNode).path("type").asText()));
        continue;
      }
      for (ValidationMessage message : schema(schemaNode).validate(typed)) {
        findings.add(finding(operation, "request", "", where + ": " + message.getError()));
      }
    }
    for (String name : query.keySet()) {
      boolean documentedElsewhere =
          TUS_CREATION.equals(operation.operationId()) && "direct_user".equals(name);
      if (!declaredQuery.contains(name) && !documentedElsewhere) {
        findings.add(
            finding(operation, "request", "", "query parameter " + name + " is not declared"));
      }
    }
    checkBody(operation, method, headers, body, findings);
    return findings;
  }

  private void checkBody(
      Operation operation,
      String method,
      Map<String, List<String>> headers,
      String body,
      List<String> findings) {
    JsonNode requestBody = operation.node().path("requestBody");
    if (requestBody.isMissingNode() || TUS_CREATION.equals(operation.operationId())) {
      return;
    }
    JsonNode content = requestBody.path("content");
    List<String> mediaTypes = new ArrayList<>();
    content.fieldNames().forEachRemaining(mediaTypes::add);
    if (body == null || body.isEmpty()) {
      if (requestBody.path("required").asBoolean(false) && !"GET".equalsIgnoreCase(method)) {
        findings.add(
            finding(operation, "request", "", "missing required request body " + mediaTypes));
      }
      return;
    }
    String contentType = header(headers, "Content-Type");
    String mediaType =
        contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!content.has(mediaType)) {
      findings.add(
          finding(
              operation,
              "request",
              "",
              "Content-Type " + contentType + " is not one of " + mediaTypes));
      return;
    }
    JsonNode schemaNode = content.path(mediaType).path("schema");
    if ("application/json".equals(mediaType)) {
      findings.addAll(
          validateJson(
              operation, "request", schemaNode.isMissingNode() ? Json.object() : schemaNode, body));
    } else if (mediaType.startsWith("multipart/")) {
      for (JsonNode required : resolve(schemaNode).path("required")) {
        if (!body.contains("name=\"" + required.asText() + "\"")) {
          findings.add(
              finding(
                  operation,
                  "request",
                  "",
                  "multipart body without the required part " + required.asText()));
        }
      }
    }
  }

  /**
   * Validates a response against the operation's response schema.
   *
   * @param method HTTP method of the request
   * @param path request path including {@code /client/v4}, with or without query string
   * @param status HTTP status of the response
   * @param headers response headers (names in any case)
   * @param body response body as text, may be empty
   * @return findings; for paths the document does not describe, only error envelopes are checked
   */
  public List<String> validateResponse(
      String method, String path, int status, Map<String, List<String>> headers, String body) {
    int q = path.indexOf('?');
    String plainPath = q < 0 ? path : path.substring(0, q);
    Optional<Match> found = route(method, plainPath);
    Operation operation =
        found
            .map(Match::operation)
            .orElse(
                new Operation(
                    method.toUpperCase(Locale.ROOT),
                    plainPath,
                    null,
                    List.of(),
                    Json.object(),
                    "(unrouted " + method + " " + plainPath + ")"));
    String where = "response " + status;
    List<String> findings = new ArrayList<>();
    if (TUS_CREATION.equals(operation.operationId()) && status == 201) {
      checkTusCreation(operation, headers, body, findings);
      return findings;
    }
    JsonNode schemaNode = responseSchema(operation, status);
    if (schemaNode.isMissingNode() && status >= 400) {
      schemaNode = Json.object().put("$ref", FAILURE_SCHEMA);
    }
    if (schemaNode.isMissingNode()) {
      return findings;
    }
    if (body == null || body.isEmpty()) {
      findings.add(finding(operation, where, "", "empty body, a JSON body is documented"));
      return findings;
    }
    findings.addAll(validateJson(operation, where, schemaNode, body));
    if (status < 300 && findings.isEmpty()) {
      undeclared(operation, where, schemaNode, Json.parse(body), "", findings, 0);
    }
    if (status >= 400 && findings.isEmpty()) {
      JsonNode errors = Json.parse(body).path("errors");
      if (errors.isArray() && errors.isEmpty()) {
        // The schema's "minLength: 1" on an array is a no-op; Cloudflare always names the error.
        findings.add(finding(operation, where, "/errors", "failure envelope without any error"));
      }
    }
    return findings;
  }

  /**
   * Validates a JSON document against one of the document's component schemas.
   *
   * @param componentName a key of {@code components.schemas}, e.g. {@code stream_videos} or {@code
   *     stream_video_response_single}
   * @param json the JSON text
   * @return findings, empty when the JSON conforms
   * @throws IllegalArgumentException if there is no such component
   */
  public List<String> validateComponent(String componentName, String json) {
    if (!document.path("components").path("schemas").has(componentName)) {
      throw new IllegalArgumentException("no component schema " + componentName);
    }
    Operation pseudo =
        new Operation("-", "-", null, List.of(), Json.object(), "component " + componentName);
    return validateJson(
        pseudo,
        "document",
        Json.object().put("$ref", "#/components/schemas/" + componentName),
        json);
  }

  /**
   * The declared properties of a schema (through {@code $ref}, {@code allOf}, {@code anyOf}, {@code
   * oneOf}), each with every schema that declares it.
   */
  Map<String, List<JsonNode>> properties(JsonNode schemaNode) {
    Map<String, List<JsonNode>> properties = new LinkedHashMap<>();
    collectProperties(schemaNode, properties, 0);
    return properties;
  }

  /** The schema of the 200 answer of an operation, or a missing node. */
  JsonNode successSchema(String method, String path) {
    int q = path.indexOf('?');
    return route(method, q < 0 ? path : path.substring(0, q))
        .map(match -> responseSchema(match.operation(), 200))
        .orElse(MissingNode.getInstance());
  }

  /** Follows {@code $ref}s to the schema they name. */
  JsonNode resolveSchema(JsonNode schemaNode) {
    return resolve(schemaNode);
  }

  Optional<Match> route(String method, String path) {
    if (!path.startsWith(BASE_PATH + "/")) {
      return Optional.empty();
    }
    String relative = path.substring(BASE_PATH.length());
    String upper = method.toUpperCase(Locale.ROOT);
    for (Operation operation : operations) {
      if (!operation.method().equals(upper)) {
        continue;
      }
      Matcher matcher = operation.pattern().matcher(relative);
      if (matcher.matches()) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < operation.variables().size(); i++) {
          parameters.put(
              operation.variables().get(i),
              URLDecoder.decode(matcher.group(i + 1), StandardCharsets.UTF_8));
        }
        return Optional.of(new Match(operation, parameters));
      }
    }
    return Optional.empty();
  }

  boolean pathKnown(String path) {
    if (!path.startsWith(BASE_PATH + "/")) {
      return false;
    }
    String relative = path.substring(BASE_PATH.length());
    return operations.stream().anyMatch(op -> op.pattern().matcher(relative).matches());
  }

  private void checkTusCreation(
      Operation operation, Map<String, List<String>> headers, String body, List<String> findings) {
    String where = "response 201";
    String location = header(headers, "Location");
    if (location == null) {
      findings.add(finding(operation, where, "", "missing Location header"));
    } else {
      try {
        if (!new URI(location).isAbsolute()) {
          findings.add(finding(operation, where, "", "Location is not absolute: " + location));
        }
      } catch (URISyntaxException e) {
        findings.add(finding(operation, where, "", "Location is not a URI: " + location));
      }
    }
    String uid = header(headers, "stream-media-id");
    if (uid == null || uid.isEmpty() || uid.length() > 32) {
      findings.add(
          finding(operation, where, "", "stream-media-id must be a uid of 1..32 chars: " + uid));
    }
    if (body != null && !body.isEmpty()) {
      findings.add(finding(operation, where, "", "tus creation answer must have no body"));
    }
  }

  /** Reports properties of {@code instance} that its schema does not declare, recursively. */
  private void undeclared(
      Operation operation,
      String where,
      JsonNode schemaNode,
      JsonNode instance,
      String pointer,
      List<String> findings,
      int depth) {
    if (depth > 24) {
      return;
    }
    if (instance.isArray()) {
      JsonNode items = itemsOf(schemaNode, 0);
      if (items != null) {
        for (int i = 0; i < instance.size(); i++) {
          undeclared(
              operation, where, items, instance.get(i), pointer + "/" + i, findings, depth + 1);
        }
      }
      return;
    }
    if (!instance.isObject()) {
      return;
    }
    Map<String, List<JsonNode>> properties = new LinkedHashMap<>();
    if (collectProperties(schemaNode, properties, 0) || properties.isEmpty()) {
      return;
    }
    for (Map.Entry<String, JsonNode> field : instance.properties()) {
      List<JsonNode> declared = properties.get(field.getKey());
      String at = pointer + "/" + field.getKey();
      if (declared == null) {
        findings.add(finding(operation, where, at, "property not declared by the schema"));
        continue;
      }
      ObjectNode all = Json.object();
      declared.forEach(all.putArray("allOf")::add);
      undeclared(operation, where, all, field.getValue(), at, findings, depth + 1);
    }
  }

  /** Collects declared properties (through $ref, allOf, anyOf, oneOf); true when open-ended. */
  private boolean collectProperties(
      JsonNode schemaNode, Map<String, List<JsonNode>> properties, int depth) {
    JsonNode schema = resolve(schemaNode);
    if (depth > 24) {
      return true;
    }
    if (VIDEO_SCHEMA.equals(schemaNode.path("$ref").asText())) {
      // cloudflare-stream.md documents clippedFrom on the video object; the subset lacks it
      properties.computeIfAbsent("clippedFrom", k -> new ArrayList<>()).add(Json.object());
    }
    JsonNode additional = schema.get("additionalProperties");
    boolean open = additional != null && !(additional.isBoolean() && !additional.asBoolean());
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      properties
          .computeIfAbsent(property.getKey(), k -> new ArrayList<>())
          .add(property.getValue());
    }
    for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
      for (JsonNode part : schema.path(combinator)) {
        open |= collectProperties(part, properties, depth + 1);
      }
    }
    return open;
  }

  private JsonNode itemsOf(JsonNode schemaNode, int depth) {
    JsonNode schema = resolve(schemaNode);
    if (schema.has("items") || depth > 24) {
      return schema.get("items");
    }
    for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
      for (JsonNode part : schema.path(combinator)) {
        JsonNode items = itemsOf(part, depth + 1);
        if (items != null) {
          return items;
        }
      }
    }
    return null;
  }

  private JsonNode responseSchema(Operation operation, int status) {
    JsonNode responses = operation.node().path("responses");
    String family = (status / 100) + "XX";
    List<String> keys =
        status < 400
            ? List.of(String.valueOf(status), family, "200", "default")
            : List.of(String.valueOf(status), family, "4XX", "default");
    for (String key : keys) {
      JsonNode response = responses.get(key);
      if (response != null) {
        return response.path("content").path("application/json").path("schema");
      }
    }
    return MissingNode.getInstance();
  }

  private List<String> validateJson(
      Operation operation, String where, JsonNode schemaNode, String json) {
    JsonNode instance;
    try {
      instance = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      return List.of(finding(operation, where, "", "body is not JSON: " + e.getOriginalMessage()));
    }
    if (instance == null || instance.isMissingNode()) {
      return List.of(finding(operation, where, "", "body is not JSON"));
    }
    List<String> findings = new ArrayList<>();
    for (ValidationMessage message : schema(schemaNode).validate(instance)) {
      findings.add(
          finding(operation, where, message.getInstanceLocation().toString(), message.getError()));
    }
    return findings;
  }

  private JsonSchema schema(JsonNode schemaNode) {
    return schemas.computeIfAbsent(
        schemaNode.toString(),
        key -> {
          JsonNode ref = schemaNode.get("$ref");
          if (ref != null && ref.asText().startsWith("#/")) {
            return factory.getSchema(SchemaLocation.of(DOCUMENT_IRI + ref.asText()), config);
          }
          // an inline schema's own $refs point into the document: make them absolute
          return factory.getSchema(absoluteRefs(schemaNode.deepCopy()), config);
        });
  }

  private static JsonNode absoluteRefs(JsonNode node) {
    if (node instanceof ObjectNode object) {
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith("#/")) {
        object.put("$ref", DOCUMENT_IRI + ref.asText());
      }
      object.properties().forEach(field -> absoluteRefs(field.getValue()));
    } else if (node.isArray()) {
      node.forEach(StreamSchemaValidator::absoluteRefs);
    }
    return node;
  }

  private JsonNode resolve(JsonNode schemaNode) {
    JsonNode current = schemaNode;
    for (int depth = 0; depth < 16 && current.has("$ref"); depth++) {
      current = document.at(current.get("$ref").asText().substring(1));
    }
    return current;
  }

  private static JsonNode coerce(String value, String type) {
    try {
      return switch (type) {
        case "integer" -> LongNode.valueOf(Long.parseLong(value.trim()));
        case "number" -> DoubleNode.valueOf(Double.parseDouble(value.trim()));
        case "boolean" ->
            "true".equals(value)
                ? BooleanNode.TRUE
                : "false".equals(value) ? BooleanNode.FALSE : null;
        default -> TextNode.valueOf(value);
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String finding(Operation operation, String where, String pointer, String message) {
    String at = pointer == null || pointer.isEmpty() ? "" : " " + pointer;
    return operation.operationId() + " " + where + at + ": " + message;
  }

  static String header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
        return entry.getValue().get(0);
      }
    }
    return null;
  }

  static Map<String, String> parseQuery(String query) {
    Map<String, String> result = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return result;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      result.putIfAbsent(key, value);
    }
    return result;
  }

  private static List<Operation> readOperations(JsonNode document) {
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      String template = path.getKey();
      List<String> variables = new ArrayList<>();
      StringBuilder regex = new StringBuilder();
      Matcher matcher = TEMPLATE_VARIABLE.matcher(template);
      int last = 0;
      while (matcher.find()) {
        regex.append(Pattern.quote(template.substring(last, matcher.start()))).append("([^/]+)");
        variables.add(matcher.group(1));
        last = matcher.end();
      }
      regex.append(Pattern.quote(template.substring(last)));
      Pattern pattern = Pattern.compile(regex.toString());
      for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
        if (!method.getValue().has("operationId")) {
          continue;
        }
        operations.add(
            new Operation(
                method.getKey().toUpperCase(Locale.ROOT),
                template,
                pattern,
                List.copyOf(variables),
                method.getValue(),
                method.getValue().get("operationId").asText()));
      }
    }
    // Literal segments beat variables, left to right: POST /stream/clip is the clip operation,
    // not an edit of a video whose uid is "clip".
    operations.sort(Comparator.comparing(Operation::specificity).reversed());
    return List.copyOf(operations);
  }

  /** One operation of the document. */
  record Operation(
      String method,
      String template,
      Pattern pattern,
      List<String> variables,
      JsonNode node,
      String operationId) {

    String specificity() {
      StringBuilder key = new StringBuilder();
      for (String segment : template.split("/")) {
        key.append(segment.startsWith("{") ? '0' : '1');
      }
      return key.toString();
    }
  }

  /** An operation matched by a concrete path, with the decoded path parameters. */
  record Match(Operation operation, Map<String, String> pathParameters) {}
}
