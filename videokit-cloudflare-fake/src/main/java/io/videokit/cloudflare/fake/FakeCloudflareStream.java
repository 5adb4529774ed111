package io.videokit.cloudflare.fake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A stateful, in-process fake of the Cloudflare Stream API v4, in the spirit of okhttp's {@code
 * MockWebServer}: start one per test (or per class), point the client under test at {@link
 * #baseUrl()}, drive it, then inspect what happened and assert that every exchange matched the
 * official OpenAPI schema.
 *
 * <pre>{@code
 * try (FakeCloudflareStream cloudflare = FakeCloudflareStream.start()) {
 *   StreamClient client = new StreamClient(cloudflare.baseUrl(), cloudflare.accountId(), cloudflare.apiToken());
 *   ...
 *   cloudflare.assertNoSchemaViolations();
 * }
 * }</pre>
 *
 * <p><b>API</b> (all under {@code /client/v4/accounts/{accountId}/stream}, Bearer token required,
 * Cloudflare envelopes {@code {result, success, errors, messages}}): tus creation ({@code POST
 * …/stream} with {@code Tus-Resumable}, 201 + {@code Location} + {@code stream-media-id}), list,
 * get, edit, delete, copy from URL, direct upload, clip, MP4 downloads, signed-URL tokens, signing
 * keys, webhook, live inputs, storage usage. Other operations of the document answer 501; stub them
 * through {@link #wireMock()}. Errors: 401 code 10000 (no {@code Authorization: Bearer}), 403 code
 * 10000 (wrong token or account), 404 code 10003 (unknown uid), 400 code 10004 (request violating
 * the schema, bad values), 400 code 10005 (clip range), 400 code 10006 (video not ready), 404 code
 * 7000 / 405 code 7001 (no such route or method). Video and live input deletion answer 200 with an
 * empty body (the document gives no schema there).
 *
 * <p><b>Uploads</b>: the tus URL ({@code <root>/tus/<uid>?tusv2=true}) and the direct upload URL
 * ({@code <root>/upload/<uid>}, multipart field {@code file}) are served by the fake without
 * authentication, with CORS headers.
 *
 * <p><b>Processing</b>: once uploaded, a video is {@code queued}; each {@code GET …/stream/{uid}}
 * advances it one step (see {@link #processingSteps(int)}); optionally a ticker advances every
 * processing video periodically ({@link #processingStepInterval(Duration)}). Copies start in {@code
 * downloading} and reach {@code queued} on their first step. Listing does not advance videos.
 *
 * <p><b>Schema</b>: every request (required bodies and headers, Content-Type, no undeclared query
 * parameters, JSON bodies) and every JSON answer sent by the fake itself (no undeclared properties
 * either; the clip answer has no {@code uid}) is validated against the bundled document, see {@link
 * StreamSchemaValidator}; a request that violates it is refused with 400; findings are collected in
 * {@link #schemaViolations()} and never thrown at the client. Answers of custom stubs and
 * deliberately broken answers ({@link #malformedNext(int)}) are not validated. An exception inside
 * the fake is answered 500 and recorded as a violation too.
 *
 * <p>All methods are thread-safe.
 *
 * <p>Why one class of this size: it is the fixture's whole public surface (start, configure faults
 * and processing, inspect requests and state), which a test author reads in one place; the work is
 * done by {@code ApiHandler}, {@code StreamState}, {@code TusEndpoint} and the validator.
 */
public final class FakeCloudflareStream implements AutoCloseable {

  /** Default account id (32 hex characters, Cloudflare's documentation example). */
  public static final String DEFAULT_ACCOUNT_ID = "023e105f4ecef8ad9ca31a8372d0c353";

  /** Default API token the fake expects as {@code Authorization: Bearer <token>}. */
  public static final String DEFAULT_API_TOKEN = "fake-cloudflare-stream-api-token";

  /** Default customer code: playback host {@code customer-<code>.cloudflarestream.com}. */
  public static final String DEFAULT_CUSTOMER_CODE = "f33zs165nr7gyfy4";

  /** Identity of the fake account, shared by its parts. */
  record Settings(
      String accountId, String apiToken, String rootUrl, String customerHost, SigningKeys keys) {}

  private final WireMockServer server;
  private final Settings settings;
  private final Clock clock;
  private final StreamSchemaValidator validator;
  private final StreamState state;
  private final FaultInjector apiFaults = new FaultInjector();
  private final FaultInjector tusFaults = new FaultInjector();
  private final WebhookDispatcher webhooks;
  private final ApiHandler api;
  private final TusEndpoint tus;
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final ScheduledExecutorService ticker;
  private ScheduledFuture<?> tickTask;

  private FakeCloudflareStream(Builder builder) {
    this.clock = builder.clock;
    this.validator = SharedValidator.INSTANCE;
    WireMockConfiguration configuration =
        options()
            .extensions(
                new WireMockExtensions.Responder(this::serve),
                new WireMockExtensions.Recorder(this::record))
            .gzipDisabled(true)
            .maxRequestJournalEntries(1000);
    if (builder.port == 0) {
      configuration.dynamicPort();
    } else {
      configuration.port(builder.port);
    }
    this.server = new WireMockServer(configuration);
    this.server.start();
    String rootUrl = "http://localhost:" + server.port();
    this.settings =
        new Settings(
            builder.accountId,
            builder.apiToken,
            rootUrl,
            "customer-" + builder.customerCode + ".cloudflarestream.com",
            new SigningKeys());
    this.webhooks = new WebhookDispatcher(clock);
    this.state = new StreamState(clock, settings.customerHost(), rootUrl, webhooks);
    this.api = new ApiHandler(settings, state, validator, apiFaults, this::violation);
    this.tus = new TusEndpoint(state, tusFaults);
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(runnable -> {
          Thread thread = new Thread(runnable, "fake-cloudflare-stream-ticker");
          thread.setDaemon(true);
          return thread;
        });
    // WireMock loads stub files from its working directory at start: drop them.
    server.resetMappings();
    installStub();
  }

  /**
   * Starts a fake with default settings on a random port.
   *
   * @return the running fake; close it when done
   */
  public static FakeCloudflareStream start() {
    return builder().start();
  }

  /**
   * A builder for a fake with custom identity, port or clock.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- identity

  /**
   * The API base URL to give the client under test, the fake's stand-in for {@code
   * https://api.cloudflare.com/client/v4}.
   *
   * @return e.g. {@code http://localhost:54321/client/v4}, no trailing slash
   */
  public String baseUrl() {
    return settings.rootUrl() + StreamSchemaValidator.BASE_PATH;
  }

  /**
   * The Stream URL of the account.
   *
   * @return {@code baseUrl() + "/accounts/" + accountId() + "/stream"}
   */
  public String streamUrl() {
    return baseUrl() + "/accounts/" + settings.accountId() + "/stream";
  }

  /**
   * The account id requests must use.
   *
   * @return the account id
   */
  public String accountId() {
    return settings.accountId();
  }

  /**
   * The API token requests must send as {@code Authorization: Bearer <token>}.
   *
   * @return the token
   */
  public String apiToken() {
    return settings.apiToken();
  }

  /**
   * The playback host used in playback, thumbnail, preview and download URLs.
   *
   * @return e.g. {@code customer-f33zs165nr7gyfy4.cloudflarestream.com}
   */
  public String customerHost() {
    return settings.customerHost();
  }

  /**
   * The TCP port the fake listens on.
   *
   * @return the port
   */
  public int port() {
    return server.port();
  }

  /**
   * The underlying WireMock server, for custom stubs and verification. Stubs registered without a
   * priority (WireMock's default 5) win over the fake, whose catch-all stub has priority 100; their
   * answers are recorded in {@link #requests()} but not validated against the schema.
   *
   * @return the running server; do not stop it directly, use {@link #close()}
   */
  public WireMockServer wireMock() {
    return server;
  }

  // ---------------------------------------------------------------- processing configuration

  /**
   * Sets how many processing steps lead from {@code queued} to {@code ready} (default 2). With
   * {@code N} steps, steps 1..N-1 show {@code inprogress} with {@code pctComplete} = step / N * 100
   * (a string such as {@code "50.000000"}) and step N shows {@code ready}. With 0 a video is ready
   * as soon as its upload completes. A step is one {@code GET …/stream/{uid}} of that video, or one
   * tick (see {@link #processingStepInterval(Duration)}). Applies to videos already processing.
   *
   * @param steps number of steps, at least 0
   * @return this fake
   * @throws IllegalArgumentException if {@code steps < 0}
   */
  public FakeCloudflareStream processingSteps(int steps) {
    state.processingSteps(steps);
    return this;
  }

  /**
   * Adds time-based advancing: every {@code interval}, every processing video (and every MP4
   * download in progress) advances one step, as if it had been fetched. {@code null} or zero turns
   * the ticker off (default). Reaching {@code ready} this way also triggers webhooks.
   *
   * @param interval tick period, or null / zero to stop ticking
   * @return this fake
   */
  public FakeCloudflareStream processingStepInterval(Duration interval) {
    synchronized (ticker) {
      if (tickTask != null) {
        tickTask.cancel(false);
        tickTask = null;
      }
      if (interval != null && !interval.isZero() && !interval.isNegative()) {
        long nanos = interval.toNanos();
        tickTask = ticker.scheduleAtFixedRate(state::tick, nanos, nanos, TimeUnit.NANOSECONDS);
      }
    }
    return this;
  }

  /**
   * Sets how many {@code GET …/stream/{uid}/downloads} calls (or ticks) lead an MP4 download from
   * {@code inprogress} to {@code ready} (default 1: the POST answers {@code inprogress} with {@code
   * percentComplete} 0, the first GET answers {@code ready} with 100). With 0 the POST answers
   * {@code ready}.
   *
   * @param steps number of steps, at least 0
   * @return this fake
   * @throws IllegalArgumentException if {@code steps < 0}
   */
  public FakeCloudflareStream downloadSteps(int steps) {
    state.downloadSteps(steps);
    return this;
  }

  /**
   * Sets the duration revealed by videos that become ready without a duration of their own (default
   * 30 seconds). Also decides {@code maxDurationSeconds} violations.
   *
   * @param seconds duration in seconds, positive
   * @return this fake
   * @throws IllegalArgumentException if not positive
   */
  public FakeCloudflareStream defaultDuration(double seconds) {
    state.defaultDuration(seconds);
    return this;
  }

  /**
   * Sets the {@code input} dimensions revealed by videos that become ready (default 1920x1080).
   *
   * @param width width in pixels, positive
   * @param height height in pixels, positive
   * @return this fake
   * @throws IllegalArgumentException if not positive
   */
  public FakeCloudflareStream defaultInputSize(int width, int height) {
    state.defaultInputSize(width, height);
    return this;
  }

  /**
   * Sets the duration of one video: revealed when it becomes ready (immediately if it is ready),
   * and compared with its {@code maxDurationSeconds} on its first processing step.
   *
   * @param uid the video uid
   * @param seconds duration in seconds, positive
   * @return this fake
   * @throws IllegalArgumentException for an unknown uid or a non-positive duration
   */
  public FakeCloudflareStream setDuration(String uid, double seconds) {
    state.setDuration(uid, seconds);
    return this;
  }

  /**
   * Puts a video into state {@code error} now (and sends the webhook, if delivering).
   *
   * @param uid the video uid
   * @param errorReasonCode e.g. {@code ERR_NON_VIDEO}, {@code ERR_MALFORMED_VIDEO}
   * @param errorReasonText human-readable reason
   * @return this fake
   * @throws IllegalArgumentException for an unknown uid
   */
  public FakeCloudflareStream failProcessing(
      String uid, String errorReasonCode, String errorReasonText) {
    state.failProcessing(uid, errorReasonCode, errorReasonText);
    return this;
  }

  /**
   * Makes a video {@code ready} now, whatever its state (and sends the webhook, if delivering).
   *
   * @param uid the video uid
   * @return this fake
   * @throws IllegalArgumentException for an unknown uid
   */
  public FakeCloudflareStream completeProcessing(String uid) {
    state.completeProcessing(uid);
    return this;
  }

  /**
   * Turns webhook delivery on or off (default off). When on and a webhook is registered ({@code PUT
   * …/stream/webhook}), the fake POSTs the video object to the {@code notificationUrl} whenever a
   * video reaches {@code ready} or {@code error}, signed with header {@code Webhook-Signature:
   * time=<unix seconds>,sig1=<hex HMAC-SHA256(secret, time + "." + body)>}. Delivery is
   * asynchronous; outcomes are in {@link #webhookDeliveries()}.
   *
   * @param deliver true to deliver
   * @return this fake
   */
  public FakeCloudflareStream deliverWebhooks(boolean deliver) {
    state.deliverWebhooks(deliver);
    return this;
  }

  // ---------------------------------------------------------------- faults

  /**
   * Answers the next {@code count} API requests with {@code httpStatus} and a Cloudflare error
   * envelope (code 10001), without processing them. See {@link FaultInjector} for ordering.
   *
   * @param count number of requests, at least 1
   * @param httpStatus 400..599, typically 500, 502, 503, 504
   * @return this fake
   * @throws IllegalArgumentException for a bad count or status
   */
  public FakeCloudflareStream failNext(int count, int httpStatus) {
    apiFaults.failNext(count, httpStatus);
    return this;
  }

  /**
   * Answers the next {@code count} API requests with 429, {@code Retry-After: retryAfterSeconds}
   * and an error envelope (code 10013), without processing them.
   *
   * @param count number of requests, at least 1
   * @param retryAfterSeconds value of {@code Retry-After}, at least 0
   * @return this fake
   * @throws IllegalArgumentException for a bad count or value
   */
  public FakeCloudflareStream rateLimitNext(int count, int retryAfterSeconds) {
    apiFaults.rateLimitNext(count, retryAfterSeconds);
    return this;
  }

  /**
   * Processes the next {@code count} API requests but holds each answer back for {@code delay}.
   *
   * @param count number of requests, at least 1
   * @param delay positive delay, millisecond precision
   * @return this fake
   * @throws IllegalArgumentException for a bad count or delay
   */
  public FakeCloudflareStream delayNext(int count, Duration delay) {
    apiFaults.delayNext(count, delay);
    return this;
  }

  /**
   * Answers the next {@code count} API requests with 200 and truncated JSON, without processing
   * them.
   *
   * @param count number of requests, at least 1
   * @return this fake
   * @throws IllegalArgumentException for a bad count
   */
  public FakeCloudflareStream malformedNext(int count) {
    apiFaults.malformedNext(count);
    return this;
  }

  /**
   * Resets the connection of the next {@code count} API requests without answering or processing
   * them.
   *
   * @param count number of requests, at least 1
   * @return this fake
   * @throws IllegalArgumentException for a bad count
   */
  public FakeCloudflareStream resetNext(int count) {
    apiFaults.resetNext(count);
    return this;
  }

  /**
   * Processes the next {@code count} API requests, but answers as if for another video (a fresh uid
   * in {@code result.uid} and every URL), schema-valid.
   *
   * @param count number of requests, at least 1
   * @return this fake
   * @throws IllegalArgumentException for a bad count
   */
  public FakeCloudflareStream otherUidNext(int count) {
    apiFaults.otherUidNext(count);
    return this;
  }

  /**
   * Processes the next {@code count} API requests, but answers {@code "result": "ok"} (a string
   * where an object is documented).
   *
   * @param count number of requests, at least 1
   * @return this fake
   * @throws IllegalArgumentException for a bad count
   */
  public FakeCloudflareStream wrongTypeNext(int count) {
    apiFaults.wrongTypeNext(count);
    return this;
  }

  /**
   * Processes the next {@code count} API requests, but gives every field of the answer's result a
   * random value the schema allows.
   *
   * @param count number of requests, at least 1
   * @return this fake
   * @throws IllegalArgumentException for a bad count
   */
  public FakeCloudflareStream randomValuesNext(int count) {
    apiFaults.randomValuesNext(count);
    return this;
  }

  /**
   * The fault plan of the API (the same one {@link #failNext(int, int)} and friends feed).
   *
   * @return the API fault injector
   */
  public FaultInjector apiFaults() {
    return apiFaults;
  }

  /**
   * The fault plan of the tus and direct upload URLs (HEAD and PATCH; OPTIONS is never faulted).
   * Failures there answer plain text, a "malformed" answer is a 204 without {@code Upload-Offset}.
   *
   * @return the upload URL fault injector
   */
  public FaultInjector tusFaults() {
    return tusFaults;
  }

  // ---------------------------------------------------------------- seeding

  /**
   * Adds a ready video with default values.
   *
   * @return its uid
   */
  public String addReadyVideo() {
    return addVideo(VideoSeed.ready());
  }

  /**
   * Adds a video described by a seed, bypassing the API (no request is recorded, no webhook sent).
   *
   * @param seed the video description
   * @return its uid
   * @throws IllegalArgumentException if a video with the seed's uid exists
   */
  public String addVideo(VideoSeed seed) {
    return state.seed(Objects.requireNonNull(seed));
  }

  // ---------------------------------------------------------------- inspection

  /**
   * The video as the API would return it in {@code result}, without advancing it.
   *
   * @param uid the video uid
   * @return a deep copy as maps, lists, strings, numbers and booleans; empty if unknown or deleted
   */
  public Optional<Map<String, Object>> video(String uid) {
    return state.peek(uid).map(Json::toMap);
  }

  /**
   * The uids of all existing videos, in creation order.
   *
   * @return an immutable list
   */
  public List<String> videoUids() {
    return state.videoUids();
  }

  /**
   * The uids of all existing live inputs, in creation order (a recording of one is seeded with
   * {@link VideoSeed#liveInput(String)}).
   *
   * @return an immutable list
   */
  public List<String> liveInputUids() {
    return state.liveInputUids();
  }

  /**
   * The uids of videos deleted through the API, in deletion order.
   *
   * @return an immutable list
   */
  public List<String> deletedUids() {
    return state.deletedUids();
  }

  /**
   * The SHA-256 of the bytes uploaded for a video (tus or direct upload), available once the upload
   * is complete.
   *
   * @param uid the video uid
   * @return lower-case hex, or empty while incomplete or for videos not uploaded through the fake
   */
  public Optional<String> uploadedSha256(String uid) {
    return state.sha256(uid);
  }

  /**
   * Every request received so far (API, upload URLs, custom stubs), in arrival order.
   *
   * @return an immutable snapshot
   */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /**
   * Counts received requests by method and path.
   *
   * @param method HTTP method as sent, any case
   * @param pathRegex regular expression that must match the whole path (query string excluded),
   *     e.g. {@code .+/stream/[0-9a-f]{32}}
   * @return the number of matching requests
   */
  public long requestCount(String method, String pathRegex) {
    Pattern pattern = Pattern.compile(pathRegex);
    return requests().stream()
        .filter(r -> r.method().equalsIgnoreCase(method))
        .filter(r -> pattern.matcher(r.path()).matches())
        .count();
  }

  /**
   * Schema findings so far, each naming operation, request or response status, JSON pointer and
   * message, e.g. {@code stream-videos-retrieve-video-details response 200 /result/duration: string
   * found, number expected}.
   *
   * @return an immutable snapshot
   */
  public List<String> schemaViolations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  /**
   * Fails if any schema finding was recorded.
   *
   * @throws AssertionError listing every finding
   */
  public void assertNoSchemaViolations() {
    List<String> found = schemaViolations();
    if (!found.isEmpty()) {
      throw new AssertionError(
          found.size()
              + " Cloudflare Stream schema violation(s):\n  "
              + String.join("\n  ", found));
    }
  }

  /**
   * The validator the fake uses, for checking documents directly.
   *
   * @return the schema validator
   */
  public StreamSchemaValidator schemaValidator() {
    return validator;
  }

  // ---------------------------------------------------------------- webhooks and signing

  /**
   * Webhook POSTs attempted so far, in completion order.
   *
   * @return an immutable snapshot
   */
  public List<WebhookDelivery> webhookDeliveries() {
    return webhooks.deliveries();
  }

  /**
   * Waits until every webhook POST started so far has completed (answered or failed).
   *
   * @param timeout maximum wait
   * @return true if all completed in time
   */
  public boolean awaitWebhookDeliveries(Duration timeout) {
    return webhooks.await(timeout);
  }

  /**
   * The secret of the registered webhook.
   *
   * @return the secret, empty if no webhook is registered
   */
  public Optional<String> webhookSecret() {
    return state.webhookSecret();
  }

  /**
   * Computes the {@code Webhook-Signature} header value the fake would send for a body at a time,
   * with the registered webhook's secret: lets tests forge, replay or age notifications.
   *
   * @param body the raw body
   * @param time the signing time (truncated to whole seconds)
   * @return {@code time=<unix seconds>,sig1=<hex HMAC-SHA256(secret, time + "." + body)>}
   * @throws IllegalStateException if no webhook is registered
   */
  public String signedWebhook(String body, Instant time) {
    String secret =
        state.webhookSecret().orElseThrow(() -> new IllegalStateException("no webhook registered"));
    return WebhookDispatcher.signature(secret, body, time);
  }

  /**
   * Verifies a signed-URL token: an RS256 JWT signed either by a key created through {@code POST
   * …/stream/keys} (and not deleted) or by the key behind {@code POST …/stream/{uid}/token}.
   *
   * @param jwt the token
   * @return its claims ({@code sub} = video uid, {@code kid}, {@code exp}, optional {@code nbf},
   *     {@code downloadable}, {@code accessRules})
   * @throws IllegalArgumentException naming the reason: malformed, unknown key, bad signature,
   *     expired ({@code exp} not in the future) or not yet valid ({@code nbf} in the future)
   */
  public Map<String, Object> verifySignedToken(String jwt) {
    return settings.keys().verify(jwt, clock.instant());
  }

  /**
   * The public half of a signing key.
   *
   * @param keyId the key id ({@code id} of {@code POST …/stream/keys}, or the {@code kid} of a
   *     token)
   * @return the RSA public key, empty for an unknown or deleted key
   */
  public Optional<RSAPublicKey> signingPublicKey(String keyId) {
    return settings.keys().find(keyId).map(SigningKeys::publicKey);
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Forgets everything: videos, live inputs, webhook, signing keys, queued faults, recorded
   * requests, schema findings, webhook deliveries, custom WireMock stubs; restores the default
   * processing configuration and stops the ticker. Identity and port stay.
   */
  public void reset() {
    processingStepInterval(null);
    state.reset();
    apiFaults.clear();
    tusFaults.clear();
    webhooks.clear();
    settings.keys().clear();
    server.resetMappings();
    server.resetRequests();
    server.resetScenarios();
    installStub();
    synchronized (requests) {
      requests.clear();
    }
    synchronized (violations) {
      violations.clear();
    }
  }

  /** Stops the server and the ticker. */
  @Override
  public void close() {
    ticker.shutdownNow();
    server.stop();
  }

  // ---------------------------------------------------------------- internals

  private void installStub() {
    server.stubFor(
        any(anyUrl())
            .atPriority(100)
            .willReturn(aResponse().withTransformers(WireMockExtensions.Responder.NAME)));
  }

  private FakeResponse serve(LoggedRequest request) {
    String method = request.getMethod().getName();
    String url = request.getUrl();
    int q = url.indexOf('?');
    String path = q < 0 ? url : url.substring(0, q);
    Map<String, List<String>> headers = headers(request);
    try {
      if (path.startsWith("/tus/")) {
        return tus.handleTus(method, path.substring("/tus/".length()), headers, request.getBody());
      }
      if (path.startsWith("/upload/")) {
        return tus.handleBasicUpload(method, path.substring("/upload/".length()), parts(request));
      }
      if (path.startsWith(StreamSchemaValidator.BASE_PATH + "/")) {
        return api.handle(method, url, headers, request.getBodyAsString());
      }
      return FakeResponse.failure(404, FakeResponse.NO_ROUTE, "No route for that URI");
    } catch (RuntimeException e) {
      violation("internal error of the fake on " + method + " " + url + ": " + e);
      return FakeResponse.failure(500, FakeResponse.INTERNAL_ERROR, "fake internal error: " + e);
    }
  }

  private void record(LoggedRequest request) {
    Map<String, List<String>> headers = headers(request);
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody();
    String contentType =
        Optional.ofNullable(StreamSchemaValidator.header(headers, "Content-Type"))
            .orElse("")
            .toLowerCase(Locale.ROOT);
    boolean binary =
        contentType.startsWith("application/offset+octet-stream")
            || contentType.startsWith("application/octet-stream")
            || contentType.startsWith("multipart/")
            || contentType.startsWith("video/");
    RecordedRequest recorded =
        new RecordedRequest(
            request.getMethod().getName(),
            request.getUrl(),
            headers,
            binary ? "" : new String(body, StandardCharsets.UTF_8),
            body.length,
            clock.instant());
    synchronized (requests) {
      requests.add(recorded);
    }
  }

  private void violation(String finding) {
    synchronized (violations) {
      violations.add(finding);
    }
  }

  private static Map<String, List<String>> headers(LoggedRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpHeader header : request.getHeaders().all()) {
      headers.put(header.key(), List.copyOf(header.values()));
    }
    return headers;
  }

  private static List<TusEndpoint.Part> parts(LoggedRequest request) {
    List<TusEndpoint.Part> parts = new ArrayList<>();
    if (request.isMultipart()) {
      for (Request.Part part : request.getParts()) {
        parts.add(new TusEndpoint.Part(part.getName(), part.getBody().asBytes()));
      }
    }
    return parts;
  }

  /** One validator for all fakes of a JVM: it is immutable, and compiled schemas are cached. */
  private static final class SharedValidator {
    static final StreamSchemaValidator INSTANCE = StreamSchemaValidator.load();
  }

  /** Configures and starts a {@link FakeCloudflareStream}. Not thread-safe. */
  public static final class Builder {

    private String accountId = DEFAULT_ACCOUNT_ID;
    private String apiToken = DEFAULT_API_TOKEN;
    private String customerCode = DEFAULT_CUSTOMER_CODE;
    private int port;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the account id.
     *
     * @param value at most 32 characters (longer ids violate the schema)
     * @return this builder
     */
    public Builder accountId(String value) {
      this.accountId = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Sets the API token expected after {@code Bearer }.
     *
     * @param value the token
     * @return this builder
     */
    public Builder apiToken(String value) {
      this.apiToken = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Sets the customer code of the playback host {@code customer-<code>.cloudflarestream.com}.
     *
     * @param value lower-case letters and digits
     * @return this builder
     */
    public Builder customerCode(String value) {
      this.customerCode = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Sets the port to listen on.
     *
     * @param value a TCP port, or 0 for a random free port (default)
     * @return this builder
     */
    public Builder port(int value) {
      if (value < 0 || value > 65535) {
        throw new IllegalArgumentException("port must be 0..65535: " + value);
      }
      this.port = value;
      return this;
    }

    /**
     * Sets the clock for timestamps, upload expiry, token times and webhook signatures. Processing
     * ticks ({@link FakeCloudflareStream#processingStepInterval(Duration)}) use real time.
     *
     * @param value the clock (default: system UTC)
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Starts the fake.
     *
     * @return the running fake; close it when done
     */
    public FakeCloudflareStream start() {
      return new FakeCloudflareStream(this);
    }
  }
}
