package io.videokit.autoconfigure.cloudflare;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * The Cloudflare Stream provider ({@code videokit.cloudflare.*}). It switches on when an account id
 * and an API token are set, here or in the environment variables {@code CLOUDFLARE_ACCOUNT_ID} and
 * {@code CLOUDFLARE_API_TOKEN} used by the Django package; {@code
 * CLOUDFLARE_VIDEO_MAX_DURATION_SECONDS}, {@code CLOUDFLARE_VIDEO_TRIM_DURATION_SECONDS} and {@code
 * CLOUDFLARE_VIDEO_AUTOMATIC_TRIM} are read the same way.
 */
@ConfigurationProperties("videokit.cloudflare")
public class CloudflareProperties implements EnvironmentAware, InitializingBean {

  /** What to do with a video Cloudflare refused for exceeding {@code maxDurationSeconds}. */
  public enum DurationExceededAction {
    /** Keep the row and the attribute; its status shows the error code. */
    KEEP,
    /** Delete the Cloudflare video; the attribute keeps its error status. */
    DELETE_VIDEO,
    /** Delete the owning entity (and so the video), as the Django package does. */
    DELETE_ENTITY
  }

  /** Cloudflare account id. */
  private @Nullable String accountId;

  /** API token with Stream edit permission; never logged or returned. */
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

  /** Duration limit passed to Cloudflare with each direct creator upload, in seconds. */
  private @Nullable Integer maxDurationSeconds;

  /** Length of the automatic trim, in seconds. */
  private @Nullable Integer trimDurationSeconds;

  /** Clip ready videos longer than {@code trim-duration-seconds} to that length. */
  private boolean automaticTrim;

  /** Outcome of {@code ERR_DURATION_EXCEED_CONSTRAINT}. */
  private DurationExceededAction durationExceeded = DurationExceededAction.KEEP;

  private final Upload upload = new Upload();
  private final Sync sync = new Sync();
  private final Webhook webhook = new Webhook();
  private final Signing signing = new Signing();

  private @Nullable Environment environment;

  /** Creates the properties with their defaults. */
  public CloudflareProperties() {}

  /**
   * Receives the environment the Django names are read from.
   *
   * @param environment the Spring environment
   */
  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  /** After binding: fills what the {@code videokit.cloudflare.*} properties left unset. */
  @Override
  public void afterPropertiesSet() {
    if (environment != null) {
      applyFallbacks(environment);
    }
  }

  /**
   * Fills unset values from the Django package's environment variable names.
   *
   * @param environment the Spring environment
   */
  public void applyFallbacks(Environment environment) {
    if (isBlank(accountId)) {
      accountId = environment.getProperty("CLOUDFLARE_ACCOUNT_ID");
    }
    if (isBlank(apiToken)) {
      apiToken = environment.getProperty("CLOUDFLARE_API_TOKEN");
    }
    if (maxDurationSeconds == null) {
      maxDurationSeconds =
          environment.getProperty("CLOUDFLARE_VIDEO_MAX_DURATION_SECONDS", Integer.class);
    }
    if (trimDurationSeconds == null) {
      trimDurationSeconds =
          environment.getProperty("CLOUDFLARE_VIDEO_TRIM_DURATION_SECONDS", Integer.class);
    }
    if (!automaticTrim) {
      automaticTrim =
          environment.getProperty("CLOUDFLARE_VIDEO_AUTOMATIC_TRIM", Boolean.class, false);
    }
  }

  static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
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

  /**
   * Upload proxy settings.
   *
   * @return the settings
   */
  public Upload getUpload() {
    return upload;
  }

  /**
   * Synchronisation settings.
   *
   * @return the settings
   */
  public Sync getSync() {
    return sync;
  }

  /**
   * Webhook settings.
   *
   * @return the settings
   */
  public Webhook getWebhook() {
    return webhook;
  }

  /**
   * Signed URL settings.
   *
   * @return the settings
   */
  public Signing getSigning() {
    return signing;
  }

  /** The tus creation proxy for direct creator uploads ({@code videokit.cloudflare.upload.*}). */
  public static class Upload {

    /** Serve the proxy. */
    private boolean enabled = true;

    /** Path of the proxy, as in the Django package (also served under /api/cloudflare/uploads). */
    private String path = "/cloudflare-stream-upload/";

    /**
     * Origins ({@code scheme://host[:port]}) besides Cloudflare's own upload hosts (https on {@code
     * upload.cloudflarestream.com} or {@code *.cloudflarestream.com}) whose upload URLs are passed
     * to the browser; for tests against a local fake only.
     */
    private List<String> allowedLocationOrigins = new ArrayList<>();

    /** Creates the defaults. */
    public Upload() {}

    /**
     * Extra origins whose upload URLs are accepted (tests).
     *
     * @return e.g. {@code [http://localhost:54321]}, empty by default
     */
    public List<String> getAllowedLocationOrigins() {
      return allowedLocationOrigins;
    }

    /**
     * Sets the extra origins whose upload URLs are accepted.
     *
     * @param allowedLocationOrigins {@code scheme://host[:port]} each
     */
    public void setAllowedLocationOrigins(List<String> allowedLocationOrigins) {
      this.allowedLocationOrigins = new ArrayList<>(allowedLocationOrigins);
    }

