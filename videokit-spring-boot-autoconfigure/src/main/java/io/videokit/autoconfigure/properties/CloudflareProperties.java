package io.videokit.autoconfigure.properties;

import io.videokit.cloudflare.sync.DurationExceededAction;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Cloudflare Stream provider and its API client ({@code videokit.cloudflare.*}). It switches on
 * when an account id and an API token are set; the Django package's environment names ({@code
 * CLOUDFLARE_ACCOUNT_ID}, {@code CLOUDFLARE_API_TOKEN}, …) are mapped onto these keys by {@link
 * DjangoEnvironmentPostProcessor}. The upload proxy, the synchronisation, webhooks and signed
 * playback have their own prefixes: {@link CloudflareUploadProperties}, {@link
 * CloudflareSyncProperties}, {@link CloudflareWebhookProperties}, {@link
 * CloudflareSigningProperties}.
 */
@ConfigurationProperties(prefix = CloudflareProperties.PREFIX)
public class CloudflareProperties {

  /** The prefix of these settings. */
  public static final String PREFIX = "videokit.cloudflare";

  /**
   * Whether the Cloudflare Stream provider may switch on; it also needs an account id and an API
   * token.
   */
  private boolean enabled = true;

  /** Cloudflare account id (the Django package's CLOUDFLARE_ACCOUNT_ID). */
  private @Nullable String accountId;

  /**
   * API token with Stream edit permission; never logged or returned (the Django package's
   * CLOUDFLARE_API_TOKEN).
   */
  private @Nullable String apiToken;

  /** API base URL (tests point it at a fake). */
  private URI baseUrl = URI.create("https://api.cloudflare.com/client/v4");

  /** Connect timeout of API calls. */
  private Duration connectTimeout = Duration.ofSeconds(5);

  /** Timeout of a whole API call. */
  private Duration requestTimeout = Duration.ofSeconds(30);

  /** Attempts per API call, the first included. */
  private int maxAttempts = 4;

  /** Longest Retry-After the client waits through before failing (jobs then reschedule). */
  private Duration maxRetryWait = Duration.ofSeconds(30);

  /** Client-side budget: requests per {@code rate-limit-period}. */
  private int rateLimitRequests = 100;

  /** Client-side budget period. */
  private Duration rateLimitPeriod = Duration.ofSeconds(30);

  /**
   * Duration limit passed to Cloudflare with each direct creator upload, in seconds (the Django
   * package's CLOUDFLARE_VIDEO_MAX_DURATION_SECONDS).
   */
  private @Nullable Integer maxDurationSeconds;

  /**
   * Length of the automatic trim, in seconds (the Django package's
   * CLOUDFLARE_VIDEO_TRIM_DURATION_SECONDS).
   */
  private @Nullable Integer trimDurationSeconds;

  /**
   * Clip ready videos longer than {@code trim-duration-seconds} to that length (the Django
   * package's CLOUDFLARE_VIDEO_AUTOMATIC_TRIM).
   */
  private boolean automaticTrim;

  /** Outcome of {@code ERR_DURATION_EXCEED_CONSTRAINT}. */
  private DurationExceededAction durationExceeded = DurationExceededAction.KEEP;

  /** Creates the settings with their defaults; used by Spring or by hand. */
  public CloudflareProperties() {}

  /**
   * Whether the provider may switch on.
   *
   * @return true by default
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Allows or forbids the provider.
   *
   * @param enabled false to keep it off despite credentials
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Account id.
   *
   * @return the id, or null
   */
  public @Nullable String getAccountId() {
    return accountId;
  }

  /**
   * Sets the account id.
   *
   * @param accountId the id
   */
  public void setAccountId(@Nullable String accountId) {
    this.accountId = accountId;
  }

  /**
   * API token.
   *
   * @return the token, or null
   */
  public @Nullable String getApiToken() {
    return apiToken;
  }

