package io.videokit.cloudflare;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.videokit.video.RetryPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP side of every resource of {@link CloudflareStreamClient}: sends a {@link CloudflareCall}
 * with {@code Authorization: Bearer}, under the client-side rate limit and the {@code Retry-After}
 * block, retries it on the {@link RetryPolicy} when that is safe, reads the {@code {success,
 * errors, messages, result}} envelope and maps failures to the typed exceptions.
 *
 * <p>The rule for creating calls ({@link CloudflareCall#repeatable()} false): they are repeated
 * only when the request certainly never reached Cloudflare (a connect failure), never after a
 * timeout, a reset or a 5xx, since Cloudflare may have acted on them.
 */
final class CloudflareTransport {

  private static final Logger log = LoggerFactory.getLogger(CloudflareStreamClient.class);
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final HttpClient http;
  private final URI streamBase;
  private final String authorization;
  private final Duration requestTimeout;
  private final Duration maxRetryWait;
  private final Retry repeatableRetry;
  private final Retry creatingRetry;
  private final RateLimiter rateLimiter;
  private final Duration rateLimitPeriod;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();
  private final AtomicReference<Instant> blockedUntil = new AtomicReference<>(Instant.EPOCH);
  private final CloudflareCallObserver observer;

  /** A received answer, its envelope parsed when one was expected. */
  record Answer(int status, HttpHeaders headers, @Nullable JsonNode root) {}

  CloudflareTransport(
      HttpClient http,
      URI streamBase,
      String authorization,
      Duration requestTimeout,
      Duration maxRetryWait,
      RetryPolicy retryPolicy,
      int rateLimitRequests,
      Duration rateLimitPeriod,
      Clock clock,
      CloudflareCallObserver observer) {
    this.http = http;
    this.observer = observer;
    this.streamBase = streamBase;
    this.authorization = authorization;
    this.requestTimeout = requestTimeout;
    this.maxRetryWait = maxRetryWait;
    this.clock = clock;
    this.repeatableRetry = retry("repeatable", retryPolicy, true);
    this.creatingRetry = retry("creating", retryPolicy, false);
    this.rateLimitPeriod = rateLimitPeriod;
    this.rateLimiter =
        RateLimiter.of(
            "cloudflare-stream",
            RateLimiterConfig.custom()
                .limitForPeriod(rateLimitRequests)
                .limitRefreshPeriod(rateLimitPeriod)
                .timeoutDuration(maxRetryWait)
                .build());
  }

  /** {@code <base>/accounts/{account_id}/stream}. */
  URI streamBase() {
    return streamBase;
  }

  /** {@code <stream base>/<suffix>}. */
  URI path(String suffix) {
    return URI.create(streamBase + "/" + suffix);
  }

  /** Sends a call and reads the envelope's {@code result} (null when absent). */
  <T> T call(CloudflareCall call, Function<@Nullable JsonNode, T> reader) {
    return send(call, root -> reader.apply(root.get("result")));
  }

  /** Sends a call and reads the whole envelope; a reader's refusal is a protocol error. */
  <T> T send(CloudflareCall call, Function<JsonNode, T> reader) {
    return execute(
        call,
        answer -> {
          JsonNode root = Objects.requireNonNull(answer.root());
          try {
            return reader.apply(root);
          } catch (IllegalArgumentException | ClassCastException e) {
            throw new CloudflareProtocolException(call.operation(), e.getMessage(), e);
          }
        });
  }

  /** Sends a DELETE: true when deleted, false when there was nothing to delete (404). */
  boolean deleting(CloudflareCall call) {
    try {
      execute(call, answer -> Boolean.TRUE);
      return true;
    } catch (CloudflareApiException e) {
      if (e.isNotFound()) {
        return false;
      }
      throw e;
    }
  }

  /** Sends a call (retried as its kind allows) and reads the raw answer. */
  <T> T execute(CloudflareCall call, Function<Answer, T> reader) {
    Retry retry = call.repeatable() ? repeatableRetry : creatingRetry;
    Answer answer = Retry.decorateSupplier(retry, () -> attempt(call)).get();
    return reader.apply(answer);
  }

  private Answer attempt(CloudflareCall call) {
    Instant now = clock.instant();
    Instant blocked = blockedUntil.get();
    if (now.isBefore(blocked)) {
      observer.heldBack();
      throw new CloudflareRateLimitedException(
          call.operation(), Duration.between(now, blocked), List.of());
    }
    if (!rateLimiter.acquirePermission()) {
      observer.heldBack();
      throw new CloudflareRateLimitedException(call.operation(), rateLimitPeriod, List.of());
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(call.uri())
            .timeout(requestTimeout)
            .header("Authorization", authorization)
            .header("Accept", "application/json")
            .method(
                call.method(),
                call.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(call.body()));
    call.headers().forEach(request::header);
    long started = System.nanoTime();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      observer.unavailable(true);
      throw new CloudflareUnavailableException(call.operation(), true, e);
    } catch (IOException e) {
      observer.unavailable(false);
      throw new CloudflareUnavailableException(call.operation(), false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      observer.unavailable(false);
      throw new CloudflareUnavailableException(call.operation(), false, e);
    }
    int status = response.statusCode();
    observer.answered(status);
    log.debug(
        "{} → {} in {} ms", call.operation(), status, (System.nanoTime() - started) / 1_000_000);
    byte[] body = response.body() == null ? new byte[0] : response.body();
    if (status == 429) {
      // Retry-After counts from when the answer arrived (RFC 9110, section 10.2.3), not from when
      // the request left: a slow round trip must not shorten the wait.
      Instant answered = clock.instant();
      Duration wait = retryAfter(response.headers(), answered);
      blockedUntil.accumulateAndGet(answered.plus(wait), (a, b) -> a.isAfter(b) ? a : b);
      throw new CloudflareRateLimitedException(call.operation(), wait, errorsOf(body));
    }
    if (status < 200 || status >= 300) {
      throw new CloudflareApiException(call.operation(), status, errorsOf(body));
    }
    if (!call.expectsEnvelope() || (body.length == 0 && "DELETE".equals(call.method()))) {
      // a DELETE may answer 200 with no body (the schema documents none)
      return new Answer(status, response.headers(), null);
    }
    JsonNode root = parse(call.operation(), body);
    if (!root.path("success").asBoolean(false)) {
      throw new CloudflareApiException(call.operation(), status, errorsOf(root));
    }
    return new Answer(status, response.headers(), root);
  }

  /**
   * resilience4j's retry, waiting {@link RetryPolicy#delay(int, java.util.random.RandomGenerator)}
   * between attempts, or the announced {@code Retry-After} after a 429.
   */
  private Retry retry(String name, RetryPolicy policy, boolean repeatable) {
    Retry retry = newRetry(name, policy, repeatable);
    retry
        .getEventPublisher()
        .onRetry(event -> {
          if (event.getLastThrowable() instanceof CloudflareRateLimitedException) {
            observer.rateLimitWait(event.getWaitInterval());
          }
        });
    return retry;
  }

  private Retry newRetry(String name, RetryPolicy policy, boolean repeatable) {
    return Retry.of(
        "cloudflare-stream-" + name,
        RetryConfig.<Answer>custom()
            .maxAttempts(policy.maxAttempts())
            .retryOnException(e -> shouldRetry(e, repeatable))
            .intervalBiFunction((attempt, outcome) -> {
              if (outcome.isLeft()
                  && outcome.getLeft() instanceof CloudflareRateLimitedException limited) {
                // rounded up, plus a little, so the retry never wakes just before the end
                return (limited.retryAfter().toNanos() + 999_999) / 1_000_000 + 5;
              }
              return Math.max(1, policy.delay(attempt, ThreadLocalRandom.current()).toMillis());
            })
            .build());
  }

  private boolean shouldRetry(Throwable failure, boolean repeatable) {
    if (failure instanceof CloudflareRateLimitedException limited) {
      return limited.retryAfter().compareTo(maxRetryWait) <= 0;
    }
    if (!(failure instanceof CloudflareException e) || !e.isRetryable()) {
      return false;
    }
    return repeatable
        || (failure instanceof CloudflareUnavailableException unavailable
            && unavailable.wasNotSent());
  }

  private Duration retryAfter(HttpHeaders headers, Instant now) {
    Optional<String> value = headers.firstValue("Retry-After").map(String::trim);
    if (value.isPresent()) {
      try {
        long seconds = Long.parseLong(value.get());
        return Duration.ofSeconds(Math.max(0, seconds));
      } catch (NumberFormatException notSeconds) {
        try {
          Instant at =
              ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
          return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException ignored) {
          // fall through to the documented block length
        }
      }
    }
    return Duration.ofMinutes(5);
  }

  private JsonNode parse(String operation, byte[] body) {
    try {
      JsonNode root = json.readTree(body);
      if (root == null || !root.isObject()) {
        throw new CloudflareProtocolException(operation, "not a JSON object", null);
      }
      return root;
    } catch (JacksonException e) {
      throw new CloudflareProtocolException(operation, "malformed JSON", e);
    }
  }

  private List<CloudflareError> errorsOf(byte[] body) {
    if (body.length == 0) {
      return List.of();
    }
    try {
      JsonNode root = json.readTree(body);
      return root == null ? List.of() : errorsOf(root);
    } catch (JacksonException e) {
      return List.of();
    }
  }

  private List<CloudflareError> errorsOf(JsonNode root) {
    JsonNode errors = root.get("errors");
    if (errors == null || !errors.isArray()) {
      return List.of();
    }
    List<CloudflareError> list = new ArrayList<>();
    for (JsonNode error : errors) {
      Map<String, Object> map = error.isObject() ? toMap(error) : Map.of();
      Object code = map.get("code");
      Object message = map.get("message");
      list.add(
          new CloudflareError(
              code instanceof Number n ? n.intValue() : 0,
              message == null ? String.valueOf(error) : message.toString()));
    }
    return List.copyOf(list);
  }

  /** A JSON object as a map (empty for anything else). */
  Map<String, Object> toMap(@Nullable JsonNode node) {
    if (node == null || !node.isObject()) {
      return Map.of();
    }
    return json.convertValue(node, MAP);
  }

  /** A value as a JSON body. */
  byte[] body(Map<String, ?> value) {
    return json.writeValueAsBytes(value);
  }

  /** A path segment that is a Cloudflare identifier (key, live input), never anything else. */
  static String safeSegment(String id) {
    if (id == null || !id.matches("[0-9A-Za-z_-]{1,64}")) {
      throw new IllegalArgumentException("not a Cloudflare identifier: " + id);
    }
    return id;
  }

  /** {@code base?k=v&…}, form-encoded. */
  static URI withQuery(URI base, Map<String, String> parameters) {
    if (parameters.isEmpty()) {
      return base;
    }
    StringJoiner query = new StringJoiner("&", "?", "");
    parameters.forEach((k, v) ->
        query.add(
            URLEncoder.encode(k, StandardCharsets.UTF_8)
                + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return URI.create(base + query.toString());
  }

  static @Nullable String string(@Nullable Object value) {
    return value == null ? null : value.toString();
  }
}