    /**
     * Whether an upload URL Cloudflare returned may be handed to the browser: https on a Cloudflare
     * Stream upload host, or on a configured origin.
     *
     * @param location the {@code Location} of the tus creation answer
     * @return true when it may be passed on
     */
    public boolean isAllowedLocation(URI location) {
      String scheme = location.getScheme();
      String host = location.getHost();
      if (scheme == null || host == null || location.getRawUserInfo() != null) {
        return false;
      }
      String lowerHost = host.toLowerCase(Locale.ROOT);
      if ("https".equalsIgnoreCase(scheme)
          && (lowerHost.equals("upload.cloudflarestream.com")
              || lowerHost.endsWith(".cloudflarestream.com"))) {
        return true;
      }
      String origin =
          scheme.toLowerCase(Locale.ROOT)
              + "://"
              + lowerHost
              + (location.getPort() < 0 ? "" : ":" + location.getPort());
      return allowedLocationOrigins.stream()
          .map(o -> o.replaceAll("/+$", "").toLowerCase(Locale.ROOT))
          .anyMatch(origin::equals);
    }

    /**
     * Whether the proxy is served.
     *
     * @return the flag
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Turns the proxy on or off.
     *
     * @param enabled the flag
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * The proxy's path.
     *
     * @return e.g. {@code /cloudflare-stream-upload/}
     */
    public String getPath() {
      return path;
    }

    /**
     * Sets the proxy's path.
     *
     * @param path the path
     */
    public void setPath(String path) {
      this.path = path;
    }
  }

  /** Background synchronisation ({@code videokit.cloudflare.sync.*}). */
  public static class Sync {

    /** First wait between two refreshes of an unfinished video. */
    private Duration initialDelay = Duration.ofSeconds(5);

    /** Longest wait between two refreshes. */
    private Duration maxDelay = Duration.ofMinutes(5);

    /** Stop refreshing (and record why) after this long without reaching ready or error. */
    private Duration giveUpAfter = Duration.ofHours(24);

    /** Attempts to delete a video at Cloudflare before giving up. */
    private int deleteAttempts = 10;

    /** Creates the defaults. */
    public Sync() {}

    /**
     * First wait.
     *
     * @return the duration
     */
    public Duration getInitialDelay() {
      return initialDelay;
    }

    /**
     * Sets the first wait.
     *
     * @param initialDelay the duration
     */
    public void setInitialDelay(Duration initialDelay) {
      this.initialDelay = initialDelay;
    }

    /**
     * Longest wait.
     *
     * @return the duration
     */
    public Duration getMaxDelay() {
      return maxDelay;
    }

    /**
     * Sets the longest wait.
     *
     * @param maxDelay the duration
     */
    public void setMaxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
    }

    /**
     * Upper bound of a synchronisation.
     *
     * @return the duration
     */
    public Duration getGiveUpAfter() {
      return giveUpAfter;
    }

    /**
     * Sets the upper bound.
     *
     * @param giveUpAfter the duration
     */
    public void setGiveUpAfter(Duration giveUpAfter) {
      this.giveUpAfter = giveUpAfter;
    }

    /**
     * Delete attempts.
     *
     * @return the count
     */
    public int getDeleteAttempts() {
      return deleteAttempts;
    }

    /**
     * Sets the delete attempts.
     *
     * @param deleteAttempts the count
     */
    public void setDeleteAttempts(int deleteAttempts) {
      this.deleteAttempts = deleteAttempts;
    }
  }

  /** Webhook deliveries ({@code videokit.cloudflare.webhook.*}). */
  public static class Webhook {

    /** Path that receives Cloudflare's deliveries. */
    private String path = "/api/cloudflare/webhook";

    /** Signing secret; when unset, the one stored by the last registration is used. */
    private @Nullable String secret;

    /** Largest accepted distance between a delivery's signed time and now. */
    private Duration tolerance = Duration.ofMinutes(5);

    /** Creates the defaults. */
    public Webhook() {}

    /**
     * Delivery path.
     *
     * @return the path
     */
    public String getPath() {
      return path;
    }

    /**
     * Sets the delivery path.
     *
     * @param path the path
     */
    public void setPath(String path) {
      this.path = path;
    }

    /**
     * Configured secret.
     *
     * @return the secret, or null
     */
    public @Nullable String getSecret() {
      return secret;
    }

    /**
     * Sets the secret.
     *
     * @param secret the secret
     */
    public void setSecret(@Nullable String secret) {
      this.secret = secret;
    }

    /**
     * Staleness tolerance.
     *
     * @return the duration
     */
    public Duration getTolerance() {
      return tolerance;
    }

    /**
     * Sets the staleness tolerance.
     *
     * @param tolerance the duration
     */
    public void setTolerance(Duration tolerance) {
      this.tolerance = tolerance;
    }
  }

  /** Signed playback URLs ({@code videokit.cloudflare.signing.*}). */
  public static class Signing {

    /** Signing key id ({@code POST /stream/keys} → id); unset = use the token endpoint. */
    private @Nullable String keyId;

    /** The key: base64 of its JWK or PEM as Cloudflare returned it. Secret. */
    private @Nullable String key;

    /** Lifetime of a playback token. */
    private Duration tokenTtl = Duration.ofHours(1);

    /** Creates the defaults. */
    public Signing() {}

    /**
     * Key id.
     *
     * @return the id, or null
     */
    public @Nullable String getKeyId() {
      return keyId;
    }

    /**
     * Sets the key id.
     *
     * @param keyId the id
     */
    public void setKeyId(@Nullable String keyId) {
      this.keyId = keyId;
    }

    /**
     * The key.
     *
     * @return the key, or null
     */
    public @Nullable String getKey() {
      return key;
    }

    /**
     * Sets the key.
     *
     * @param key base64 of the JWK or PEM
     */
    public void setKey(@Nullable String key) {
      this.key = key;
    }

    /**
     * Token lifetime.
     *
     * @return the duration
     */
    public Duration getTokenTtl() {
      return tokenTtl;
    }

    /**
     * Sets the token lifetime.
     *
     * @param tokenTtl the duration
     */
    public void setTokenTtl(Duration tokenTtl) {
      this.tokenTtl = tokenTtl;
    }
  }
}
