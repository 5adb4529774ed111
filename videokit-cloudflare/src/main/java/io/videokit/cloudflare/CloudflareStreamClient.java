package io.videokit.cloudflare;

import io.videokit.video.RetryPolicy;
import io.videokit.video.Video;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A typed client for the Cloudflare Stream API v4 ({@code
 * https://api.cloudflare.com/client/v4/accounts/{account_id}/stream}): every resource interface in
 * one object ({@link CloudflareVideos}, {@link CloudflareUploads}, {@link CloudflareDownloads},
 * {@link CloudflareCaptions}, {@link CloudflareSigning}, {@link CloudflareWebhookApi}, {@link
 * CloudflareLiveInputs}), each delegated to its own implementation on one shared transport.
 *
 * <p>Every call sends {@code Authorization: Bearer <token>}, reads the {@code {success, errors,
 * messages, result}} envelope and maps failures to typed exceptions:
 *
 * <ul>
 *   <li>{@link CloudflareApiException}: Cloudflare answered with an error (its codes and messages
 *       are kept); {@link CloudflareRateLimitedException} for 429, with {@code Retry-After};
 *   <li>{@link CloudflareUnavailableException}: connect failure, reset or timeout;
 *   <li>{@link CloudflareProtocolException}: an answer that is not the documented JSON.
 * </ul>
 *
 * <p>Resilience: 5xx answers, timeouts and resets are retried on a {@link RetryPolicy} (exponential
 * backoff with jitter, bounded attempts) for calls that are safe to repeat; calls that create
 * something (tus creation, MP4 download, signing key, clip, copy, direct upload, live input) are
 * repeated only when the request certainly never reached Cloudflare. A 429 waits the announced
 * {@code Retry-After} when it is short enough, and until then every call fails fast instead of
 * extending Cloudflare's block. A client-side rate limiter keeps the process under Cloudflare's
 * budget of 1,200 requests per 5 minutes per token.
 *
 * <p>Why it implements every interface rather than handing them out ({@code client.videos()}):
 * existing callers keep calling {@code client.video(uid)}, and one bean satisfies whichever
 * interface a component asks for, so a component (the synchronisation) depends on the interfaces it
 * uses and its tests implement only those. Why this size: the builder's documented settings and
 * one-line delegations; the logic lives in the resource classes and the transport.
 *
 * <p>Thread-safe; build one per account with {@link #builder()}. The token is never logged or
 * included in exception messages.
 */
public final class CloudflareStreamClient
    implements CloudflareVideos,
        CloudflareUploads,
        CloudflareDownloads,
        CloudflareCaptions,
        CloudflareSigning,
        CloudflareWebhookApi,
        CloudflareLiveInputs {

  private final URI streamBase;
  private final CloudflareVideos videos;
  private final CloudflareUploads uploads;
  private final CloudflareDownloads downloads;
  private final CloudflareCaptions captions;
  private final CloudflareSigning signing;
  private final CloudflareWebhookApi webhook;
  private final CloudflareLiveInputs liveInputs;

  private CloudflareStreamClient(Builder builder) {
    if (builder.accountId == null || builder.accountId.isBlank()) {
      throw new IllegalArgumentException("a Cloudflare account id is required");
    }
    if (builder.apiToken == null || builder.apiToken.isBlank()) {
      throw new IllegalArgumentException("a Cloudflare API token is required");
    }
    if (!builder.accountId.matches("[0-9A-Za-z]{1,64}")) {
      throw new IllegalArgumentException("a Cloudflare account id is letters and digits");
    }
    String base = builder.baseUri.toString().replaceAll("/+$", "");
    this.streamBase = URI.create(base + "/accounts/" + builder.accountId + "/stream");
    HttpClient http =
        builder.httpClient != null
            ? builder.httpClient
            : HttpClient.newBuilder()
                .connectTimeout(builder.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    CloudflareTransport transport =
        new CloudflareTransport(
            http,
            streamBase,
            "Bearer " + builder.apiToken,
            builder.requestTimeout,
            builder.maxRetryWait,
            builder.policy(),
            builder.rateLimitRequests,
            builder.rateLimitPeriod,
            builder.clock,
            builder.observer);
    this.videos = new HttpCloudflareVideos(transport);
    this.uploads = new HttpCloudflareUploads(transport);
    this.downloads = new HttpCloudflareDownloads(transport);
    this.captions = new HttpCloudflareCaptions(transport);
    this.signing = new HttpCloudflareSigning(transport);
    this.webhook = new HttpCloudflareWebhookApi(transport);
    this.liveInputs = new HttpCloudflareLiveInputs(transport);
  }

  /**
   * A builder; {@link Builder#accountId(String)} and {@link Builder#apiToken(String)} are required.
   *
   * @return a new builder with Cloudflare's production base URL and safe defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The base of every call.
   *
   * @return {@code <base>/accounts/{account_id}/stream}
   */
  public URI streamBase() {
    return streamBase;
  }

  // ------------------------------------------------------------------------------ videos

  @Override
  public Video video(String uid) {
    return videos.video(uid);
  }

  @Override
  public VideoPage list(VideoQuery query) {
    return videos.list(query);
  }

  @Override
  public List<Video> listAll(VideoQuery query, int limit) {
    return videos.listAll(query, limit);
  }

  @Override
  public Video edit(String uid, Map<String, ?> changes) {
    return videos.edit(uid, changes);
  }

  @Override
  public boolean delete(String uid) {
    return videos.delete(uid);
  }

  @Override
  public Video copyFromUrl(URI url, @Nullable String creator, @Nullable Map<String, Object> meta) {
    return videos.copyFromUrl(url, creator, meta);
  }

  @Override
  public Video clip(ClipRequest request) {
    return videos.clip(request);
  }

  // ----------------------------------------------------------------------------- uploads

  @Override
  public TusUploadCreated createTusUpload(TusUploadRequest request) {
    return uploads.createTusUpload(request);
  }

  @Override
  public DirectUpload createDirectUpload(DirectUploadRequest request) {
    return uploads.createDirectUpload(request);
  }

  // --------------------------------------------------------------------------- downloads

  @Override
  public Download createDownload(String uid) {
    return downloads.createDownload(uid);
  }

  @Override
  public Optional<Download> download(String uid) {
    return downloads.download(uid);
  }

  @Override
  public boolean deleteDownloads(String uid) {
    return downloads.deleteDownloads(uid);
  }

  // ---------------------------------------------------------------------------- captions

  @Override
  public Caption uploadCaption(String uid, String language, byte[] webVtt) {
    return captions.uploadCaption(uid, language, webVtt);
  }

  @Override
  public List<Caption> captions(String uid) {
    return captions.captions(uid);
  }

  @Override
  public boolean deleteCaption(String uid, String language) {
    return captions.deleteCaption(uid, language);
  }

  @Override
  public Caption generateCaption(String uid, String language) {
    return captions.generateCaption(uid, language);
  }

  // ----------------------------------------------------------------------------- signing

  @Override
  public String createToken(String uid, TokenRequest request) {
    return signing.createToken(uid, request);
  }

  @Override
  public SigningKey createSigningKey() {
    return signing.createSigningKey();
  }

  @Override
  public List<SigningKey> signingKeys() {
    return signing.signingKeys();
  }

  @Override
  public boolean deleteSigningKey(String id) {
    return signing.deleteSigningKey(id);
  }

  // ----------------------------------------------------------------------------- webhook

  @Override
  public Webhook registerWebhook(URI notificationUrl) {
    return webhook.registerWebhook(notificationUrl);
  }

  @Override
  public Optional<Webhook> webhook() {
    return webhook.webhook();
  }

  @Override
  public boolean deleteWebhook() {
    return webhook.deleteWebhook();
  }

  // -------------------------------------------------------------------------- liveInputs

  @Override
  public CloudflareLiveInput createLiveInput(LiveInputRequest request) {
    return liveInputs.createLiveInput(request);
  }

  @Override
  public CloudflareLiveInput liveInput(String id) {
    return liveInputs.liveInput(id);
  }

  @Override
  public List<Video> liveInputVideos(String id, @Nullable Instant createdAfter) {
    return liveInputs.liveInputVideos(id, createdAfter);
  }

  @Override
  public CloudflareLiveInput updateLiveInput(String id, LiveInputRequest request) {
    return liveInputs.updateLiveInput(id, request);
  }

  @Override
  public boolean deleteLiveInput(String id) {
    return liveInputs.deleteLiveInput(id);
  }

  @Override
  public List<CloudflareLiveInput> liveInputs() {
    return liveInputs.liveInputs();
  }

  /** Settings of a {@link CloudflareStreamClient}. */
  public static final class Builder {

    private @Nullable String accountId;
    private @Nullable String apiToken;
    private URI baseUri = URI.create("https://api.cloudflare.com/client/v4");
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxAttempts = 4;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(20);
    private double jitter = 0.5;
    private Duration maxRetryWait = Duration.ofSeconds(30);
    private int rateLimitRequests = 100;
    private Duration rateLimitPeriod = Duration.ofSeconds(30);
    private @Nullable HttpClient httpClient;
    private Clock clock = Clock.systemUTC();
    private CloudflareCallObserver observer = CloudflareCallObserver.NONE;

    private Builder() {}

    /**
     * Who is told about every attempt and rate-limit wait (metrics); none by default.
     *
     * @param observer the observer
     * @return this builder
     */
    public Builder observer(CloudflareCallObserver observer) {
      this.observer = Objects.requireNonNull(observer);
      return this;
    }

    /**
     * The account ({@code CLOUDFLARE_ACCOUNT_ID}).
     *
     * @param accountId Cloudflare's account id (letters and digits)
     * @return this builder
     */
    public Builder accountId(String accountId) {
      this.accountId = accountId;
      return this;
    }

    /**
     * The API token with Stream edit permission ({@code CLOUDFLARE_API_TOKEN}), sent as {@code
     * Authorization: Bearer}. Never logged.
     *
     * @param apiToken the token
     * @return this builder
     */
    public Builder apiToken(String apiToken) {
      this.apiToken = apiToken;
      return this;
    }

    /**
     * The API base, {@code https://api.cloudflare.com/client/v4} by default (tests point it at a
     * local fake).
     *
     * @param baseUri the base, without {@code /accounts/…}
     * @return this builder
     */
    public Builder baseUri(URI baseUri) {
      this.baseUri = Objects.requireNonNull(baseUri);
      return this;
    }

    /**
     * How long to wait for a connection (default 5 s).
     *
     * @param connectTimeout the timeout
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * How long to wait for a whole answer (default 30 s).
     *
     * @param requestTimeout the timeout
     * @return this builder
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * Attempts per call, the first included (default 4; 1 disables retries).
     *
     * @param maxAttempts at least 1
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Exponential backoff between attempts: starts at {@code initial}, doubles, capped at {@code
     * max}, each wait between half and all of that (defaults 500 ms and 20 s); see {@link
     * #retryPolicy(RetryPolicy)}.
     *
     * @param initial the first wait
     * @param max the longest wait
     * @return this builder
     */
    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = positive(initial, "initial backoff");
      this.maxBackoff = positive(max, "max backoff");
      return this;
    }

    /**
     * The whole retry policy at once: attempts per call (the first included), the exponential
     * backoff between them and its jitter (default {@code new RetryPolicy(500 ms, 20 s, 4, 0.5)}).
     * A 429's {@code Retry-After} replaces the backoff when it is short enough ({@link
     * #maxRetryWait(Duration)}).
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy policy) {
      this.maxAttempts = policy.maxAttempts();
      this.initialBackoff = policy.initial();
      this.maxBackoff = policy.max();
      this.jitter = policy.jitter();
      return this;
    }

    /**
     * The longest {@code Retry-After} (or local rate-limit wait) the client sleeps through before
     * retrying; longer ones fail with {@link CloudflareRateLimitedException} at once so the caller
     * (e.g. a background job) can reschedule (default 30 s).
     *
     * @param maxRetryWait the limit
     * @return this builder
     */
    public Builder maxRetryWait(Duration maxRetryWait) {
      this.maxRetryWait = Objects.requireNonNull(maxRetryWait);
      return this;
    }

    /**
     * The client-side budget: at most {@code requests} calls per {@code period} (default 100 per 30
     * s, i.e. at most 1,100 in any 5 minutes, under Cloudflare's 1,200). With several processes
     * sharing a token, divide it between them.
     *
     * @param requests calls per period, at least 1
     * @param period the period
     * @return this builder
     */
    public Builder rateLimit(int requests, Duration period) {
      if (requests < 1) {
        throw new IllegalArgumentException("rate limit must allow at least one request");
      }
      this.rateLimitRequests = requests;
      this.rateLimitPeriod = positive(period, "rate limit period");
      return this;
    }

    /**
     * A JDK HTTP client to use instead of a new one (its connect timeout then applies).
     *
     * @param httpClient the client
     * @return this builder
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /**
     * The clock for rate-limit bookkeeping (tests).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     * @throws IllegalArgumentException when the account id or token is missing or invalid, or the
     *     longest backoff is shorter than the first
     */
    public CloudflareStreamClient build() {
      return new CloudflareStreamClient(this);
    }

    private RetryPolicy policy() {
      return new RetryPolicy(initialBackoff, maxBackoff, maxAttempts, jitter);
    }

    private static Duration positive(Duration duration, String name) {
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return duration;
    }
  }
}
