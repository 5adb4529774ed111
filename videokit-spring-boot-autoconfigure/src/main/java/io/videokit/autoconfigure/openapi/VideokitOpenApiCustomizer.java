package io.videokit.autoconfigure.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import io.videokit.core.http.ProblemType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

/**
 * videokit's part of an application's OpenAPI description (springdoc): every 4xx and 5xx answer is
 * an RFC 9457 {@code application/problem+json} body ({@code ProblemDetail} schema, the problem
 * catalogue in the description); the tus 1.0.0 endpoint's operations with their headers (the
 * controller takes the raw request, so springdoc cannot see them); the endpoints that answer any
 * method narrowed to the methods they serve; videokit's endpoints tagged by capability, and the
 * Django-compatible ones tagged {@value #DJANGO_TAG}.
 */
public class VideokitOpenApiCustomizer implements GlobalOpenApiCustomizer {

  /** The tag of the endpoints that keep the Django packages' contracts. */
  public static final String DJANGO_TAG =
      "Django-compatible (django-broadcast / baseapp-cloudflare-stream-field)";

  /** The tag of the tus endpoint. */
  public static final String TUS_TAG = "tus 1.0.0 uploads";

  /** The name of the problem schema in {@code components.schemas}. */
  public static final String PROBLEM_SCHEMA = "ProblemDetail";

  /** The problem body's media type. */
  public static final String PROBLEM_JSON = "application/problem+json";

  private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM_SCHEMA;

  private final String uploadsPath;
  private final String ingestPath;
  private final List<String> djangoPaths;
  private final List<String> cloudflareUploadPaths;

  /**
   * Creates the customizer.
   *
   * @param uploadsPath the tus collection path ({@code videokit.uploads.path})
   * @param ingestPath the live ingest base path ({@code videokit.broadcast.ingest-base-path}'s
   *     path)
   * @param cloudflareUploadPaths the Cloudflare direct creator upload proxy's paths (empty when
   *     Cloudflare Stream is off)
   */
  public VideokitOpenApiCustomizer(
      String uploadsPath, String ingestPath, List<String> cloudflareUploadPaths) {
    this.uploadsPath = trimSlash(uploadsPath);
    this.ingestPath = trimSlash(ingestPath);
    this.cloudflareUploadPaths = List.copyOf(cloudflareUploadPaths);
    List<String> django =
        new ArrayList<>(
            List.of("/stream/start", "/stream/start/", "/stream/stop", "/stream/stop/"));
    django.addAll(cloudflareUploadPaths);
    this.djangoPaths = List.copyOf(django);
  }

  @Override
  public void customise(OpenAPI openApi) {
    describe(openApi);
    openApi.schema(PROBLEM_SCHEMA, problemSchema());
    if (openApi.getPaths() == null) {
      openApi.setPaths(new Paths());
    }
    Paths paths = openApi.getPaths();
    paths.remove(uploadsPath);
    paths.remove(uploadsPath + "/");
    paths.addPathItem(uploadsPath + "/", TusOperations.collection());
    paths.addPathItem(uploadsPath + "/{id}", TusOperations.upload());
    paths.forEach(this::narrow);
    paths.forEach((path, item) ->
        item.readOperationsMap()
            .forEach((method, operation) -> {
              tag(path, operation);
              problems(operation);
            }));
    addTag(
        openApi,
        TUS_TAG,
        "Resumable uploads, tus 1.0.0 (https://tus.io/protocols/resumable-upload).");
    addTag(
        openApi,
        DJANGO_TAG,
        "The contracts of the Django packages videokit succeeds: django-broadcast's "
            + "POST /stream/start/ and /stream/stop/, baseapp-cloudflare-stream-field's "
            + "direct creator upload proxy.");
  }

  /** Endpoints that take any method: only the methods they serve. */
  private void narrow(String path, PathItem item) {
    if (path.startsWith(ingestPath + "/")) {
      keep(item, Set.of(PathItem.HttpMethod.PUT, PathItem.HttpMethod.DELETE));
      item.readOperationsMap()
          .values()
          .forEach(operation ->
              operation.description(
                  "HLS over PUT (ffmpeg -f hls -method PUT): the publisher writes the "
                      + "playlist and segments of one broadcast; authenticated by the "
                      + "broadcast's publisher secret, not a login."));
    } else if (cloudflareUploadPaths.contains(path) || path.equals("/api/cloudflare/uploads")) {
      keep(item, Set.of(PathItem.HttpMethod.POST));
      item.readOperationsMap()
          .values()
          .forEach(operation ->
              operation
                  .summary("Cloudflare Stream direct creator upload (tus creation proxy)")
                  .description(
                      "Creates a direct creator upload at Cloudflare Stream for a tus "
                          + "creation request (Tus-Resumable, Upload-Length, Upload-Metadata)"
                          + " and answers 201 with Location (Cloudflare's tus URL) and "
                          + "Stream-Media-ID."));
    }
  }

