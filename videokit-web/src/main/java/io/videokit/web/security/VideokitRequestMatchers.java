package io.videokit.web.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * videokit's paths as Spring Security request matchers, built from the configured paths ({@code
 * videokit.uploads.path}, {@code videokit.streaming.path}, and with Cloudflare {@code
 * videokit.cloudflare.upload.path} and {@code videokit.cloudflare.webhook.path}), so that an
 * application's security rules follow a changed path instead of repeating defaults:
 *
 * <pre>{@code
 * http.authorizeHttpRequests(authorize -> authorize
 *     .requestMatchers(videokit.publicReads()).permitAll()
 *     .requestMatchers(videokit.preflights()).permitAll()
 *     .requestMatchers(videokit.webhooks()).permitAll()
 *     .requestMatchers(videokit.writes()).authenticated() ...)
 *   .csrf(csrf -> csrf.ignoringRequestMatchers(videokit.webhooks()))
 *   .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(problems, videokit.api()));
 * }</pre>
 *
 * Paths match with and without a trailing slash where the endpoints answer both; patterns are
 * within the application (the context path is not part of them).
 */
public final class VideokitRequestMatchers {

  /** The video API ({@code GET /api/videos}, {@code GET, DELETE /api/videos/{uid}}). */
  public static final String VIDEOS_PATH = "/api/videos";

  /** The watch-session API (staff). */
  public static final String WATCH_SESSIONS_PATH = "/api/watch-sessions";

  /** The broadcast API (start, list, get, stop, refresh); every request needs a principal. */
  public static final String BROADCASTS_PATH = "/api/broadcasts";

  /** django-broadcast's endpoints ({@code POST /stream/start/}, {@code POST /stream/stop/}). */
  public static final String SEED_STREAM_PATH = "/stream";

  /** Cloudflare's JSON API: the creation proxy's second path, playback, webhook registration. */
  public static final String CLOUDFLARE_API_PATH = "/api/cloudflare";

  /**
   * Cloudflare's paths.
   *
   * @param uploadProxy the tus creation proxy ({@code videokit.cloudflare.upload.path})
   * @param webhook the webhook endpoint ({@code videokit.cloudflare.webhook.path})
   */
  public record CloudflarePaths(String uploadProxy, String webhook) {}

  private final RequestMatcher api;
  private final RequestMatcher publicReads;
  private final RequestMatcher streamReads;
  private final RequestMatcher preflights;
  private final RequestMatcher webhooks;
  private final RequestMatcher liveIngest;
  private final RequestMatcher writes;

  /**
   * The matchers of the configured paths.
   *
   * @param uploadsPath the tus endpoint's path ({@code videokit.uploads.path})
   * @param streamPath the path-streaming endpoint's path ({@code videokit.streaming.path})
   * @param cloudflare the Cloudflare creation proxy's and webhook's paths (videokit's bean passes
   *     them even without credentials), or {@code null} to leave Cloudflare's paths out of every
   *     matcher
   */
  public VideokitRequestMatchers(
      String uploadsPath, String streamPath, @Nullable CloudflarePaths cloudflare) {
    this(uploadsPath, streamPath, cloudflare, null);
  }

