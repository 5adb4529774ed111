package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The documented production profile ({@code application-postgres.properties}, activated with {@code
 * --spring.profiles.active=postgres}) as shipped: only its environment variables are set (to an
 * embedded PostgreSQL 18 and a temporary data directory); the server starts, migrates, keeps media
 * and uploads on local disk, and serves uploads and videos.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
class PostgresProfileTest {

  static final Path DATA;

  static {
    try {
      DATA = Files.createTempDirectory("videokit-postgres-profile-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired Environment environment;

  @DynamicPropertySource
  static void environmentVariables(DynamicPropertyRegistry registry) {
    String url =
        TestDatabases.newDatabase("postgresql")
            .get(0)
            .substring("--spring.datasource.url=".length());
    Matcher parts = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)").matcher(url);
    assertThat(parts.matches()).as(url).isTrue();
    // the names the profile reads from the environment, nothing else
    registry.add("POSTGRES_HOST", () -> parts.group(1));
    registry.add("POSTGRES_PORT", () -> parts.group(2));
    registry.add("POSTGRES_DB", () -> parts.group(3));
    registry.add("POSTGRES_USER", () -> "postgres");
    registry.add("POSTGRES_PASSWORD", () -> "postgres");
    registry.add("VIDEOKIT_DATA", DATA::toString);
    registry.add("VIDEOKIT_MIN_FREE_SPACE", () -> "0");
    ServerTestSupport.userProperties().forEach((key, value) -> registry.add(key, () -> value));
  }

  @Test
  void profileRunsOnPostgresqlAndLocalDisk() throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
      try (var rows =
          connection
              .createStatement()
              .executeQuery("select count(*) from videokit_schema_history where success")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getInt(1)).isPositive();
      }
    }
    assertThat(environment.getProperty("videokit.storage.local.root"))
        .isEqualTo(DATA.resolve("media").toString());

    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/uploads/"))
                .header("Authorization", ServerTestSupport.basic(ServerTestSupport.ALICE))
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "4")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(Files.list(DATA.resolve("uploads")).findAny()).isPresent();

    HttpResponse<String> videos =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/videos"))
                .header("Authorization", ServerTestSupport.basic(ServerTestSupport.ALICE))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(videos.statusCode()).as(videos.body()).isEqualTo(200);
  }
}
