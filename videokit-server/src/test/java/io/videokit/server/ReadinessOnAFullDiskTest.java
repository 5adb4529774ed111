package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A volume below the free-space floor (simulated by a floor larger than any disk) takes the
 * instance out of the load balancer: readiness answers 503, liveness stays 200 (restarting would
 * not free the disk).
 */
@TestPropertySource(properties = "videokit.uploads.min-free-space=1000000TB")
class ReadinessOnAFullDiskTest extends ServerTestSupport {

  @Test
  void readinessIsDownAndLivenessUp() throws Exception {
    HttpResponse<String> readiness =
        http.send(
            request("/actuator/health/readiness").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(readiness.statusCode()).isEqualTo(503);
    assertThat(readiness.body()).contains("\"status\":\"DOWN\"");

    HttpResponse<String> staffView =
        http.send(
            request("/actuator/health/readiness").header("Authorization", basic(ADMIN)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(staffView.body()).contains("usable space below the floor");

    HttpResponse<String> liveness =
        http.send(
            request("/actuator/health/liveness").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(liveness.statusCode()).isEqualTo(200);
  }
}