  /**
   * The matchers of the configured paths, with the live ingest.
   *
   * @param uploadsPath the tus endpoint's path ({@code videokit.uploads.path})
   * @param streamPath the path-streaming endpoint's path ({@code videokit.streaming.path})
   * @param cloudflare the Cloudflare creation proxy's and webhook's paths, or {@code null}
   * @param livePath the live ingest's path ({@code videokit.broadcast.ingest-base-path}, e.g.
   *     {@code /live}), or {@code null} without live broadcasts
   */
  public VideokitRequestMatchers(
      String uploadsPath,
      String streamPath,
      @Nullable CloudflarePaths cloudflare,
      @Nullable String livePath) {
    String uploads = bare(uploadsPath);
    String stream = bare(streamPath);
    List<RequestMatcher> every = new ArrayList<>();
    every.add(paths(null, uploads, uploads + "/", uploads + "/**"));
    every.add(paths(null, stream, stream + "/"));
    every.add(paths(null, VIDEOS_PATH, VIDEOS_PATH + "/**"));
    every.add(paths(null, WATCH_SESSIONS_PATH));
    every.add(paths(null, BROADCASTS_PATH, BROADCASTS_PATH + "/**"));
    every.add(
        paths(
            null,
            SEED_STREAM_PATH + "/start",
            SEED_STREAM_PATH + "/start/",
            SEED_STREAM_PATH + "/stop",
            SEED_STREAM_PATH + "/stop/"));
    List<RequestMatcher> reads = new ArrayList<>();
    for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
      reads.add(paths(method, stream, stream + "/", VIDEOS_PATH + "/*", VIDEOS_PATH + "/*/file"));
    }
    List<RequestMatcher> streamed = new ArrayList<>();
    for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
      streamed.add(paths(method, stream, stream + "/", VIDEOS_PATH + "/*/file"));
    }
    this.streamReads = new OrRequestMatcher(streamed);
    List<RequestMatcher> options = new ArrayList<>();
    options.add(paths(HttpMethod.OPTIONS, uploads, uploads + "/", uploads + "/**"));
    List<RequestMatcher> deliveries = new ArrayList<>();
    if (cloudflare != null) {
      String proxy = bare(cloudflare.uploadProxy());
      String webhook = bare(cloudflare.webhook());
      every.add(paths(null, proxy, proxy + "/"));
      every.add(paths(null, CLOUDFLARE_API_PATH + "/**"));
      every.add(paths(null, webhook, webhook + "/"));
      options.add(paths(HttpMethod.OPTIONS, proxy, proxy + "/", CLOUDFLARE_API_PATH + "/uploads"));
      deliveries.add(paths(HttpMethod.POST, webhook, webhook + "/"));
    }
    if (livePath != null && !livePath.contains("://")) {
      String live = bare(livePath);
      this.liveIngest = paths(null, live + "/**");
      every.add(liveIngest);
    } else {
      this.liveIngest = request -> false;
    }
    this.api = new OrRequestMatcher(every);
    this.publicReads = new OrRequestMatcher(reads);
    this.preflights = new OrRequestMatcher(options);
    this.webhooks = deliveries.isEmpty() ? request -> false : new OrRequestMatcher(deliveries);
    this.writes =
        new AndRequestMatcher(
            api,
            new NegatedRequestMatcher(
                new OrRequestMatcher(publicReads, preflights, webhooks, liveIngest)));
  }

  /**
   * Every request to one of videokit's endpoints: answer their authentication and access errors as
   * problems ({@link ProblemAuthenticationEntryPoint}, {@link ProblemAccessDeniedHandler}).
   *
   * @return the matcher
   */
  public RequestMatcher api() {
    return api;
  }

  /**
   * Reads anyone may send: {@code GET} and {@code HEAD} of the stream path and of a video and its
   * file (the endpoints apply the video's and the media policy's rules themselves).
   *
   * @return the matcher
   */
  public RequestMatcher publicReads() {
    return publicReads;
  }

  /**
   * The range-streaming reads: {@code GET} and {@code HEAD} of the stream path and of a video's
   * file, a part of {@link #publicReads()}. An application may give them a lean filter chain of
   * their own (no CSRF token, no login form, no saved requests), as the reference server does.
   *
   * @return the matcher
   */
  public RequestMatcher streamReads() {
    return streamReads;
  }

  /**
   * {@code OPTIONS} on the upload paths: tus discovery and CORS preflights, which carry no
   * credentials.
   *
   * @return the matcher
   */
  public RequestMatcher preflights() {
    return preflights;
  }

  /**
   * Webhook deliveries ({@code POST} of the Cloudflare webhook path): no login, no session, no CSRF
   * token; the endpoint checks their signature. Matches nothing without Cloudflare.
   *
   * @return the matcher
   */
  public RequestMatcher webhooks() {
    return webhooks;
  }

  /**
   * The live ingest ({@code <live path>/<broadcast>/<file>}, every method): publishers PUT with a
   * per-broadcast bearer secret and viewers GET without login, so no login, no session and no CSRF
   * token; the ingest checks the secret itself. Matches nothing without live broadcasts.
   *
   * @return the matcher
   */
  public RequestMatcher liveIngest() {
    return liveIngest;
  }

  /**
   * Every other request to videokit's endpoints (uploads, deletes, listings, the Cloudflare
   * creation proxy, webhook registration, watch sessions, broadcasts): they need an authenticated
   * principal.
   *
   * @return the matcher
   */
  public RequestMatcher writes() {
    return writes;
  }

  private static RequestMatcher paths(@Nullable HttpMethod method, String... patterns) {
    Set<String> distinct = new LinkedHashSet<>(List.of(patterns));
    List<RequestMatcher> matchers = new ArrayList<>();
    PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
    for (String pattern : distinct) {
      matchers.add(builder.matcher(method, pattern.isEmpty() ? "/" : pattern));
    }
    return matchers.size() == 1 ? matchers.get(0) : new OrRequestMatcher(matchers);
  }

  /** {@code /api/uploads/} → {@code /api/uploads}. */
  private static String bare(String path) {
    String trimmed = path.replaceAll("/+$", "");
    return trimmed.startsWith("/") || trimmed.isEmpty() ? trimmed : "/" + trimmed;
  }
}
