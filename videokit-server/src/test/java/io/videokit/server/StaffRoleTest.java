package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/me}'s staff flag follows {@code videokit.security.staff-role}, not a hard-coded
 * {@code ROLE_ADMIN}: with the staff role set to {@code USER}, alice is staff and admin is not.
 */
@TestPropertySource(properties = "videokit.security.staff-role=USER")
class StaffRoleTest extends ServerTestSupport {

  @Test
  void staffFlagFollowsTheConfiguredStaffRole() throws Exception {
    assertThat(me(ALICE).path("staff").asBoolean()).isTrue();
    assertThat(me(ADMIN).path("staff").asBoolean()).isFalse();
  }

  private JsonNode me(String user) throws Exception {
    HttpResponse<String> response =
        http.send(
            request("/api/me").header("Authorization", basic(user)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JsonMapper.builder().build().readTree(response.body());
  }
}
