package io.videokit.cloudflare;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.videokit.core.tus.TusException;
import io.videokit.core.tus.UploadMetadata;
import io.videokit.video.Video;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
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
 * A typed client for the Cloudflare Stream API v4 ({@code
 * https://api.cloudflare.com/client/v4/accounts/{account_id}/stream}).
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
 * <p>Resilience: 5xx answers, timeouts and resets are retried with exponential backoff and jitter
 * (bounded attempts) for calls that are safe to repeat; calls that create something (tus creation,
 * MP4 download, signing key, clip, copy, direct upload, live input) are repeated only when the
 * request certainly never reached Cloudflare. A 429 waits the announced {@code Retry-After} when it
 * is short enough, and until then every call fails fast instead of extending Cloudflare's block. A
 * client-side rate limiter keeps the process under Cloudflare's budget of 1,200 requests per 5
 * minutes per token.
 *
 * <p>Why one class of this size: every call shares the envelope, retry, rate-limit and uid checks
 * below, and the calls read best side by side, grouped by section (videos, uploads, downloads,
 * captions, signed playback, webhook, live inputs).
 *
 * <p>Thread-safe; build one per account with {@link #builder()}. The token is never logged or
 * included in exception messages.
 */
public final class CloudflareStreamClient {

  private static final Logger log = LoggerFactory.getLogger(CloudflareStreamClient.class);
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final int MAX_PAGE = 1000;

  /** The smallest body the schema accepts where it requires one and documents no fields. */
  private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);

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
    this.authorization = "Bearer " + builder.apiToken;
    this.requestTimeout = builder.requestTimeout;
    this.maxRetryWait = builder.maxRetryWait;
    this.clock = builder.clock;
    this.http =
        builder.httpClient != null
            ? builder.httpClient
            : HttpClient.newBuilder()
                .connectTimeout(builder.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    IntervalFunction backoff =
        IntervalFunction.ofExponentialRandomBackoff(
            builder.initialBackoff, 2.0, 0.5, builder.maxBackoff);
    this.repeatableRetry = retry("repeatable", builder.maxAttempts, backoff, true);
    this.creatingRetry = retry("creating", builder.maxAttempts, backoff, false);
    this.rateLimitPeriod = builder.rateLimitPeriod;
    this.rateLimiter =
        RateLimiter.of(
            "cloudflare-stream",
            RateLimiterConfig.custom()
                .limitForPeriod(builder.rateLimitRequests)
                .limitRefreshPeriod(builder.rateLimitPeriod)
                .timeoutDuration(builder.maxRetryWait)
                .build());
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

  // ---------------------------------------------------------------------------------- videos

  /**
   * Video details: {@code GET /accounts/{account_id}/stream/{identifier}}.
   *
   * @param uid the video's uid
   * @return the video object
   * @throws CloudflareApiException with {@link CloudflareApiException#isNotFound()} when it does
   *     not exist
   * @throws CloudflareProtocolException when the answer is not a video object, or describes another
   *     video than {@code uid}
   * @throws CloudflareException on any other failure
   */
  public Video video(String uid) {
    Video.requireValidUid(uid);
    return call(Call.get("GET /stream/{uid}", path(uid)), result -> sameVideo(uid, result));
  }

  /** The answer for {@code uid}, never for another video: that would be stored under its name. */
  private Video sameVideo(String uid, @Nullable JsonNode result) {
    Video video = toVideo(result);
    if (!uid.equals(video.uid())) {
      throw new CloudflareProtocolException(
          "video " + uid, "the answer describes another video (uid " + video.uid() + ")", null);
    }
    return video;
  }

  /**
   * One page of videos: {@code GET /accounts/{account_id}/stream} (at most 1,000, newest first
   * unless {@link VideoQuery#ascending()}).
   *
   * @param query the filters
   * @return the page with {@code total} and {@code range}
   * @throws CloudflareException on failure
   */
  public VideoPage list(VideoQuery query) {
    URI uri = withQuery(streamBase, query.parameters());
    return send(
        Call.get("GET /stream", uri),
        root -> {
          JsonNode result = root.get("result");
          List<Video> videos = new ArrayList<>();
          if (result != null && result.isArray()) {
            for (JsonNode node : result) {
              videos.add(toVideo(node));
            }
          }
          return new VideoPage(
              videos, longOr(root.get("total"), -1), longOr(root.get("range"), -1));
        });
  }

  /**
   * Every video matching a query, following pages newest first (by {@code created}).
   *
   * @param query the filters ({@code ascending} is ignored)
   * @param limit the most videos to return
   * @return the videos, without duplicates
   * @throws CloudflareException on failure
   */
  public List<Video> listAll(VideoQuery query, int limit) {
    Map<String, Video> seen = new LinkedHashMap<>();
    VideoQuery page =
        new VideoQuery(
            query.status(), query.creator(), query.search(), false, query.start(), query.end());
    while (seen.size() < limit) {
      VideoPage result = list(page);
      Instant oldest = null;
      int added = 0;
      for (Video video : result.videos()) {
        if (seen.size() < limit && seen.putIfAbsent(video.uid(), video) == null) {
          added++;
        }
        Instant created = video.created();
        if (created != null && (oldest == null || created.isBefore(oldest))) {
          oldest = created;
        }
      }
      if (added == 0 || oldest == null || result.videos().size() < MAX_PAGE) {
        break;
      }
      // end is exclusive: ask again from just after the oldest instant, so that videos created
      // in the same instant as the page's last one are not skipped (duplicates are dropped)
      page = page.endingAt(oldest.plusMillis(1));
    }
    return List.copyOf(seen.values());
  }

  /**
   * Edits a video: {@code POST /accounts/{account_id}/stream/{identifier}} (POST, not PATCH).
   *
   * @param uid the video
   * @param changes fields to set, e.g. {@code {"meta": {...}}}, {@code requireSignedURLs}, {@code
   *     allowedOrigins}, {@code maxDurationSeconds}, {@code scheduledDeletion}, {@code
   *     thumbnailTimestampPct}, {@code creator}, {@code uploadExpiry}
   * @return the video after the edit
   * @throws CloudflareException on failure
   */
  public Video edit(String uid, Map<String, ?> changes) {
    Video.requireValidUid(uid);
    return call(
        Call.post("POST /stream/{uid}", path(uid), body(changes), true),
        result -> sameVideo(uid, result));
  }

  /**
   * Deletes a video: {@code DELETE /accounts/{account_id}/stream/{identifier}}.
   *
   * @param uid the video
   * @return true if it was deleted, false if it did not exist (already deleted)
   * @throws CloudflareException on failure
   */
  public boolean delete(String uid) {
    Video.requireValidUid(uid);
    return deleting(Call.delete("DELETE /stream/{uid}", path(uid)));
  }

  /**
   * Uploads a video from a URL: {@code POST /accounts/{account_id}/stream/copy}.
   *
   * @param url a publicly reachable video URL
   * @param creator the creator to record, or null
   * @param meta metadata, or null
   * @return the new video (state {@code downloading})
   * @throws CloudflareException on failure
   */
  public Video copyFromUrl(URI url, @Nullable String creator, @Nullable Map<String, Object> meta) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("url", url.toString());
    if (creator != null) {
      request.put("creator", creator);
    }
    if (meta != null) {
      request.put("meta", meta);
    }
    return call(Call.post("POST /stream/copy", path("copy"), body(request), false), this::toVideo);
  }

  /**
   * Creates a clip: {@code POST /accounts/{account_id}/stream/clip}. The answer's {@code status} is
   * a plain string; fetch the returned uid with {@link #video(String)} for the usual object.
   *
   * @param request the parent and the range
   * @return the new video as the clip answer describes it; the documented answer has no {@code
   *     uid}, so it is taken from the answer's preview, playback or thumbnail URL when missing
   * @throws CloudflareApiException with code {@code 10005} when the range exceeds the parent's
   *     duration (no clip needed), or another error
   * @throws CloudflareProtocolException when the answer names no uid at all: the clip may exist, so
   *     look for it ({@link #listAll}, {@code clippedFrom}) instead of asking again
   * @throws CloudflareException on any other failure
   */
  public Video clip(ClipRequest request) {
    return call(
        Call.post("POST /stream/clip", path("clip"), body(request.toJson()), false), this::toClip);
  }

  /**
   * The clip answer ({@code stream_clipping}) documents no {@code uid}: take it from the answer
   * when Cloudflare sends one, else from the first path segment of its preview, playback or
   * thumbnail URL ({@code https://customer-<code>.cloudflarestream.com/<uid>/watch}).
   */
  private Video toClip(@Nullable JsonNode result) {
    if (result == null || !result.isObject()) {
      throw new CloudflareProtocolException("POST /stream/clip", "result is not an object", null);
    }
    Map<String, Object> map = new LinkedHashMap<>(toMap(result));
    if (!(map.get("uid") instanceof String)) {
      String uid = uidFromUrls(map, string(map.get("clippedFromVideoUID")));
      if (uid == null) {
        throw new CloudflareProtocolException(
            "POST /stream/clip",
            "the answer names no uid (none in uid, preview, playback or thumbnail)",
            null);
      }
      map.put("uid", uid);
    }
    return Video.fromMap(map);
  }

  private static @Nullable String uidFromUrls(Map<String, Object> answer, @Nullable String parent) {
    List<Object> urls = new ArrayList<>();
    urls.add(answer.get("preview"));
    urls.add(answer.get("thumbnail"));
    if (answer.get("playback") instanceof Map<?, ?> playback) {
      urls.add(playback.get("hls"));
      urls.add(playback.get("dash"));
    }
    for (Object url : urls) {
      if (url instanceof String text) {
        try {
          String path = URI.create(text).getPath();
          String first = path == null ? "" : path.replaceFirst("^/", "").split("/", 2)[0];
          if (Video.isValidUid(first) && !first.equals(parent)) {
            return first;
          }
        } catch (IllegalArgumentException notAUrl) {
          // try the next one
        }
      }
    }
    return null;
  }

  // --------------------------------------------------------------------------------- uploads

  /**
   * Creates a tus direct creator upload: {@code POST
   * /accounts/{account_id}/stream?direct_user=true} with {@code Tus-Resumable: 1.0.0}, {@code
   * Upload-Length}, {@code Upload-Metadata} and {@code Upload-Creator}. The browser then sends the
   * bytes straight to the returned location.
   *
   * @param request length, the browser's metadata, creator and duration limit
   * @return the one-time upload URL and the new uid ({@code stream-media-id})
   * @throws IllegalArgumentException when the browser's {@code Upload-Metadata} is malformed
   * @throws CloudflareException on failure
   */
  public TusUploadCreated createTusUpload(TusUploadRequest request) {
    UploadMetadata metadata;
    try {
      metadata = UploadMetadata.parse(request.uploadMetadata());
    } catch (TusException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    Map<String, String> values = new LinkedHashMap<>(metadata.values());
    if (request.maxDurationSeconds() != null) {
      values.keySet().removeIf(k -> k.equalsIgnoreCase("maxDurationSeconds"));
      values.put("maxDurationSeconds", request.maxDurationSeconds().toString());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Tus-Resumable", "1.0.0");
    headers.put("Upload-Length", Long.toString(request.uploadLength()));
    String header = new UploadMetadata(values).toHeader();
    if (!header.isEmpty()) {
      headers.put("Upload-Metadata", header);
    }
    if (request.creator() != null) {
      headers.put("Upload-Creator", request.creator());
    }
    URI uri = withQuery(streamBase, Map.of("direct_user", "true"));
    Call call =
        new Call("POST /stream?direct_user=true", "POST", uri, new byte[0], headers, false, false);
    return execute(
        call,
        answer -> {
          String location = answer.headers().firstValue("Location").orElse(null);
          String uid = answer.headers().firstValue("stream-media-id").orElse(null);
          if (location == null || uid == null || !Video.isValidUid(uid)) {
            throw new CloudflareProtocolException(
                call.operation(), "no Location or stream-media-id header", null);
          }
          return new TusUploadCreated(uri.resolve(location), uid);
        });
  }

  /**
   * Creates a basic (non-tus) direct upload URL: {@code POST
   * /accounts/{account_id}/stream/direct_upload}.
   *
   * @param request duration limit, expiry, creator, metadata
   * @return the upload URL and uid
   * @throws CloudflareException on failure
   */
  public DirectUpload createDirectUpload(DirectUploadRequest request) {
    return call(
        Call.post(
            "POST /stream/direct_upload", path("direct_upload"), body(request.toJson()), false),
        result -> {
          Map<String, Object> map = toMap(result);
          Object uid = map.get("uid");
          Object url = map.get("uploadURL");
          if (!(uid instanceof String s) || !(url instanceof String u)) {
            throw new CloudflareProtocolException("POST /stream/direct_upload", "no uid", null);
          }
          return new DirectUpload(s, URI.create(u));
        });
  }

  // ------------------------------------------------------------------------------- downloads

  /**
   * Starts the MP4 download of a ready video: {@code POST
   * /accounts/{account_id}/stream/{identifier}/downloads}.
   *
   * @param uid the video
   * @return the default download (usually {@code inprogress} at first)
   * @throws CloudflareException on failure (400 while the video is not ready)
   */
  public Download createDownload(String uid) {
    Video.requireValidUid(uid);
    return call(
        Call.post("POST /stream/{uid}/downloads", path(uid + "/downloads"), EMPTY_JSON, false),
        this::toDownload);
  }

  /**
   * The MP4 download's progress: {@code GET /accounts/{account_id}/stream/{identifier}/downloads}.
   *
   * @param uid the video
   * @return the default download, or empty when none was created
   * @throws CloudflareException on failure
   */
  public Optional<Download> download(String uid) {
    Video.requireValidUid(uid);
    return call(
        Call.get("GET /stream/{uid}/downloads", path(uid + "/downloads")),
        result -> {
          if (result != null && !result.isNull() && !result.isObject()) {
            throw new CloudflareProtocolException(
                "GET /stream/{uid}/downloads", "result is not an object", null);
          }
          JsonNode node = result == null ? null : result.get("default");
          return node == null || node.isNull() ? Optional.empty() : Optional.of(toDownload(result));
        });
  }

  /**
   * Deletes the MP4 downloads: {@code DELETE /accounts/{account_id}/stream/{identifier}/downloads}.
   *
   * @param uid the video
   * @return true if deleted, false if there were none
   * @throws CloudflareException on failure
   */
  public boolean deleteDownloads(String uid) {
    Video.requireValidUid(uid);
    // the one DELETE the schema documents without a request body
    return deleting(
        new Call(
            "DELETE /stream/{uid}/downloads",
            "DELETE",
            path(uid + "/downloads"),
            null,
            Map.of(),
            true,
            true));
  }

  // -------------------------------------------------------------------------------- captions

  /**
   * Uploads a WebVTT caption or subtitle file for a language: {@code PUT
   * /accounts/{account_id}/stream/{identifier}/captions/{language}}, multipart field {@code file}.
   * Replaces the language's track if there is one (repeating the call is harmless).
   *
   * @param uid the video
   * @param language a BCP 47 tag, e.g. {@code en}, {@code pt-BR}
   * @param webVtt the WebVTT document (starts with {@code WEBVTT})
   * @return the track
   * @throws IllegalArgumentException for a malformed language tag or a file that is not WebVTT
   * @throws CloudflareException on failure (404 for an unknown video)
   */
  public Caption uploadCaption(String uid, String language, byte[] webVtt) {
    Video.requireValidUid(uid);
    String tag = requireLanguage(language);
    String text = new String(webVtt, StandardCharsets.UTF_8);
    if (!text.replaceFirst("^\uFEFF", "").startsWith("WEBVTT")) {
      throw new IllegalArgumentException("a caption file must be WebVTT (start with WEBVTT)");
    }
    String boundary = "videokit-" + Long.toHexString(System.nanoTime());
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + tag
                + ".vtt\"\r\nContent-Type: text/vtt\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + webVtt.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(webVtt, 0, body, head.length, webVtt.length);
    System.arraycopy(tail, 0, body, head.length + webVtt.length, tail.length);
    Call call =
        new Call(
            "PUT /stream/{uid}/captions/{language}",
            "PUT",
            path(uid + "/captions/" + tag),
            body,
            Map.of("Content-Type", "multipart/form-data; boundary=" + boundary),
            true,
            true);
    return call(call, result -> toCaption(call.operation(), result));
  }

  /**
   * The caption and subtitle tracks of a video: {@code GET
   * /accounts/{account_id}/stream/{identifier}/captions}.
   *
   * @param uid the video
   * @return the tracks, possibly none
   * @throws CloudflareException on failure
   */
  public List<Caption> captions(String uid) {
    Video.requireValidUid(uid);
    String operation = "GET /stream/{uid}/captions";
    return call(
        Call.get(operation, path(uid + "/captions")),
        result -> {
          if (result == null || !result.isArray()) {
            throw new CloudflareProtocolException(operation, "result is not a list", null);
          }
          List<Caption> captions = new ArrayList<>();
          result.forEach(node -> captions.add(toCaption(operation, node)));
          return List.copyOf(captions);
        });
  }

  /**
   * Deletes a language's track: {@code DELETE
   * /accounts/{account_id}/stream/{identifier}/captions/{language}}.
   *
   * @param uid the video
   * @param language the BCP 47 tag
   * @return true if deleted, false if there was none
   * @throws CloudflareException on failure
   */
  public boolean deleteCaption(String uid, String language) {
    Video.requireValidUid(uid);
    return deleting(
        Call.delete(
            "DELETE /stream/{uid}/captions/{language}",
            path(uid + "/captions/" + requireLanguage(language))));
  }

  /**
   * Asks Cloudflare to generate a track (AI) for a ready video: {@code POST
   * /accounts/{account_id}/stream/{identifier}/captions/{language}/generate}. The track is {@code
   * inprogress} at first; poll {@link #captions(String)}.
   *
   * @param uid the video
   * @param language the BCP 47 tag
   * @return the track as Cloudflare started it
   * @throws CloudflareException on failure (400 while the video is not ready)
   */
  public Caption generateCaption(String uid, String language) {
    Video.requireValidUid(uid);
    String operation = "POST /stream/{uid}/captions/{language}/generate";
    Call call =
        new Call(
            operation,
            "POST",
            path(uid + "/captions/" + requireLanguage(language) + "/generate"),
            null,
            Map.of(),
            false,
            true);
    return call(call, result -> toCaption(operation, result));
  }

  private Caption toCaption(String operation, @Nullable JsonNode result) {
    if (result == null || !result.isObject()) {
      throw new CloudflareProtocolException(operation, "result is not a caption object", null);
    }
    return Caption.fromMap(toMap(result));
  }

  private static String requireLanguage(String language) {
    if (language == null || !language.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")) {
      throw new IllegalArgumentException("not a BCP 47 language tag: " + language);
    }
    return language;
  }

  // ------------------------------------------------------------------------ signed playback

  /**
   * A signed playback token made by Cloudflare: {@code POST
   * /accounts/{account_id}/stream/{identifier}/token}. Prefer {@link SignedUrls} with a signing
   * key: it needs no call per token.
   *
   * @param uid the video (with {@code requireSignedURLs})
   * @param request expiry, not-before, download and access rules
   * @return the token, which replaces the uid in playback URLs
   * @throws CloudflareException on failure
   */
  public String createToken(String uid, TokenRequest request) {
    Video.requireValidUid(uid);
    return call(
        Call.post("POST /stream/{uid}/token", path(uid + "/token"), body(request.toJson()), true),
        result -> {
          Object token = toMap(result).get("token");
          if (!(token instanceof String s)) {
            throw new CloudflareProtocolException("POST /stream/{uid}/token", "no token", null);
          }
          return s;
        });
  }

  /**
   * Creates a signing key: {@code POST /accounts/{account_id}/stream/keys}. The private key is only
   * in this answer: store it as a secret.
   *
   * @return the key with {@code pem} and {@code jwk}
   * @throws CloudflareException on failure
   */
  public SigningKey createSigningKey() {
    return call(Call.post("POST /stream/keys", path("keys"), EMPTY_JSON, false), this::toKey);
  }

  /**
   * The account's signing keys: {@code GET /accounts/{account_id}/stream/keys} (ids only).
   *
   * @return the keys
   * @throws CloudflareException on failure
   */
  public List<SigningKey> signingKeys() {
    return call(
        Call.get("GET /stream/keys", path("keys")),
        result -> {
          List<SigningKey> keys = new ArrayList<>();
          if (result != null && result.isArray()) {
            result.forEach(node -> keys.add(toKey(node)));
          }
          return List.copyOf(keys);
        });
  }

  /**
   * Deletes a signing key: {@code DELETE /accounts/{account_id}/stream/keys/{identifier}}.
   *
   * @param id the key id
   * @return true if deleted, false if it did not exist
   * @throws CloudflareException on failure
   */
  public boolean deleteSigningKey(String id) {
    return deleting(Call.delete("DELETE /stream/keys/{id}", path("keys/" + safeSegment(id))));
  }

  // ---------------------------------------------------------------------------------- webhook

  /**
   * Sets the account's webhook: {@code PUT /accounts/{account_id}/stream/webhook}.
   *
   * @param notificationUrl where Cloudflare will POST video objects when processing ends
   * @return the webhook with its signing {@code secret}
   * @throws CloudflareException on failure
   */
  public Webhook registerWebhook(URI notificationUrl) {
    Call call =
        new Call(
            "PUT /stream/webhook",
            "PUT",
            path("webhook"),
            body(Map.of("notificationUrl", notificationUrl.toString())),
            Map.of("Content-Type", "application/json"),
            true,
            true);
    return call(call, this::toWebhook);
  }

  /**
   * The account's webhook: {@code GET /accounts/{account_id}/stream/webhook}.
   *
   * @return the webhook, or empty when none is set
   * @throws CloudflareException on failure
   */
  public Optional<Webhook> webhook() {
    try {
      return call(
          Call.get("GET /stream/webhook", path("webhook")),
          result ->
              result == null || result.isNull() || toMap(result).get("notificationUrl") == null
                  ? Optional.<Webhook>empty()
                  : Optional.of(toWebhook(result)));
    } catch (CloudflareApiException e) {
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Removes the account's webhook: {@code DELETE /accounts/{account_id}/stream/webhook}.
   *
   * @return true if deleted, false if none was set
   * @throws CloudflareException on failure
   */
  public boolean deleteWebhook() {
    return deleting(Call.delete("DELETE /stream/webhook", path("webhook")));
  }

  // ------------------------------------------------------------------------------ live inputs

  /**
   * Creates a live input: {@code POST /accounts/{account_id}/stream/live_inputs}.
   *
   * @param request recording mode, creator, metadata
   * @return the live input with its RTMPS, SRT and WebRTC endpoints
   * @throws CloudflareException on failure
   */
  public CloudflareLiveInput createLiveInput(LiveInputRequest request) {
    return call(
        Call.post("POST /stream/live_inputs", path("live_inputs"), body(request.toJson()), false),
        this::toLiveInput);
  }

  /**
   * A live input: {@code GET /accounts/{account_id}/stream/live_inputs/{live_input_identifier}}.
   *
   * @param id the live input uid
   * @return the live input
   * @throws CloudflareException on failure (404 when it does not exist)
   */
  public CloudflareLiveInput liveInput(String id) {
    return call(
        Call.get("GET /stream/live_inputs/{id}", path("live_inputs/" + safeSegment(id))),
        this::toLiveInput);
  }

  /**
   * Changes a live input: {@code PUT
   * /accounts/{account_id}/stream/live_inputs/{live_input_identifier}}.
   *
   * @param id the live input uid
   * @param request the new settings
   * @return the live input after the change
   * @throws CloudflareException on failure
   */
  public CloudflareLiveInput updateLiveInput(String id, LiveInputRequest request) {
    Call call =
        new Call(
            "PUT /stream/live_inputs/{id}",
            "PUT",
            path("live_inputs/" + safeSegment(id)),
            body(request.toJson()),
            Map.of("Content-Type", "application/json"),
            true,
            true);
    return call(call, this::toLiveInput);
  }

  /**
   * Deletes a live input: {@code DELETE
   * /accounts/{account_id}/stream/live_inputs/{live_input_identifier}}.
   *
   * @param id the live input uid
   * @return true if deleted, false if it did not exist
   * @throws CloudflareException on failure
   */
  public boolean deleteLiveInput(String id) {
    return deleting(
        Call.delete("DELETE /stream/live_inputs/{id}", path("live_inputs/" + safeSegment(id))));
  }

  /**
   * The account's live inputs: {@code GET /accounts/{account_id}/stream/live_inputs}.
   *
   * @return the live inputs (without secrets in list answers)
   * @throws CloudflareException on failure
   */
  public List<CloudflareLiveInput> liveInputs() {
    return call(
        Call.get("GET /stream/live_inputs", path("live_inputs")),
        result -> {
          JsonNode list = result;
          if (result != null && result.isObject() && result.get("liveInputs") != null) {
            list = result.get("liveInputs");
          }
          List<CloudflareLiveInput> inputs = new ArrayList<>();
          if (list != null && list.isArray()) {
            list.forEach(node -> inputs.add(toLiveInput(node)));
          }
          return List.copyOf(inputs);
        });
  }

  // ------------------------------------------------------------------------------ machinery

  /** One HTTP call: what it is, and whether repeating it is harmless. */
  private record Call(
      String operation,
      String method,
      URI uri,
      byte @Nullable [] body,
      Map<String, String> headers,
      boolean repeatable,
      boolean expectsEnvelope) {

    static Call get(String operation, URI uri) {
      return new Call(operation, "GET", uri, null, Map.of(), true, true);
    }

    /** A DELETE with the JSON body {@code {}} the schema marks as required. */
    static Call delete(String operation, URI uri) {
      return new Call(
          operation,
          "DELETE",
          uri,
          EMPTY_JSON,
          Map.of("Content-Type", "application/json"),
          true,
          true);
    }

    static Call post(String operation, URI uri, byte[] body, boolean repeatable) {
      return new Call(
          operation,
          "POST",
          uri,
          body,
          Map.of("Content-Type", "application/json"),
          repeatable,
          true);
    }
  }

  /** A received answer, its envelope parsed when one was expected. */
  private record Answer(int status, HttpHeaders headers, @Nullable JsonNode root) {}

  private <T> T call(Call call, Function<@Nullable JsonNode, T> reader) {
    return send(call, root -> reader.apply(root.get("result")));
  }

  private <T> T send(Call call, Function<JsonNode, T> reader) {
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

  private boolean deleting(Call call) {
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

  private <T> T execute(Call call, Function<Answer, T> reader) {
    Retry retry = call.repeatable() ? repeatableRetry : creatingRetry;
    Answer answer = Retry.decorateSupplier(retry, () -> attempt(call)).get();
    return reader.apply(answer);
  }

  private Answer attempt(Call call) {
    Instant now = clock.instant();
    Instant blocked = blockedUntil.get();
    if (now.isBefore(blocked)) {
      throw new CloudflareRateLimitedException(
          call.operation(), Duration.between(now, blocked), List.of());
    }
    if (!rateLimiter.acquirePermission()) {
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
      throw new CloudflareUnavailableException(call.operation(), true, e);
    } catch (IOException e) {
      throw new CloudflareUnavailableException(call.operation(), false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudflareUnavailableException(call.operation(), false, e);
    }
    int status = response.statusCode();
    log.debug(
        "{} → {} in {} ms", call.operation(), status, (System.nanoTime() - started) / 1_000_000);
    byte[] body = response.body() == null ? new byte[0] : response.body();
    if (status == 429) {
      Duration wait = retryAfter(response.headers(), now);
      blockedUntil.accumulateAndGet(now.plus(wait), (a, b) -> a.isAfter(b) ? a : b);
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

  private Retry retry(String name, int maxAttempts, IntervalFunction backoff, boolean repeatable) {
    return Retry.of(
        "cloudflare-stream-" + name,
        RetryConfig.<Answer>custom()
            .maxAttempts(maxAttempts)
            .retryOnException(e -> shouldRetry(e, repeatable))
            .intervalBiFunction((attempt, outcome) -> {
              if (outcome.isLeft()
                  && outcome.getLeft() instanceof CloudflareRateLimitedException limited) {
                // rounded up, plus a little, so the retry never wakes just before the end
                return (limited.retryAfter().toNanos() + 999_999) / 1_000_000 + 5;
              }
              return backoff.apply(attempt);
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

  private Video toVideo(@Nullable JsonNode result) {
    if (result == null || !result.isObject()) {
      throw new CloudflareProtocolException("video", "result is not a video object", null);
    }
    return Video.fromMap(toMap(result));
  }

  private CloudflareLiveInput toLiveInput(@Nullable JsonNode result) {
    if (result == null || !result.isObject()) {
      throw new CloudflareProtocolException("live input", "result is not an object", null);
    }
    return CloudflareLiveInput.fromMap(toMap(result));
  }

  private Download toDownload(@Nullable JsonNode result) {
    Map<String, Object> map = result == null ? Map.of() : toMap(result);
    if (!(map.get("default") instanceof Map<?, ?> download)) {
      throw new CloudflareProtocolException("downloads", "no default download", null);
    }
    Object status = download.get("status");
    Object url = download.get("url");
    Object percent = download.get("percentComplete");
    return new Download(
        status == null ? "inprogress" : status.toString(),
        url == null ? null : url.toString(),
        percent instanceof Number n ? n.doubleValue() : 0);
  }

  private SigningKey toKey(@Nullable JsonNode result) {
    Map<String, Object> map = result == null ? Map.of() : toMap(result);
    Object id = map.get("id");
    if (id == null) {
      throw new CloudflareProtocolException("keys", "no key id", null);
    }
    return new SigningKey(
        id.toString(),
        string(map.get("pem")),
        string(map.get("jwk")),
        Video.parseInstant(map.get("created")));
  }

  private Webhook toWebhook(@Nullable JsonNode result) {
    Map<String, Object> map = result == null ? Map.of() : toMap(result);
    Object url = map.get("notificationUrl");
    if (url == null) {
      throw new CloudflareProtocolException("webhook", "no notificationUrl", null);
    }
    return new Webhook(
        url.toString(), Video.parseInstant(map.get("modified")), string(map.get("secret")));
  }

  private Map<String, Object> toMap(@Nullable JsonNode node) {
    if (node == null || !node.isObject()) {
      return Map.of();
    }
    return json.convertValue(node, MAP);
  }

  private byte[] body(Map<String, ?> value) {
    return json.writeValueAsBytes(value);
  }

  private URI path(String suffix) {
    return URI.create(streamBase + "/" + suffix);
  }

  private static String safeSegment(String id) {
    if (id == null || !id.matches("[0-9A-Za-z_-]{1,64}")) {
      throw new IllegalArgumentException("not a Cloudflare identifier: " + id);
    }
    return id;
  }

  private static URI withQuery(URI base, Map<String, String> parameters) {
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

  private static long longOr(@Nullable JsonNode node, long fallback) {
    return node != null && node.isNumber() ? node.asLong() : fallback;
  }

  private static @Nullable String string(@Nullable Object value) {
    return value == null ? null : value.toString();
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
    private Duration maxRetryWait = Duration.ofSeconds(30);
    private int rateLimitRequests = 100;
    private Duration rateLimitPeriod = Duration.ofSeconds(30);
    private @Nullable HttpClient httpClient;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

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
     * Exponential backoff between attempts: starts at {@code initial}, doubles, ±50 % jitter,
     * capped at {@code max} (defaults 500 ms and 20 s).
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
     * @throws IllegalArgumentException when the account id or token is missing or invalid
     */
    public CloudflareStreamClient build() {
      return new CloudflareStreamClient(this);
    }

    private static Duration positive(Duration duration, String name) {
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return duration;
    }
  }
}
