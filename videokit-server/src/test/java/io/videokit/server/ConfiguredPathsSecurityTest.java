package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's security rules follow videokit's configured paths, taken from the library's {@code
 * VideokitRequestMatchers} bean rather than copied defaults (issue 9): with the uploads at {@code
 * /files} and streaming at {@code /media}, an anonymous upload there is a 401 problem, discovery
 * stays open, and streaming stays public.
 */
class ConfiguredPathsSecurityTest extends ServerTestSupport {

  final JsonMapper json = JsonMapper.builder().build();

  @DynamicPropertySource
  static void paths(DynamicPropertyRegistry registry) {
    registry.add("videokit.uploads.path", () -> "/files");
    registry.add("videokit.streaming.path", () -> "/media");
  }

  @Test
  void anAnonymousUploadToTheConfiguredPathIsA401Problem() throws Exception {
    HttpResponse<String> anonymous =
        http.send(
            request("/files")
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "10")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isEmpty();
    JsonNode problem = json.readTree(anonymous.body());
    assertThat(problem.path("type").asString())
        .isEqualTo("https://videokit.io/problems/unauthenticated");
    assertThat(problem.path("status").asInt()).isEqualTo(401);
  }

  @Test
  void wrongCredentialsOnTheConfiguredPathAreA401Problem() throws Exception {
    HttpResponse<String> wrong =
        http.send(
            request("/files/")
                .header("Authorization", "Basic bm9ib2R5Ondyb25n")
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "10")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(json.readTree(wrong.body()).path("detail").asString())
        .isEqualTo("the credentials were not accepted");
  }

  @Test
  void anAuthenticatedUploadToTheConfiguredPathIsCreated() throws Exception {
    HttpResponse<String> created =
        http.send(
            request("/files")
                .header("Authorization", basic(ALICE))
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "10")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).contains("/files/"));
  }

  @Test
  void tusDiscoveryOnTheConfiguredPathNeedsNoLogin() throws Exception {
    HttpResponse<String> options =
        http.send(
            request("/files/").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(options.statusCode()).isEqualTo(204);
    assertThat(options.headers().firstValue("Tus-Version")).hasValue("1.0.0");
  }

  @Test
  void streamingOnTheConfiguredPathStaysPublic() throws Exception {
    Files.createDirectories(DATA.resolve("media"));
    Files.writeString(DATA.resolve("media").resolve("paths-test.txt"), "0123456789");

    HttpResponse<String> stream =
        http.send(
            request("/media/?path=paths-test.txt").header("Range", "bytes=0-3").build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> missing =
        http.send(
            request("/media?path=no-such-file.txt").build(), HttpResponse.BodyHandlers.ofString());

    assertThat(stream.statusCode()).as(stream.body()).isEqualTo(206);
    assertThat(stream.body()).isEqualTo("0123");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json.readTree(missing.body()).path("type").asString())
        .isEqualTo("https://videokit.io/problems/media/not-found");
  }

  @Test
  void theDefaultPathsAreNoLongerVideokits() throws Exception {
    HttpResponse<String> old =
        http.send(
            request("/api/uploads")
                .header("Authorization", basic(ALICE))
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "10")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(old.statusCode()).isNotEqualTo(201);
  }
}
