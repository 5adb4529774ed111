package io.videokit.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.videokit.cloudflare.fake.FakeCloudflareStream;
import io.videokit.cloudflare.fake.RecordedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh {@link FakeCloudflareStream} per test and a {@link CloudflareStreamClient} pointed at it
 * with short backoff, so that fault tests stay fast; timeouts are generous except where a test
 * makes the fake slower than its own short timeout on purpose.
 */
abstract class FakeCloudflareTestSupport {

  /**
   * Generous on purpose: on a loaded 2-core machine a cold first request, or the fake generating a
   * 2048-bit RSA signing key, can take over a second. Timeout tests set their own, shorter one.
   */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  static final int MAX_ATTEMPTS = 3;

  FakeCloudflareStream fake;

  @BeforeEach
  void startFake() {
    fake = FakeCloudflareStream.start();
  }

  @AfterEach
  void stopFake() {
    if (fake != null) {
      fake.close();
    }
  }

  /** Small backoff, 10 s request timeout, 3 attempts, a client-side limit that never bites. */
  CloudflareStreamClient.Builder clientBuilder() {
    return CloudflareStreamClient.builder()
        .accountId(fake.accountId())
        .apiToken(fake.apiToken())
        .baseUri(URI.create(fake.baseUrl()))
        .connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(REQUEST_TIMEOUT)
        .backoff(Duration.ofMillis(20), Duration.ofMillis(200))
        .maxAttempts(MAX_ATTEMPTS)
        .maxRetryWait(Duration.ofSeconds(2))
        .rateLimit(10_000, Duration.ofSeconds(1));
  }

  CloudflareStreamClient client() {
    return clientBuilder().build();
  }

  /** Requests to the API (under {@code /client/v4}), not to the upload URLs. */
  List<RecordedRequest> apiRequests() {
    return fake.requests().stream().filter(r -> r.path().startsWith("/client/v4/")).toList();
  }

  /** API requests with this method whose path, after {@code …/stream}, matches {@code suffix}. */
  long count(String method, String suffixRegex) {
    return fake.requestCount(method, ".+/stream" + suffixRegex);
  }

  List<RecordedRequest> requests(String method, String suffixRegex) {
    Pattern pattern = Pattern.compile(".+/stream" + suffixRegex);
    return fake.requests().stream()
        .filter(r -> r.method().equalsIgnoreCase(method))
        .filter(r -> pattern.matcher(r.path()).matches())
        .toList();
  }

  void assertEveryApiRequestSentTheBearerToken() {
    assertThat(apiRequests())
        .isNotEmpty()
        .allSatisfy(
            r -> assertThat(r.header("Authorization")).contains("Bearer " + fake.apiToken()));
  }

  /** Runs a call that must throw {@code type} and returns what it threw. */
  static <T extends Throwable> T thrown(Class<T> type, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("expected %s to be thrown", type.getSimpleName()).isInstanceOf(type);
    return type.cast(thrown);
  }

  /** Neither the message nor the string form of the exception or any cause names the token. */
  static void assertTokenNotLeaked(Throwable thrown, String token) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(token);
      assertThat(t.toString()).doesNotContain(token);
    }
  }

  /** Parses a tus {@code Upload-Metadata} header; a flag maps to the empty string. */
  static Map<String, String> decodeMetadata(String header) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : header.split(",")) {
      String[] parts = pair.trim().split(" ");
      values.put(
          parts[0],
          parts.length == 1
              ? ""
              : new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }
    return values;
  }

  static String b64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
