package io.videokit.cloudflare;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.cloudflare.fake.RecordedRequest;
import io.videokit.cloudflare.fake.VideoSeed;
import io.videokit.video.RetryPolicy;
import io.videokit.video.Video;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retries, timeouts, rate limits and transport failures, driven by the fake's fault injectors: the
 * client repeats what is safe to repeat, never repeats a creating call Cloudflare may have acted
 * on, and never sends a request it knows would be refused.
 */
class CloudflareStreamClientResilienceTest extends FakeCloudflareTestSupport {

  private static final String RATE_LIMITED_ENVELOPE =
      "{\"result\":null,\"success\":false,\"errors\":[{\"code\":10013,"
          + "\"message\":\"Rate limited\"}],\"messages\":[]}";

  private String uid;

  @BeforeEach
  void seedVideo() {
    uid = fake.addReadyVideo();
  }

  @AfterEach
  void everyApiRequestCarriedTheBearerToken() {
    assertThat(apiRequests())
        .allSatisfy(
            r -> assertThat(r.header("Authorization")).contains("Bearer " + fake.apiToken()));
  }

  // ------------------------------------------------------------------------------------ 5xx

  @Test
  void getSucceedsAfterTwo5xxAnswersWithExactlyThreeRequests() {
    fake.failNext(2, 503);

    Video video = client().video(uid);

    assertThat(video.uid()).isEqualTo(uid);
    assertThat(count("GET", "/" + uid)).isEqualTo(3);
    assertThat(fake.apiFaults().pending()).isZero();
    fake.assertNoSchemaViolations();
  }

  @Test
  void getFailingMoreOftenThanMaxAttemptsThrowsTheLast5xxAfterExactlyMaxAttemptsRequests() {
    fake.failNext(MAX_ATTEMPTS + 2, 502);

    CloudflareApiException failed = thrown(CloudflareApiException.class, () -> client().video(uid));

    assertThat(failed).isExactlyInstanceOf(CloudflareApiException.class);
    assertThat(failed.status()).isEqualTo(502);
    assertThat(failed.hasErrorCode(10001)).isTrue();
    assertThat(failed.isRetryable()).isTrue();
    assertThat(count("GET", "/" + uid)).isEqualTo(MAX_ATTEMPTS);
    assertThat(fake.apiFaults().pending()).isEqualTo(2);
    assertTokenNotLeaked(failed, fake.apiToken());
    fake.assertNoSchemaViolations();
  }

  @Test
  void aRetryPolicyGivenToTheBuilderSetsTheAttemptsAndTheWaitBetweenThem() {
    fake.failNext(5, 503);
    CloudflareStreamClient client =
        clientBuilder().retryPolicy(RetryPolicy.exponential(ms(300), ms(300), 2)).build();

    long started = System.nanoTime();
    CloudflareApiException failed = thrown(CloudflareApiException.class, () -> client.video(uid));

    assertThat(failed.status()).isEqualTo(503);
    assertThat(count("GET", "/" + uid)).isEqualTo(2);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(ms(300));
  }

  static Stream<Arguments> creatingCalls() {
    return Stream.of(
        creating(
            "tus creation",
            (client, parent) -> client.createTusUpload(new TusUploadRequest(10, null, null, 60))),
        creating("clip", (client, parent) -> client.clip(ClipRequest.firstSeconds(parent, 5))),
        creating(
            "copy",
            (client, parent) ->
                client.copyFromUrl(URI.create("https://example.com/a.mp4"), null, null)),
        creating(
            "direct upload",
            (client, parent) ->
                client.createDirectUpload(new DirectUploadRequest(60, null, null, null, false))),
        creating(
            "live input",
            (client, parent) -> client.createLiveInput(LiveInputRequest.recording("live", null))),
        creating("signing key", (client, parent) -> client.createSigningKey()));
  }

  private static Arguments creating(String name, CreatingCall call) {
    return Arguments.of(Named.of(name, call));
  }

  /** A call that creates something at Cloudflare. */
  interface CreatingCall {
    void run(CloudflareStreamClient client, String readyVideo);
  }

  @ParameterizedTest
  @MethodSource("creatingCalls")
  void creatingCallAnswered5xxIsSentExactlyOnce(CreatingCall call) {
    fake.failNext(1, 503);
    CloudflareStreamClient client = client();

    CloudflareApiException failed =
        thrown(CloudflareApiException.class, () -> call.run(client, uid));

    assertThat(failed.status()).isEqualTo(503);
    assertThat(apiRequests()).hasSize(1);
    assertThat(fake.videoUids()).containsExactly(uid);
    // The fault was the only reason: the same call then goes through.
    call.run(client, uid);
    assertThat(apiRequests()).hasSize(2);
    assertTokenNotLeaked(failed, fake.apiToken());
    fake.assertNoSchemaViolations();
  }

