package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.cloudflare.CloudflareStreamClient;
import io.videokit.server.video.SharedVideoController;
import io.videokit.server.video.SharedVideoRepository;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Without Cloudflare credentials (the default): the Cloudflare features are simply off, the web
 * page uploads to the server itself, and the shared videos (provider-neutral) are served anyway.
 */
class CloudflareOffTest extends ServerTestSupport {

  @Autowired ApplicationContext context;
  @Autowired DataSource dataSource;

  @Test
  void noCloudflareBeansExistButSharedVideosAreServed() {
    assertThat(context.getBeansOfType(CloudflareStreamClient.class)).isEmpty();
    assertThat(context.getBeansOfType(SharedVideoRepository.class)).hasSize(1);
    assertThat(context.getBeansOfType(SharedVideoController.class)).hasSize(1);
  }

  @Test
  void pageIsToldToUploadToTheServerItself() throws Exception {
    HttpResponse<String> me =
        http.send(
            request("/api/me").header("Authorization", basic(ALICE)).build(),
            HttpResponse.BodyHandlers.ofString());

    JsonNode answer = JsonMapper.builder().build().readTree(me.body());
    assertThat(answer.path("upload").path("provider").asString()).isEqualTo("local");
    assertThat(answer.path("upload").path("endpoint").asString()).isEqualTo("/api/uploads");
    assertThat(answer.has("cloudflare")).isFalse();
  }

  @Test
  void cloudflareEndpointsAreNotServedButSharingIs() throws Exception {
    HttpResponse<String> share =
        http.send(
            request("/api/cloudflare/shared-videos")
                .header("Authorization", basic(ALICE))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"uid\":\"x\",\"title\":\"y\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> proxy =
        http.send(
            request("/cloudflare-stream-upload/")
                .header("Authorization", basic(ALICE))
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "10")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(share.statusCode()).as("served, and the uid is checked").isEqualTo(400);
    assertThat(proxy.statusCode()).isEqualTo(404);
  }

  @Test
  void serverMigrationRanInItsOwnHistoryTable() {
    JdbcClient jdbc = JdbcClient.create(dataSource);

    assertThat(jdbc.sql("select count(*) from server_shared_video").query(Long.class).single())
        .isNotNull();
    assertThat(
            jdbc.sql(
                    "select count(*) from \"videokit_server_schema_history\""
                        + " where \"version\" = '1' and \"success\"")
                .query(Long.class)
                .single())
        .isEqualTo(1L);
    assertThat(
            jdbc.sql(
                    "select count(*) from \"videokit_schema_history\""
                        + " where \"script\" like 'V1__%'")
                .query(Long.class)
                .single())
        .isEqualTo(1L);
  }
}
