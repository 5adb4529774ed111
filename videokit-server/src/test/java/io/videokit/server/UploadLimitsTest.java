package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.core.tus.UsableSpace;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 7 end to end over real HTTP: the per-user quota refuses a plain user but not staff, and a
 * PATCH that would take the (simulated) disk below the free-space floor stops there with 507 while
 * HEAD reports the bytes kept.
 */
class UploadLimitsTest extends ServerTestSupport {

  static final long MIB = 1024 * 1024;
  static final long PLENTY = 1L << 40;

  /** Usable bytes the simulated disk reports for every volume. */
  static final AtomicLong USABLE = new AtomicLong(PLENTY);

  final JsonMapper json = JsonMapper.builder().build();

  @DynamicPropertySource
  static void limits(DynamicPropertyRegistry registry) {
    registry.add("videokit.uploads.quota.per-user", () -> "1MB");
    // the database and upload directory are shared with other test classes: their unfinished
    // uploads must not hit the concurrency cap first
    registry.add("videokit.uploads.max-concurrent-per-user", () -> "1000");
    registry.add("videokit.uploads.min-free-space", () -> "1MB");
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class SimulatedDisk {
    @Bean
    UsableSpace simulatedDisk() {
      return path -> USABLE.get();
    }
  }

  @AfterEach
  void plentyOfSpaceAgain() {
    USABLE.set(PLENTY);
  }

  @Test
  void plainUserOverTheQuotaGetsAProblemWhileStaffDoesNot() throws Exception {
    HttpResponse<String> alices = create(ALICE, 2 * MIB);
    HttpResponse<String> admins = create(ADMIN, 2 * MIB);

    assertThat(alices.statusCode()).isEqualTo(413);
    assertThat(alices.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = json.readTree(alices.body());
    assertThat(problem.path("type").asString()).endsWith("/tus/quota-exceeded");
    assertThat(problem.path("status").asInt()).isEqualTo(413);
    assertThat(problem.path("detail").asString()).contains("quota");
    assertThat(alices.headers().firstValue("Location")).isEmpty();
    assertThat(admins.statusCode()).isEqualTo(201);
  }

  @Test
  void patchHittingTheDiskFloorAnswers507AndHeadReportsTheBytesKept() throws Exception {
    byte[] content = new byte[300 * 1024];
    Arrays.fill(content, (byte) 7);
    HttpResponse<String> created = create(ADMIN, content.length); // staff: the floor binds all
    assertThat(created.statusCode()).isEqualTo(201);
    URI upload = URI.create(created.headers().firstValue("Location").orElseThrow());
    assertThat(patch(upload, 0, Arrays.copyOf(content, 100 * 1024), false).statusCode())
        .isEqualTo(204);

    USABLE.set(MIB + 64 * 1024); // 64 KiB above the floor
    HttpResponse<String> refused =
        patch(upload, 100 * 1024, Arrays.copyOfRange(content, 100 * 1024, content.length), true);

    assertThat(refused.statusCode()).isEqualTo(507);
    assertThat(json.readTree(refused.body()).path("type").asString())
        .endsWith("/tus/insufficient-storage");
    assertThat(refused.headers().firstValue("Upload-Offset")).hasValue(Long.toString(164 * 1024));
    assertThat(offset(upload)).isEqualTo(164 * 1024);

    USABLE.set(PLENTY); // space freed: the client resumes from the offset
    assertThat(
            patch(upload, 164 * 1024, Arrays.copyOfRange(content, 164 * 1024, 300 * 1024), false)
                .statusCode())
        .isEqualTo(204);
  }

  HttpResponse<String> create(String user, long length) throws Exception {
    return http.send(
        request("/api/uploads/")
            .POST(HttpRequest.BodyPublishers.noBody())
            .header("Authorization", basic(user))
            .header("Tus-Resumable", "1.0.0")
            .header("Upload-Length", Long.toString(length))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> patch(URI upload, long offset, byte[] body, boolean chunked)
      throws Exception {
    HttpRequest.BodyPublisher publisher =
        chunked
            ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
            : HttpRequest.BodyPublishers.ofByteArray(body);
    return http.send(
        HttpRequest.newBuilder(upload)
            .method("PATCH", publisher)
            .header("Authorization", basic(ADMIN))
            .header("Tus-Resumable", "1.0.0")
            .header("Upload-Offset", Long.toString(offset))
            .header("Content-Type", "application/offset+octet-stream")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  long offset(URI upload) throws Exception {
    HttpResponse<Void> head =
        http.send(
            HttpRequest.newBuilder(upload)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Tus-Resumable", "1.0.0")
                .header("Authorization", basic(ADMIN))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(head.statusCode()).isEqualTo(200);
    return Long.parseLong(head.headers().firstValue("Upload-Offset").orElse("-1"));
  }
}