  // ------------------------------------------------------------------------------------ 429

  @Test
  void clipAnswered429WithRetryAfterOneSecondIsRetriedAfterThatSecond() {
    String parent = fake.addVideo(VideoSeed.ready().duration(60));
    fake.rateLimitNext(1, 1);
    long started = System.nanoTime();

    Video clip = client().clip(ClipRequest.firstSeconds(parent, 10));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(ms(1000));
    List<RecordedRequest> clips = requests("POST", "/clip");
    assertThat(clips).hasSize(2);
    assertThat(Duration.between(clips.get(0).receivedAt(), clips.get(1).receivedAt()))
        .isGreaterThanOrEqualTo(ms(950));
    assertThat(fake.videoUids()).containsExactly(uid, parent, clip.uid());
    fake.assertNoSchemaViolations();
  }

  @Test
  void tusCreationAnswered429WithRetryAfterOneSecondIsRetriedAndCreatesOneUpload() {
    fake.rateLimitNext(1, 1);
    long started = System.nanoTime();

    TusUploadCreated created =
        client().createTusUpload(new TusUploadRequest(100, null, "creator-1", null));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(ms(1000));
    assertThat(count("POST", "")).isEqualTo(2);
    assertThat(fake.videoUids()).containsExactly(uid, created.uid());
    fake.assertNoSchemaViolations();
  }

  @Test
  void retryAfterCountsFromWhenTheAnswerArrivedNotFromWhenTheRequestLeft() {
    MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
    // The round trip takes 5 s on the client's clock: the answer arrives at 12:00:05.
    CloudflareCallObserver slowRoundTrip =
        new CloudflareCallObserver() {
          @Override
          public void answered(int status) {
            clock.advance(Duration.ofSeconds(5));
          }
        };
    CloudflareStreamClient client = clientBuilder().clock(clock).observer(slowRoundTrip).build();
    fake.rateLimitNext(1, 30);

    thrown(CloudflareRateLimitedException.class, () -> client.video(uid));

    // Blocked until 12:00:35 (RFC 9110, section 10.2.3), so 30 s are left at 12:00:05.
    CloudflareRateLimitedException blocked =
        thrown(CloudflareRateLimitedException.class, () -> client.video(uid));
    assertThat(blocked.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(29));
    thrown(CloudflareRateLimitedException.class, () -> client.video(uid));
    assertThat(apiRequests()).hasSize(1);
  }