  /**
   * Sets the API token.
   *
   * @param apiToken the token
   */
  public void setApiToken(@Nullable String apiToken) {
    this.apiToken = apiToken;
  }

  /**
   * API base URL.
   *
   * @return the URL
   */
  public URI getBaseUrl() {
    return baseUrl;
  }

  /**
   * Sets the API base URL.
   *
   * @param baseUrl the URL, without {@code /accounts/…}
   */
  public void setBaseUrl(URI baseUrl) {
    this.baseUrl = baseUrl;
  }

  /**
   * Connect timeout.
   *
   * @return the timeout
   */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * Sets the connect timeout.
   *
   * @param connectTimeout the timeout
   */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /**
   * Request timeout.
   *
   * @return the timeout
   */
  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  /**
   * Sets the request timeout.
   *
   * @param requestTimeout the timeout
   */
  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  /**
   * Attempts per call.
   *
   * @return at least 1
   */
  public int getMaxAttempts() {
    return maxAttempts;
  }

  /**
   * Sets the attempts per call.
   *
   * @param maxAttempts at least 1
   */
  public void setMaxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  /**
   * Longest Retry-After waited through.
   *
   * @return the duration
   */
  public Duration getMaxRetryWait() {
    return maxRetryWait;
  }

  /**
   * Sets the longest Retry-After waited through.
   *
   * @param maxRetryWait the duration
   */
  public void setMaxRetryWait(Duration maxRetryWait) {
    this.maxRetryWait = maxRetryWait;
  }

  /**
   * Requests per rate-limit period.
   *
   * @return the count
   */
  public int getRateLimitRequests() {
    return rateLimitRequests;
  }

  /**
   * Sets the requests per period.
   *
   * @param rateLimitRequests the count
   */
  public void setRateLimitRequests(int rateLimitRequests) {
    this.rateLimitRequests = rateLimitRequests;
  }

  /**
   * Rate-limit period.
   *
   * @return the period
   */
  public Duration getRateLimitPeriod() {
    return rateLimitPeriod;
  }

  /**
   * Sets the rate-limit period.
   *
   * @param rateLimitPeriod the period
   */
  public void setRateLimitPeriod(Duration rateLimitPeriod) {
    this.rateLimitPeriod = rateLimitPeriod;
  }

  /**
   * Upload duration limit in seconds.
   *
   * @return seconds, or null for none
   */
  public @Nullable Integer getMaxDurationSeconds() {
    return maxDurationSeconds;
  }

  /**
   * Sets the upload duration limit.
   *
   * @param maxDurationSeconds seconds (1..21600)
   */
  public void setMaxDurationSeconds(@Nullable Integer maxDurationSeconds) {
    this.maxDurationSeconds = maxDurationSeconds;
  }

  /**
   * Trim length in seconds.
   *
   * @return seconds, or null
   */
  public @Nullable Integer getTrimDurationSeconds() {
    return trimDurationSeconds;
  }

  /**
   * Sets the trim length.
   *
   * @param trimDurationSeconds seconds
   */
  public void setTrimDurationSeconds(@Nullable Integer trimDurationSeconds) {
    this.trimDurationSeconds = trimDurationSeconds;
  }

  /**
   * Whether ready videos are trimmed automatically.
   *
   * @return the flag
   */
  public boolean isAutomaticTrim() {
    return automaticTrim;
  }

  /**
   * Turns the automatic trim on or off.
   *
   * @param automaticTrim the flag
   */
  public void setAutomaticTrim(boolean automaticTrim) {
    this.automaticTrim = automaticTrim;
  }

  /**
   * Outcome of a duration refusal.
   *
   * @return the action
   */
  public DurationExceededAction getDurationExceeded() {
    return durationExceeded;
  }

  /**
   * Sets the outcome of a duration refusal.
   *
   * @param durationExceeded the action
   */
  public void setDurationExceeded(DurationExceededAction durationExceeded) {
    this.durationExceeded = durationExceeded;
  }
}
