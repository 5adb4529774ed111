package io.videokit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reference server on a random port with real Tomcat, H2 in memory and media and uploads in a
 * temporary directory. Users: {@code admin} (staff), {@code alice} and {@code bob} (plain users).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ServerTestSupport {

  static final Path DATA;

  static {
    try {
      DATA = Files.createTempDirectory("videokit-it-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final String ADMIN = "admin";
  static final String ALICE = "alice";
  static final String BOB = "bob";
  static final String PASSWORD = "secret-password";

  @LocalServerPort int port;

  final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    // one database for all test classes, unless a class names its own (videokit.it.database):
    // schedulers of every cached context poll the same scheduled_tasks table, so a class that
    // needs its own job settings (LiveRecordingTest) must not share it
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:${videokit.it.database:videokit-it};DB_CLOSE_DELAY=-1");
    registry.add("videokit.storage.local.root", () -> DATA.resolve("media").toString());
    registry.add("videokit.uploads.directory", () -> DATA.resolve("uploads").toString());
    registry.add("db-scheduler.polling-interval", () -> "1s");
    // every test class shares these users, database and upload directory: the per-user cap on
    // unfinished uploads (tested by UploadLimitsTest and the core tests) would add them all up
    registry.add("videokit.uploads.max-concurrent-per-user", () -> "10000");
    userProperties().forEach((key, value) -> registry.add(key, () -> value));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
  }

  static String basic(String user) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The test users as the server's own properties ({@code videokit.server.users[i].*}, {@code
   * {noop}} passwords: no bcrypt cost per request): admin is staff (role {@code ADMIN}), alice and
   * bob are plain users.
   */
  static Map<String, String> userProperties() {
    Map<String, String> users = new LinkedHashMap<>();
    String[][] table = {{ADMIN, "ADMIN"}, {ALICE, "USER"}, {BOB, "USER"}};
    for (int i = 0; i < table.length; i++) {
      users.put("videokit.server.users[" + i + "].name", table[i][0]);
      users.put("videokit.server.users[" + i + "].password", "{noop}" + PASSWORD);
      users.put("videokit.server.users[" + i + "].roles", table[i][1]);
    }
    return users;
  }

  /** {@link #userProperties()} as command-line arguments of a server started in a test. */
  static List<String> userArguments() {
    return userProperties().entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toList();
  }
}