  @Test
  void retryAfterLongerThanMaxRetryWaitFailsAtOnceAndBlocksLaterCallsWithoutSendingThem() {
    MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
    CloudflareStreamClient client = clientBuilder().clock(clock).build();
    fake.rateLimitNext(1, 30);
    long started = System.nanoTime();

    CloudflareRateLimitedException limited =
        thrown(CloudflareRateLimitedException.class, () -> client.video(uid));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ms(1000));
    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.hasErrorCode(10013)).isTrue();
    assertThat(apiRequests()).hasSize(1);
    assertTokenNotLeaked(limited, fake.apiToken());

    // Within Cloudflare's block every call fails fast, creating calls included.
    CloudflareRateLimitedException blocked =
        thrown(CloudflareRateLimitedException.class, () -> client.list(VideoQuery.ALL));
    assertThat(blocked.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(blocked.errors()).isEmpty();
    thrown(
        CloudflareRateLimitedException.class, () -> client.clip(ClipRequest.firstSeconds(uid, 5)));
    clock.advance(Duration.ofSeconds(20));
    CloudflareRateLimitedException later =
        thrown(CloudflareRateLimitedException.class, () -> client.video(uid));
    assertThat(later.retryAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(apiRequests()).hasSize(1);

    // Once the announced time has passed, calls go out again.
    clock.advance(Duration.ofSeconds(10));
    assertThat(client.video(uid).uid()).isEqualTo(uid);
    assertThat(apiRequests()).hasSize(2);
    fake.assertNoSchemaViolations();
  }

  @Test
  void retryAfterGivenAsAnHttpDateIsMeasuredFromTheClientsClock() {
    MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
    CloudflareStreamClient client = clientBuilder().clock(clock).build();
    fake.wireMock()
        .stubFor(
            get(urlPathMatching(".*/stream/" + uid))
                .willReturn(
                    aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "Sat, 01 Mar 2025 12:00:40 GMT")
                        .withHeader("Content-Type", "application/json")
                        .withBody(RATE_LIMITED_ENVELOPE)));

    CloudflareRateLimitedException limited =
        thrown(CloudflareRateLimitedException.class, () -> client.video(uid));

    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(40));
    assertThat(count("GET", "/" + uid)).isEqualTo(1);
  }

  @Test
  void a429WithoutRetryAfterBlocksForCloudflaresDocumentedFiveMinutes() {
    MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
    CloudflareStreamClient client = clientBuilder().clock(clock).build();
    fake.wireMock()
        .stubFor(
            get(urlPathMatching(".*/stream/" + uid))
                .willReturn(
                    aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withBody(RATE_LIMITED_ENVELOPE)));

    CloudflareRateLimitedException limited =
        thrown(CloudflareRateLimitedException.class, () -> client.video(uid));

    assertThat(limited.retryAfter()).isEqualTo(Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(4));
    assertThat(
            thrown(CloudflareRateLimitedException.class, () -> client.list(VideoQuery.ALL))
                .retryAfter())
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(apiRequests()).hasSize(1);
  }

  // ------------------------------------------------------------------------------- timeouts

  @Test
  void getThatTimesOutOnceIsRetriedAndSucceeds() {
    fake.delayNext(1, ms(2500));
    CloudflareStreamClient client = clientBuilder().requestTimeout(ms(1000)).build();

    assertThat(client.video(uid).uid()).isEqualTo(uid);

    assertThat(count("GET", "/" + uid)).isEqualTo(2);
    fake.assertNoSchemaViolations();
  }

  @Test
  void getThatTimesOutOnEveryAttemptIsUnavailableAfterMaxAttemptsRequests() {
    fake.delayNext(MAX_ATTEMPTS, ms(2500));
    CloudflareStreamClient client = clientBuilder().requestTimeout(ms(1000)).build();

    CloudflareUnavailableException unavailable =
        thrown(CloudflareUnavailableException.class, () -> client.video(uid));

    assertThat(unavailable.wasNotSent()).isFalse();
    assertThat(unavailable.isRetryable()).isTrue();
    assertThat(unavailable).hasCauseInstanceOf(HttpTimeoutException.class);
    assertThat(count("GET", "/" + uid)).isEqualTo(MAX_ATTEMPTS);
    assertTokenNotLeaked(unavailable, fake.apiToken());
    fake.assertNoSchemaViolations();
  }

  @Test
  void creatingCallThatTimesOutIsNotRetriedBecauseCloudflareMayHaveActedOnIt() {
    String parent = fake.addVideo(VideoSeed.ready().duration(60));
    fake.delayNext(1, ms(2500));
    CloudflareStreamClient client = clientBuilder().requestTimeout(ms(1000)).build();

    CloudflareUnavailableException unavailable =
        thrown(
            CloudflareUnavailableException.class,
            () -> client.clip(ClipRequest.firstSeconds(parent, 10)));

    assertThat(unavailable.wasNotSent()).isFalse();
    assertThat(count("POST", "/clip")).isEqualTo(1);
    // The fake did create the clip: a retry would have made a second one.
    assertThat(fake.videoUids()).hasSize(3);
    fake.assertNoSchemaViolations();
  }

  // -------------------------------------------------------------------------- resets, refused

  @Test
  void getWhoseConnectionIsResetTwiceIsRetriedAndSucceedsOnTheThirdRequest() {
    fake.resetNext(2);

    assertThat(client().video(uid).uid()).isEqualTo(uid);

    assertThat(count("GET", "/" + uid)).isEqualTo(3);
    fake.assertNoSchemaViolations();
  }

  @Test
  void creatingCallWhoseConnectionIsResetIsNotRetried() {
    fake.resetNext(1);
    CloudflareStreamClient client = client();

    CloudflareUnavailableException unavailable =
        thrown(
            CloudflareUnavailableException.class,
            () -> client.createLiveInput(LiveInputRequest.recording("live", null)));

    assertThat(unavailable.wasNotSent()).isFalse();
    assertThat(count("POST", "/live_inputs")).isEqualTo(1);
    assertThat(client.liveInputs()).isEmpty();
    fake.assertNoSchemaViolations();
  }

  @Test
  void closedPortIsUnavailableNotSentAndRetriedUpToMaxAttemptsEvenForCreatingCalls()
      throws IOException {
    int closed = closedPort();
    CountingHttpClient http = new CountingHttpClient(0, closed);
    CloudflareStreamClient client =
        clientBuilder()
            .baseUri(URI.create("http://127.0.0.1:" + closed + "/client/v4"))
            .httpClient(http)
            .build();

    CloudflareUnavailableException get =
        thrown(CloudflareUnavailableException.class, () -> client.video(uid));
    assertThat(get.wasNotSent()).isTrue();
    assertThat(get.isRetryable()).isTrue();
    assertThat(http.sends()).isEqualTo(MAX_ATTEMPTS);

    CloudflareUnavailableException clip =
        thrown(
            CloudflareUnavailableException.class,
            () -> client.clip(ClipRequest.firstSeconds(uid, 5)));
    assertThat(clip.wasNotSent()).isTrue();
    assertThat(http.sends()).isEqualTo(2 * MAX_ATTEMPTS);
    assertTokenNotLeaked(get, fake.apiToken());
    assertTokenNotLeaked(clip, fake.apiToken());
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void creatingCallRefusedOnceIsRetriedAndReachesCloudflareExactlyOnce() throws IOException {
    String parent = fake.addVideo(VideoSeed.ready().duration(60));
    CountingHttpClient http = new CountingHttpClient(1, closedPort());
    CloudflareStreamClient client = clientBuilder().httpClient(http).build();

    Video clip = client.clip(ClipRequest.firstSeconds(parent, 10));

    assertThat(http.sends()).isEqualTo(2);
    assertThat(count("POST", "/clip")).isEqualTo(1);
    assertThat(fake.videoUids()).containsExactly(uid, parent, clip.uid());
    fake.assertNoSchemaViolations();
  }

  // ------------------------------------------------------------------------------ malformed

  @Test
  void malformedJsonOn200IsRetriedForAGet() {
    fake.malformedNext(1);

    assertThat(client().video(uid).uid()).isEqualTo(uid);

    assertThat(count("GET", "/" + uid)).isEqualTo(2);
    fake.assertNoSchemaViolations();
  }

  @Test
  void persistentlyMalformedJsonIsAProtocolExceptionAfterMaxAttemptsRequests() {
    fake.malformedNext(MAX_ATTEMPTS);

    CloudflareProtocolException unreadable =
        thrown(CloudflareProtocolException.class, () -> client().video(uid));

    assertThat(unreadable.getMessage()).contains("GET /stream/{uid}").contains("malformed JSON");
    assertThat(count("GET", "/" + uid)).isEqualTo(MAX_ATTEMPTS);
    assertTokenNotLeaked(unreadable, fake.apiToken());
    fake.assertNoSchemaViolations();
  }

  @Test
  void malformedAnswerToACreatingCallIsNotRetried() {
    fake.malformedNext(1);

    thrown(CloudflareProtocolException.class, () -> client().createSigningKey());

    assertThat(count("POST", "/keys")).isEqualTo(1);
    fake.assertNoSchemaViolations();
  }

  // ---------------------------------------------------------------------- client-side limit

  @Test
  void clientSideLimitRefusesTheFourthCallInThePeriodWithoutSendingItWhenWaitingIsNotAllowed() {
    CloudflareStreamClient client =
        clientBuilder().rateLimit(3, Duration.ofSeconds(2)).maxRetryWait(ms(100)).build();
    for (int i = 0; i < 3; i++) {
      client.video(uid);
    }
    long started = System.nanoTime();

    CloudflareRateLimitedException refused =
        thrown(CloudflareRateLimitedException.class, () -> client.video(uid));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ms(1000));
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(refused.errors()).isEmpty();
    assertThat(apiRequests()).hasSize(3);
    fake.assertNoSchemaViolations();
  }

  @Test
  void clientSideLimitHoldsTheFourthCallUntilTheNextPeriodWhenWaitingIsAllowed() {
    long started = System.nanoTime();
    CloudflareStreamClient client =
        clientBuilder().rateLimit(3, Duration.ofSeconds(1)).maxRetryWait(ms(2000)).build();

    for (int i = 0; i < 4; i++) {
      assertThat(client.video(uid).uid()).isEqualTo(uid);
    }

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(ms(950));
    assertThat(apiRequests()).hasSize(4);
    fake.assertNoSchemaViolations();
  }

  // ---------------------------------------------------------------------------- concurrency

  @Test
  void concurrentCallsFromEightThreadsAllSucceedAndEachInjected5xxCostsExactlyOneMoreRequest()
      throws Exception {
    CloudflareStreamClient client = clientBuilder().maxAttempts(4).build();
    fake.failNext(3, 503);

    List<String> results = runConcurrently(8, 5, () -> client.video(uid).uid());

    assertThat(results).hasSize(40).containsOnly(uid);
    assertThat(count("GET", "/" + uid)).isEqualTo(43);
    fake.assertNoSchemaViolations();
  }

  @Test
  void callsStartedDuringA429WaitOutRetryAfterLocallyAndThenSendExactlyOneRequestEach()
      throws Exception {
    CountDownLatch blockRecorded = new CountDownLatch(1);
    CloudflareStreamClient client =
        clientBuilder().maxAttempts(4).observer(rateLimitWaits(blockRecorded)).build();
    fake.rateLimitNext(1, 1);
    ExecutorService first = Executors.newSingleThreadExecutor();
    try {
      Future<String> limited = first.submit(() -> client.video(uid).uid());
      awaitBlock(blockRecorded);

      List<String> results = runConcurrently(7, 1, () -> client.video(uid).uid());

      assertThat(limited.get(10, TimeUnit.SECONDS)).isEqualTo(uid);
      assertThat(results).hasSize(7).containsOnly(uid);
    } finally {
      first.shutdownNow();
    }
    List<RecordedRequest> gets = requests("GET", "/" + uid);
    assertThat(gets).hasSize(9);
    Instant limitedAt = gets.get(0).receivedAt();
    assertThat(gets.subList(1, gets.size()))
        .allSatisfy(r ->
            assertThat(Duration.between(limitedAt, r.receivedAt()))
                .isGreaterThanOrEqualTo(ms(950)));
    fake.assertNoSchemaViolations();
  }

  @Test
  void callsStartedDuringAShortBlockSucceedWithTwoAttemptsOneToWaitAndOneToSend() throws Exception {
    CountDownLatch blockRecorded = new CountDownLatch(1);
    CloudflareStreamClient client =
        clientBuilder().maxAttempts(2).observer(rateLimitWaits(blockRecorded)).build();
    fake.rateLimitNext(1, 1);
    ExecutorService first = Executors.newSingleThreadExecutor();
    try {
      Future<String> limited = first.submit(() -> client.video(uid).uid());
      awaitBlock(blockRecorded);

      List<String> results = runConcurrently(7, 1, () -> client.video(uid).uid());

      assertThat(limited.get(10, TimeUnit.SECONDS)).isEqualTo(uid);
      assertThat(results).hasSize(7).containsOnly(uid);
    } finally {
      first.shutdownNow();
    }
    assertThat(count("GET", "/" + uid)).isEqualTo(9);
  }

  // -------------------------------------------------------------------------------- helpers

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  /**
   * An observer that counts down when the client waits out a 429: by then it has recorded the block
   * (the wait is announced after {@code blockedUntil} is set), so calls started afterwards must
   * wait locally. A fixed sleep instead raced a loaded machine (CI and shared builds).
   */
  private static CloudflareCallObserver rateLimitWaits(CountDownLatch latch) {
    return new CloudflareCallObserver() {
      @Override
      public void rateLimitWait(Duration wait) {
        latch.countDown();
      }
    };
  }

  private static void awaitBlock(CountDownLatch blockRecorded) throws InterruptedException {
    assertThat(blockRecorded.await(10, TimeUnit.SECONDS))
        .as("the client announced a wait for the 429's Retry-After")
        .isTrue();
  }

  private static <T> List<T> runConcurrently(int threads, int callsPerThread, Callable<T> call)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads * callsPerThread; i++) {
        futures.add(
            pool.submit(() -> {
              start.await();
              return call.call();
            }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(20, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration duration) {
      now.updateAndGet(t -> t.plus(duration));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  /**
   * A JDK client that counts {@link #send} calls and sends the first {@code refused} of them to a
   * closed local port instead (a real connection refusal), the others where they were addressed.
   */
  static final class CountingHttpClient extends HttpClient {

    private final HttpClient delegate =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofMillis(500))
            .followRedirects(Redirect.NEVER)
            .build();
    private final AtomicInteger sends = new AtomicInteger();
    private final int refused;
    private final int closedPort;

    CountingHttpClient(int refused, int closedPort) {
      this.refused = refused;
      this.closedPort = closedPort;
    }

    int sends() {
      return sends.get();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
        throws IOException, InterruptedException {
      if (sends.incrementAndGet() <= refused) {
        URI uri = request.uri();
        URI refusing = URI.create("http://127.0.0.1:" + closedPort + uri.getRawPath() + query(uri));
        return delegate.send(
            HttpRequest.newBuilder(request, (k, v) -> true).uri(refusing).build(), handler);
      }
      return delegate.send(request, handler);
    }

    private static String query(URI uri) {
      return uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest request, HttpResponse.BodyHandler<T> handler) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest request,
        HttpResponse.BodyHandler<T> handler,
        HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
      return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
      return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
      return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
      return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
      return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
      return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
      return delegate.authenticator();
    }

    @Override
    public Version version() {
      return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
      return delegate.executor();
    }
  }
}
