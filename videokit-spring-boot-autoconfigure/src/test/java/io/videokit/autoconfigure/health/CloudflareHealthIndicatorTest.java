package io.videokit.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.cloudflare.CloudflareStreamClient;
import io.videokit.cloudflare.fake.FakeCloudflareStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The Cloudflare indicator against the fake, which checks the token and account like Cloudflare.
 */
class CloudflareHealthIndicatorTest {

  private static FakeCloudflareStream fake;

  @BeforeAll
  static void start() {
    fake = FakeCloudflareStream.start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  private static CloudflareStreamClient client(String token, String baseUrl) {
    return CloudflareStreamClient.builder()
        .accountId(fake.accountId())
        .apiToken(token)
        .baseUri(URI.create(baseUrl))
        .maxAttempts(1)
        .connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static CloudflareHealthIndicator indicator(CloudflareStreamClient client, Clock clock) {
    return new CloudflareHealthIndicator(client, fake.baseUrl(), Duration.ofSeconds(30), clock);
  }

  @Test
  void validCredentialsAreUp() {
    Health health = indicator(client(fake.apiToken(), fake.baseUrl()), Clock.systemUTC()).health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("endpoint", fake.baseUrl());
    assertThat(health.toString()).doesNotContain(fake.apiToken());
    fake.assertNoSchemaViolations();
  }

  @Test
  void aWrongTokenIsDownWithoutTheTokenInTheDetails() {
    String wrong = "wrong-token-" + System.nanoTime();

    Health health = indicator(client(wrong, fake.baseUrl()), Clock.systemUTC()).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("error", "credentials refused (HTTP 403)");
    assertThat(health.toString()).doesNotContain(wrong).doesNotContain(fake.apiToken());
  }

  @Test
  void anUnreachableApiIsDown() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String nowhere = "http://127.0.0.1:" + closedPort + "/client/v4";

    Health health = indicator(client(fake.apiToken(), nowhere), Clock.systemUTC()).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat((String) health.getDetails().get("error")).startsWith("unreachable");
  }

  @Test
  void answersAreReusedForTheCachePeriod() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-02T00:00:00Z"));
    CloudflareHealthIndicator indicator = indicator(client(fake.apiToken(), fake.baseUrl()), clock);
    long before = fake.requestCount("GET", ".*/stream/keys");

    indicator.health();
    clock.now = clock.now.plusSeconds(29);
    indicator.health();
    assertThat(fake.requestCount("GET", ".*/stream/keys") - before).isEqualTo(1);

    clock.now = clock.now.plusSeconds(2);
    indicator.health();
    assertThat(fake.requestCount("GET", ".*/stream/keys") - before).isEqualTo(2);
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
