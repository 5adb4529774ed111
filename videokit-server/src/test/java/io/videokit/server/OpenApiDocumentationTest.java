package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.autoconfigure.openapi.VideokitOpenApiCustomizer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference server's OpenAPI description ({@code /v3/api-docs}, springdoc + videokit's
 * customizer) and Swagger UI: OpenAPI 3.1, every Spring MVC endpoint of the running server
 * documented with its methods (a new endpoint without documentation fails here), the tus 1.0.0
 * operations, problem responses, the Django-compatible endpoints tagged, both public.
 */
class OpenApiDocumentationTest extends ServerTestSupport {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  final JsonMapper json = JsonMapper.builder().build();

  JsonNode apiDocs() throws Exception {
    HttpResponse<String> docs =
        http.send(request("/v3/api-docs").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
    return json.readTree(docs.body());
  }

  @Test
  void isOpenApi31AndPublic() throws Exception {
    JsonNode docs = apiDocs();
    assertThat(docs.path("openapi").asString()).startsWith("3.1.");
    assertThat(docs.path("info").path("title").asString()).isEqualTo("videokit");
  }

  @Test
  void everyControllerEndpointIsDocumentedWithItsMethods() throws Exception {
    JsonNode paths = apiDocs().path("paths");
    Set<String> documented = new TreeSet<>();
    paths
        .properties()
        .forEach(path ->
            path.getValue()
                .properties()
                .forEach(op -> documented.add(normalise(path.getKey()) + " " + op.getKey())));
    List<String> missing = new ArrayList<>();
    int endpoints = 0;
    for (var entry : mappings.getHandlerMethods().entrySet()) {
      HandlerMethod handler = entry.getValue();
      String owner = handler.getBeanType().getName();
      if (owner.startsWith("org.springdoc.") || owner.startsWith("org.springframework.boot.")) {
        continue;
      }
      RequestMappingInfo info = entry.getKey();
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      for (String pattern : info.getPatternValues()) {
        endpoints++;
        String path = normalise(pattern);
        if (methods.isEmpty()) {
          if (documented.stream().noneMatch(d -> d.startsWith(path + " "))) {
            missing.add(path + " (any method)");
          }
        }
        for (RequestMethod method : methods) {
          String key = path + " " + method.name().toLowerCase(Locale.ROOT);
          if (!documented.contains(key)) {
            missing.add(key);
          }
        }
      }
    }
    assertThat(endpoints).isGreaterThan(15);
    assertThat(missing).as("endpoints missing from /v3/api-docs").isEmpty();
  }

  @Test
  void tusOperationsAreDocumentedWithTheirHeaders() throws Exception {
    JsonNode paths = apiDocs().path("paths");
    JsonNode collection = paths.path("/api/uploads/");
    assertThat(collection.has("options")).isTrue();
    assertThat(
            collection.path("post").path("responses").path("201").path("headers").has("Location"))
        .isTrue();
    assertThat(collection.path("post").path("x-tus-version").asString()).isEqualTo("1.0.0");
    JsonNode upload = paths.path("/api/uploads/{id}");
    assertThat(upload.has("head")).isTrue();
    assertThat(upload.has("delete")).isTrue();
    JsonNode patch = upload.path("patch");
    assertThat(patch.path("tags").toString()).contains(VideokitOpenApiCustomizer.TUS_TAG);
    assertThat(patch.path("requestBody").path("content").has("application/offset+octet-stream"))
        .isTrue();
    assertThat(patch.path("parameters").toString()).contains("Upload-Offset", "Tus-Resumable");
    assertThat(upload.has("get")).isFalse();
  }

  @Test
  void everyOperationAnswersErrorsAsProblems() throws Exception {
    JsonNode docs = apiDocs();
    JsonNode problem = docs.path("components").path("schemas").path("ProblemDetail");
    for (String member : List.of("type", "title", "status", "detail")) {
      assertThat(problem.path("properties").has(member)).as(member).isTrue();
    }
    assertThat(docs.path("info").path("description").asString())
        .contains("https://videokit.io/problems/tus/mismatched-offset")
        .contains("https://videokit.io/problems/stream/range-not-satisfiable");
    List<String> notProblems = new ArrayList<>();
    docs.path("paths")
        .properties()
        .forEach(path ->
            path.getValue().properties().stream()
                .filter(op -> HTTP_METHODS.contains(op.getKey()))
                .forEach(op -> {
                  JsonNode responses = op.getValue().path("responses");
                  if (!responses.has("4XX") || !responses.has("5XX")) {
                    notProblems.add(path.getKey() + " " + op.getKey() + " lacks 4XX/5XX");
                  }
                  responses
                      .properties()
                      .forEach(r -> {
                        if (r.getKey().matches("[45].*")
                            && !r.getValue()
                                .path("content")
                                .has(VideokitOpenApiCustomizer.PROBLEM_JSON)) {
                          notProblems.add(path.getKey() + " " + op.getKey() + " " + r.getKey());
                        }
                      });
                }));
    assertThat(notProblems).isEmpty();
  }

  @Test
  void djangoCompatibleEndpointsAreTaggedAndSecurityIsDescribed() throws Exception {
    JsonNode docs = apiDocs();
    for (String path : List.of("/stream/start/", "/stream/stop/")) {
      JsonNode post = docs.path("paths").path(path).path("post");
      assertThat(post.path("tags").toString())
          .as(path)
          .contains(VideokitOpenApiCustomizer.DJANGO_TAG);
      assertThat(post.path("description").asString()).startsWith("Django-compatible");
    }
    assertThat(docs.path("paths").path("/api/broadcasts").path("post").path("tags").toString())
        .doesNotContain("Django");
    JsonNode schemes = docs.path("components").path("securitySchemes");
    assertThat(schemes.path("basicAuth").path("scheme").asString()).isEqualTo("basic");
    assertThat(schemes.path("session").path("in").asString()).isEqualTo("cookie");
  }

  @Test
  void swaggerUiIsServedUnderThePagePolicy() throws Exception {
    HttpResponse<String> page =
        http.send(request("/swagger-ui/index.html").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("swagger-initializer.js").doesNotContain("<script>");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self';", "style-src 'self' 'unsafe-inline'");
    HttpResponse<String> home =
        http.send(request("/").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(home.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("style-src 'self';");
    HttpResponse<String> config =
        http.send(
            request("/v3/api-docs/swagger-config").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(config.statusCode()).isEqualTo(200);
    HttpResponse<Void> redirect =
        http.send(request("/swagger-ui.html").build(), HttpResponse.BodyHandlers.discarding());
    assertThat(redirect.statusCode()).isEqualTo(302);
  }

  /** Trailing slashes and {@code {name:regex}} aside, as springdoc writes paths. */
  static String normalise(String path) {
    String plain = path.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
    while (plain.endsWith("/") && plain.length() > 1) {
      plain = plain.substring(0, plain.length() - 1);
    }
    return plain;
  }
}