  private static void keep(PathItem item, Set<PathItem.HttpMethod> methods) {
    for (PathItem.HttpMethod method : PathItem.HttpMethod.values()) {
      if (!methods.contains(method)) {
        item.operation(method, null);
      }
    }
  }

  private void tag(String path, Operation operation) {
    if (djangoPaths.contains(path)) {
      if (operation.getTags() == null || !operation.getTags().contains(DJANGO_TAG)) {
        operation.addTagsItem(DJANGO_TAG);
      }
      String note = "Django-compatible (django-broadcast / baseapp-cloudflare-stream-field).";
      String description = operation.getDescription();
      if (description == null || !description.startsWith(note)) {
        operation.description(description == null ? note : note + " " + description);
      }
    }
  }

  /** Every 4xx and 5xx answer of an operation is a problem. */
  private static void problems(Operation operation) {
    ApiResponses responses = operation.getResponses();
    if (responses == null) {
      responses = new ApiResponses();
      operation.setResponses(responses);
    }
    responses.forEach((code, response) -> {
      if (code.startsWith("4") || code.startsWith("5")) {
        response.setContent(problemContent());
      }
    });
    if (!responses.containsKey("4XX")) {
      responses.addApiResponse(
          "4XX",
          new ApiResponse()
              .description("A client error: an RFC 9457 problem (see the catalogue).")
              .content(problemContent()));
    }
    if (!responses.containsKey("5XX")) {
      responses.addApiResponse(
          "5XX",
          new ApiResponse()
              .description("A server error: an RFC 9457 problem, never a stack trace.")
              .content(problemContent()));
    }
  }

  static Content problemContent() {
    return new Content()
        .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)));
  }

  @SuppressWarnings("rawtypes") // swagger-models' Schema#setProperties takes raw schemas
  private static Schema<Object> problemSchema() {
    Map<String, Schema> properties = new LinkedHashMap<>();
    properties.put(
        "type",
        TusOperations.schema("string")
            .format("uri")
            .description(
                "https://videokit.io/problems/<code>; the catalogue is in the description"));
    properties.put("title", TusOperations.schema("string").description("the problem type's title"));
    properties.put(
        "status", TusOperations.schema("integer").description("the HTTP status of this answer"));
    properties.put(
        "detail", TusOperations.schema("string").description("what went wrong this time"));
    properties.put(
        "instance",
        TusOperations.schema("string").format("uri-reference").description("the request path"));
    Schema<Object> schema = TusOperations.schema("object");
    schema.setProperties(properties);
    schema.description("An RFC 9457 problem (application/problem+json).");
    return schema;
  }

  private static void describe(OpenAPI openApi) {
    Info info = openApi.getInfo() == null ? new Info() : openApi.getInfo();
    if (info.getTitle() == null || info.getTitle().equals("OpenAPI definition")) {
      info.title("videokit");
    }
    StringBuilder text = new StringBuilder();
    if (info.getDescription() != null) {
      text.append(info.getDescription()).append("\n\n");
    }
    text.append("## Problem types\n\nEvery 4xx and 5xx answer is an RFC 9457 problem (`")
        .append(PROBLEM_JSON)
        .append("`, schema `")
        .append(PROBLEM_SCHEMA)
        .append("`) whose `type` is one of:\n\n| type | status | title |\n|---|---|---|\n");
    for (ProblemType type : ProblemType.values()) {
      text.append("| `")
          .append(type.uri())
          .append("` | ")
          .append(type.statusVaries() ? "4xx/5xx" : Integer.toString(type.status()))
          .append(" | ")
          .append(type.title())
          .append(" |\n");
    }
    info.description(text.toString());
    openApi.info(info);
  }

  private static void addTag(OpenAPI openApi, String name, String description) {
    if (openApi.getTags() == null
        || openApi.getTags().stream().noneMatch(t -> name.equals(t.getName()))) {
      openApi.addTagsItem(new Tag().name(name).description(description));
    }
  }

  private static String trimSlash(String path) {
    String trimmed = path;
    while (trimmed.endsWith("/") && trimmed.length() > 1) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }

  /** A header parameter (used by {@link TusOperations}). */
  static Parameter header(String name, boolean required, String description, String type) {
    return new Parameter()
        .in("header")
        .name(name)
        .required(required)
        .description(description)
        .schema(TusOperations.schema(type));
  }
}
