package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference server's Actuator health: status and probes for anyone, videokit's contributors
 * with their details for staff only, every other actuator endpoint staff only.
 */
class HealthEndpointTest extends ServerTestSupport {

  @Test
  void anyoneGetsTheStatusButNoDetails() throws Exception {
    HttpResponse<String> response = get("/actuator/health", null);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.path("status").asString()).isEqualTo("UP");
    assertThat(body.has("components")).isFalse();
    assertThat(json(get("/actuator/health", ALICE)).has("components"))
        .as("a plain user sees no details either")
        .isFalse();
  }

  @Test
  void staffSeeVideokitsContributorsWithTheirDetails() throws Exception {
    HttpResponse<String> response = get("/actuator/health", ADMIN);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode components = json(response).path("components");
    JsonNode storage = components.path("videokitStorage");
    assertThat(storage.path("status").asString()).as(response.body()).isEqualTo("UP");
    assertThat(storage.path("details").path("media").path("path").asString())
        .isEqualTo(DATA.resolve("media").toAbsolutePath().toString());
    assertThat(storage.path("details").path("media").path("free").asLong()).isPositive();
    assertThat(storage.path("details").path("media").path("floor").asLong())
        .isEqualTo(1024L * 1024 * 1024);
    assertThat(storage.path("details").path("uploads").path("writable").asBoolean()).isTrue();
    assertThat(components.path("videokitMediaTools").path("status").asString()).isEqualTo("UP");
    assertThat(components.path("videokitMediaTools").path("details").has("ffprobe")).isTrue();
    JsonNode jobs = components.path("videokitJobs");
    assertThat(jobs.path("status").asString()).isEqualTo("UP");
    assertThat(jobs.path("details").path("dead").asLong()).isZero();
    assertThat(jobs.path("details").path("deadAfter").asString())
        .as("twice db-scheduler's 4 x 5 s of application.properties")
        .isEqualTo("PT40S");
    assertThat(components.has("videokitCloudflare")).as("Cloudflare is not configured").isFalse();
  }

  @Test
  void probesAnswerAnonymouslyAndReadinessUsesTheStorageContributor() throws Exception {
    HttpResponse<String> liveness = get("/actuator/health/liveness", null);
    assertThat(liveness.statusCode()).isEqualTo(200);
    assertThat(json(liveness).path("status").asString()).isEqualTo("UP");

    HttpResponse<String> readiness = get("/actuator/health/readiness", null);
    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(json(readiness).path("status").asString()).isEqualTo("UP");
    assertThat(json(readiness).has("components")).isFalse();

    JsonNode staffView = json(get("/actuator/health/readiness", ADMIN)).path("components");
    assertThat(staffView.has("videokitStorage")).isTrue();
    assertThat(staffView.has("readinessState")).isTrue();
    assertThat(staffView.has("db")).isTrue();
    assertThat(
            json(get("/actuator/health/liveness", ADMIN)).path("components").has("livenessState"))
        .isTrue();
  }

  @Test
  void otherActuatorEndpointsAreForStaffOnly() throws Exception {
    HttpResponse<String> anonymous = get("/actuator", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(get("/actuator", ALICE).statusCode()).isEqualTo(403);
    assertThat(get("/actuator", ADMIN).statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(String path, @Nullable String user) throws Exception {
    var request = request(path).header("Accept", "application/json");
    if (user != null) {
      request.header("Authorization", basic(user));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JsonMapper.builder().build().readTree(response.body());
  }
}
