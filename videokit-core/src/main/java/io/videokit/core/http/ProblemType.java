package io.videokit.core.http;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The catalogue of every problem videokit answers: a stable code (the suffix of the {@code type}
 * URI {@value Problem#TYPE_BASE}{@code <code>}), the HTTP status and a fixed title. The tus
 * handler, the range streamer, the Spring MVC endpoints, the security entry points and the web
 * server's own error reports all take their problems from here; the README's "Problem types" table
 * lists it.
 *
 * <p>An entry whose {@link #statusVaries()} is {@code true} passes on a status it did not choose
 * (Cloudflare's refusal, a web-server status not catalogued); its {@link #status()} is then the
 * default and the answered status stays in the same class (4xx or 5xx).
 */
public enum ProblemType {
  /** A request parameter, header or body is missing or wrong (the detail says which). */
  BAD_REQUEST("bad-request", 400, "Bad request"),
  /**
   * Spring Security's firewall refused the request (an encoded slash, {@code ;} or {@code ..} in
   * the path, an unknown method …).
   */
  REQUEST_REJECTED("request-rejected", 400, "Bad request"),
  /** The request needs a logged-in principal, or its credentials were not accepted. */
  UNAUTHENTICATED("unauthenticated", 401, "Authentication required"),
  /**
   * The principal may not do this (not the owner, not staff, a missing CSRF token, a media policy
   * refusal).
   */
  FORBIDDEN("forbidden", 403, "Forbidden"),
  /** The Cloudflare upload proxy was called with another method than {@code POST}. */
  METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
  /** A webhook body over 1 MiB. */
  PAYLOAD_TOO_LARGE("too-large", 413, "Payload too large"),
  /** Anything unexpected; logged with its stack trace, which the body never shows. */
  INTERNAL("internal", 500, "Internal error"),
  /** No such video, or the caller may not see it. */
  VIDEO_NOT_FOUND("video/not-found", 404, "Not found"),
  /** No media file at the requested path (or it is not allowed). */
  MEDIA_NOT_FOUND("media/not-found", 404, "Not found"),
  /** {@code If-Match} or {@code If-Unmodified-Since} does not hold (RFC 9110 §13.1). */
  STREAM_PRECONDITION_FAILED("stream/precondition-failed", 412, "Precondition failed"),
  /**
   * No requested range overlaps the file, or too many ranges (RFC 9110 §15.5.17); {@code
   * Content-Range} gives the length.
   */
  STREAM_RANGE_NOT_SATISFIABLE("stream/range-not-satisfiable", 416, "Range not satisfiable"),
  /** {@code Tus-Resumable} is missing or not {@code 1.0.0} (tus core). */
  TUS_UNSUPPORTED_VERSION("tus/unsupported-version", 412, "Unsupported tus version"),
  /** The tus handler got no principal: creating and changing uploads needs one. */
  TUS_UNAUTHENTICATED("tus/unauthenticated", 401, "Authentication required"),
  /** The method is not allowed on this tus resource (see {@code Allow}). */
  TUS_METHOD_NOT_ALLOWED("tus/method-not-allowed", 405, "Method not allowed"),
  /** Neither a valid {@code Upload-Length} nor {@code Upload-Defer-Length: 1}. */
  TUS_INVALID_LENGTH("tus/invalid-length", 400, "Invalid upload length"),
  /** {@code Upload-Length} over {@code Tus-Max-Size}. */
  TUS_MAX_SIZE_EXCEEDED("tus/max-size-exceeded", 413, "Upload too large"),
  /** The body would write past the upload's length. */
  TUS_SIZE_EXCEEDED("tus/size-exceeded", 413, "Body exceeds the upload length"),
  /** {@code Upload-Metadata} is not {@code key base64} pairs with unique, valid keys. */
  TUS_INVALID_METADATA("tus/invalid-metadata", 400, "Invalid upload metadata"),
  /** {@code Upload-Offset} is missing or not a non-negative integer. */
  TUS_INVALID_OFFSET("tus/invalid-offset", 400, "Invalid upload offset"),
  /** {@code Upload-Offset} differs from the upload's offset (tus core). */
  TUS_MISMATCHED_OFFSET("tus/mismatched-offset", 409, "Upload offset mismatch"),
  /** A PATCH body is not {@code application/offset+octet-stream}. */
  TUS_INVALID_CONTENT_TYPE("tus/invalid-content-type", 415, "Unsupported content type"),
  /** No such upload, or not the caller's. */
  TUS_NOT_FOUND("tus/not-found", 404, "Upload not found"),
  /** The upload expired and will be removed (expiration extension). */
  TUS_EXPIRED("tus/expired", 410, "Upload expired"),
  /** Another request is writing this upload right now; retry shortly. */
  TUS_LOCKED("tus/locked", 423, "Upload locked"),
  /** {@code Upload-Checksum} names an algorithm not in {@code Tus-Checksum-Algorithm}. */
  TUS_UNSUPPORTED_CHECKSUM(
      "tus/unsupported-checksum-algorithm", 400, "Unsupported checksum algorithm"),
  /** {@code Upload-Checksum} is not {@code <algorithm> <base64 digest>}. */
  TUS_INVALID_CHECKSUM("tus/invalid-checksum", 400, "Invalid checksum header"),
  /** The chunk's digest differs from {@code Upload-Checksum}; the chunk was discarded. */
  TUS_CHECKSUM_MISMATCH("tus/checksum-mismatch", 460, "Checksum mismatch"),
  /** {@code Upload-Concat} is malformed or names uploads that are not finished partial uploads. */
  TUS_INVALID_CONCAT("tus/invalid-concat", 400, "Invalid concatenation"),
  /** A PATCH to the final upload of a concatenation. */
  TUS_MODIFY_FINAL("tus/modify-final", 403, "Final upload cannot be modified"),
  /** {@code Upload-Length} was already set and may not change. */
  TUS_LENGTH_ALREADY_SET("tus/length-already-set", 400, "Upload length already set"),
  /** The user's videos plus unfinished uploads would go over their quota. */
  TUS_QUOTA_EXCEEDED("tus/quota-exceeded", 413, "Upload quota exceeded"),
  /** The user has as many unfinished uploads as allowed. */
  TUS_TOO_MANY_UPLOADS("tus/too-many-uploads", 429, "Too many unfinished uploads"),
  /** Storing more would take a volume below its free-space floor; received bytes are kept. */
  TUS_INSUFFICIENT_STORAGE("tus/insufficient-storage", 507, "Insufficient storage"),
  /** The request uses a tus extension the configured store does not implement. */
  TUS_UNSUPPORTED_EXTENSION("tus/unsupported-extension", 400, "Extension not supported"),
  /** A hook refused the upload (e.g. a file type the application does not accept). */
  TUS_REJECTED("tus/rejected", 400, "Upload rejected"),
  /** The PATCH body ended early; resume from {@code Upload-Offset}. */
  TUS_INTERRUPTED("tus/interrupted", 400, "Upload interrupted"),
  /**
   * The upload was received but could not become a video; retrying the last PATCH retries that
   * step.
   */
  TUS_COMPLETION_FAILED("tus/completion-failed", 500, "Upload could not be completed"),
  /** No such broadcast, or no such file of it (or the name is not one a broadcast may use). */
  LIVE_NOT_FOUND("live/not-found", 404, "Not found"),
  /**
   * The method is not allowed on a live file (publishers PUT and DELETE, viewers GET and HEAD; see
   * {@code Allow}).
   */
  LIVE_METHOD_NOT_ALLOWED("live/method-not-allowed", 405, "Method not allowed"),
  /**
   * A publisher's file name is not {@code index.m3u8} or a segment name of {@code [A-Za-z0-9._-]}
   * ending in {@code .ts}, {@code .m4s}, {@code .mp4} or {@code .aac}.
   */
  LIVE_INVALID_NAME("live/invalid-name", 400, "Invalid file name"),
  /**
   * The playlist is not an RFC 8216 media playlist, or breaks a rule on its own (an {@code EXTINF}
   * over the target duration, an unsafe segment URI, too many segments); the detail names the rule.
   */
  LIVE_INVALID_PLAYLIST("live/invalid-playlist", 400, "Invalid playlist"),
  /**
   * The playlist is not a live update of the stored one (target duration changed, media sequence
   * not matching the segments dropped, segments rewritten, a change after {@code #EXT-X-ENDLIST}, a
   * segment not uploaded); the detail names the rule and the stored playlist is kept.
   */
  LIVE_PLAYLIST_CONFLICT("live/playlist-conflict", 409, "Playlist update refused"),
  /** A segment of that name exists with other bytes; segments never change once written. */
  LIVE_SEGMENT_IMMUTABLE("live/segment-immutable", 409, "Segment already written"),
  /** A DELETE of a segment the current playlist still names. */
  LIVE_SEGMENT_IN_PLAYLIST("live/segment-in-playlist", 409, "Segment still in the playlist"),
  /**
   * A segment over the broadcast's segment size limit, or a playlist over 256 KiB; nothing was
   * kept.
   */
  LIVE_TOO_LARGE("live/too-large", 413, "File too large"),
  /**
   * Cloudflare refused the request; the answer keeps Cloudflare's 4xx status (400 is the default).
   */
  CLOUDFLARE_REFUSED("cloudflare/refused", 400, "Cloudflare refused the request", true),
  /** Cloudflare answered 401/403 to the configured API token. */
  CLOUDFLARE_CREDENTIALS(
      "cloudflare/credentials", 502, "Cloudflare refused the server's credentials"),
  /** Cloudflare answered 5xx. */
  CLOUDFLARE_ERROR("cloudflare/error", 502, "Cloudflare failed"),
  /** Cloudflare's rate limit is reached; the detail says when to retry. */
  CLOUDFLARE_RATE_LIMITED("cloudflare/rate-limited", 503, "Cloudflare rate limit"),
  /** Cloudflare did not answer in time. */
  CLOUDFLARE_UNAVAILABLE("cloudflare/unavailable", 504, "Cloudflare unreachable"),
  /** Cloudflare's answer could not be read. */
  CLOUDFLARE_BAD_ANSWER("cloudflare/bad-answer", 502, "Unreadable answer from Cloudflare"),
  /** Cloudflare returned an upload URL that is not https on a Cloudflare upload host. */
  CLOUDFLARE_BAD_UPLOAD_URL("cloudflare/bad-upload-url", 502, "Bad gateway"),
  /** No attached Cloudflare video with that uid the caller may see. */
  CLOUDFLARE_VIDEO_NOT_FOUND("cloudflare/video-not-found", 404, "Not found"),
  /** A webhook delivery without a valid {@code Webhook-Signature}. */
  CLOUDFLARE_WEBHOOK_SIGNATURE("cloudflare/webhook-signature", 401, "Invalid webhook signature"),
  /** The attach policy refused a uid: the caller did not upload that video and is not staff. */
  CLOUDFLARE_ATTACH_DENIED("cloudflare/attach-denied", 403, "Forbidden"),
  /** The reference server's shared-video list holds that uid already. */
  CLOUDFLARE_ALREADY_SHARED("cloudflare/already-shared", 409, "Already shared"),
  /** The reference server has no shared video with that id. */
  CLOUDFLARE_SHARED_VIDEO_NOT_FOUND("cloudflare/shared-video-not-found", 404, "Not found"),
  /** No broadcast with that id. */
  BROADCAST_NOT_FOUND("broadcast/not-found", 404, "Not found"),
  /** The broadcast type or endpoint kind is not supported; the detail lists the supported ones. */
  BROADCAST_UNSUPPORTED("broadcast/unsupported", 400, "Unsupported broadcast type"),
  /**
   * The user has as many live broadcasts as allowed ({@code videokit.broadcast.max-live-per-user}).
   */
  BROADCAST_TOO_MANY_LIVE("broadcast/too-many-live", 429, "Too many live broadcasts"),
  /** The broadcast has stopped: its publisher credentials cannot be refreshed. */
  BROADCAST_NOT_LIVE("broadcast/not-live", 409, "Broadcast not live"),
  /** The ingest behind the endpoint kind (a provider, STS, a listener) failed; nothing was left. */
  BROADCAST_INGEST_FAILED("broadcast/ingest-failed", 502, "Broadcast endpoint unavailable"),
  /** Spring MVC or the web server refused the request with 400 before videokit's code ran. */
  HTTP_400("http/400", 400, "Bad Request"),
  /** Spring MVC or the web server refused the request with 404 before videokit's code ran. */
  HTTP_404("http/404", 404, "Not Found"),
  /** Spring MVC or the web server refused the request with 405 before videokit's code ran. */
  HTTP_405("http/405", 405, "Method Not Allowed"),
  /** Spring MVC or the web server refused the request with 406 before videokit's code ran. */
  HTTP_406("http/406", 406, "Not Acceptable"),
  /** Spring MVC or the web server refused the request with 408 before videokit's code ran. */
  HTTP_408("http/408", 408, "Request Timeout"),
  /** Spring MVC or the web server refused the request with 411 before videokit's code ran. */
  HTTP_411("http/411", 411, "Length Required"),
  /** Spring MVC or the web server refused the request with 413 before videokit's code ran. */
  HTTP_413("http/413", 413, "Content Too Large"),
  /** Spring MVC or the web server refused the request with 414 before videokit's code ran. */
  HTTP_414("http/414", 414, "URI Too Long"),
  /** Spring MVC or the web server refused the request with 415 before videokit's code ran. */
  HTTP_415("http/415", 415, "Unsupported Media Type"),
  /** Spring MVC or the web server refused the request with 417 before videokit's code ran. */
  HTTP_417("http/417", 417, "Expectation Failed"),
  /** Spring MVC or the web server refused the request with 422 before videokit's code ran. */
  HTTP_422("http/422", 422, "Unprocessable Content"),
  /** Spring MVC or the web server refused the request with 431 before videokit's code ran. */
  HTTP_431("http/431", 431, "Request Header Fields Too Large"),
  /** Spring MVC or the web server refused the request with 500 before videokit's code ran. */
  HTTP_500("http/500", 500, "Internal Server Error"),
  /** Spring MVC or the web server refused the request with 501 before videokit's code ran. */
  HTTP_501("http/501", 501, "Not Implemented"),
  /** Spring MVC or the web server refused the request with 503 before videokit's code ran. */
  HTTP_503("http/503", 503, "Service Unavailable"),
  /** Spring MVC or the web server refused the request with 505 before videokit's code ran. */
  HTTP_505("http/505", 505, "HTTP Version not supported"),
  /**
   * Spring MVC or the web server answered a 4xx status not listed above; the answer keeps that
   * status.
   */
  HTTP_CLIENT_ERROR("http/client-error", 400, "Client error", true),
  /** The web server answered a 5xx status not listed above; the answer keeps that status. */
  HTTP_SERVER_ERROR("http/server-error", 500, "Server error", true);

  private static final Map<String, ProblemType> BY_CODE =
      Arrays.stream(values()).collect(Collectors.toMap(ProblemType::code, Function.identity()));

  private final String code;
  private final int status;
  private final String title;
  private final boolean statusVaries;

  ProblemType(String code, int status, String title) {
    this(code, status, title, false);
  }

  ProblemType(String code, int status, String title, boolean statusVaries) {
    this.code = code;
    this.status = status;
    this.title = title;
    this.statusVaries = statusVaries;
  }

  /**
   * The stable code, the suffix of the {@code type} URI.
   *
   * @return e.g. {@code tus/mismatched-offset}
   */
  public String code() {
    return code;
  }

  /**
   * The HTTP status answered (the default one when {@link #statusVaries()}).
   *
   * @return e.g. 409
   */
  public int status() {
    return status;
  }

  /**
   * The fixed, short title.
   *
   * @return e.g. {@code Upload offset mismatch}
   */
  public String title() {
    return title;
  }

  /**
   * Whether the answer may carry another status of the same class than {@link #status()}.
   *
   * @return {@code true} for entries that pass on a status chosen elsewhere
   */
  public boolean statusVaries() {
    return statusVaries;
  }

  /**
   * The {@code type} URI of this problem.
   *
   * @return {@code https://videokit.io/problems/<code>}
   */
  public String uri() {
    return Problem.TYPE_BASE + code;
  }

  /**
   * This problem for one occurrence, with the catalogued status.
   *
   * @param detail this occurrence explained for a person (never a stack trace, path or secret)
   * @return the problem
   */
  public Problem problem(String detail) {
    return new Problem(URI.create(uri()), title, status, detail);
  }

  /**
   * This problem with the status chosen elsewhere, for an entry whose status {@linkplain
   * #statusVaries() varies}.
   *
   * @param actualStatus the status to answer, of the same class (4xx, 5xx) as {@link #status()}
   * @param detail this occurrence explained
   * @return the problem
   * @throws IllegalArgumentException if this entry's status is fixed and differs, or the class
   *     differs
   */
  public Problem problem(int actualStatus, String detail) {
    return new Problem(URI.create(uri()), title, checkedStatus(actualStatus), detail);
  }

  /**
   * The status to answer for this entry when the cause chose {@code actualStatus}.
   *
   * @param actualStatus the status the cause chose
   * @return {@code actualStatus} if allowed
   * @throws IllegalArgumentException if this entry's status is fixed and differs, or the class
   *     differs
   */
  public int checkedStatus(int actualStatus) {
    if (actualStatus == status) {
      return status;
    }
    if (!statusVaries || actualStatus / 100 != status / 100) {
      throw new IllegalArgumentException(
          "problem " + code + " is answered with " + status + ", not " + actualStatus);
    }
    return actualStatus;
  }

  /**
   * The entry of a code.
   *
   * @param code e.g. {@code video/not-found}
   * @return the entry, or {@code null} if the catalogue has none
   */
  public static @Nullable ProblemType ofCode(String code) {
    return BY_CODE.get(code);
  }

  /**
   * The entry for a status that Spring MVC or the web server chose itself: {@code http/<status>}
   * when catalogued, otherwise {@link #HTTP_CLIENT_ERROR} or {@link #HTTP_SERVER_ERROR}.
   *
   * @param status a status {@code >= 400}
   * @return the entry; answer it with {@link #problem(int, String)} and {@code status}
   */
  public static ProblemType ofHttpStatus(int status) {
    ProblemType exact = BY_CODE.get("http/" + status);
    if (exact != null) {
      return exact;
    }
    return status >= 500 ? HTTP_SERVER_ERROR : HTTP_CLIENT_ERROR;
  }
}
