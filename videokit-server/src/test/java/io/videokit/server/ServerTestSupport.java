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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reference server on a random port with real Tomcat, H2 in memory and media and uploads in a
 * temporary directory. Users: {@code admin} (staff), {@code alice} and {@code bob} (plain users).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ServerTestSupport.Users.class)
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

  @TestConfiguration(proxyBeanMethods = false)
  static class Users {
    /**
     * A plain {@code UserDetailsService}, not the manager itself: Spring Security would otherwise
     * "upgrade" the {@code {noop}} passwords to bcrypt at the first login and spend ~100 ms of CPU
     * on every later request.
     */
    @Bean
    UserDetailsService users() {
      return new InMemoryUserDetailsManager(
              User.withUsername(ADMIN).password("{noop}" + PASSWORD).roles("ADMIN").build(),
              User.withUsername(ALICE).password("{noop}" + PASSWORD).roles("USER").build(),
              User.withUsername(BOB).password("{noop}" + PASSWORD).roles("USER").build())
          ::loadUserByUsername;
    }
  }
}
