package io.videokit.web.stream;

import io.videokit.core.http.ProblemType;
import io.videokit.core.storage.MediaNotFoundException;
import io.videokit.core.storage.MediaObject;
import io.videokit.core.storage.MediaStorage;
import io.videokit.core.stream.MediaCaching;
import io.videokit.core.stream.RangeStreamer;
import io.videokit.core.stream.ServedMedia;
import io.videokit.core.stream.StreamObserver;
import io.videokit.core.stream.StreamResult;
import io.videokit.core.watch.ClientAddressResolver;
import io.videokit.local.VideoEntity;
import io.videokit.local.VideoService;
import io.videokit.video.Video;
import io.videokit.web.ApiProblem;
import io.videokit.web.Caller;
import io.videokit.web.watch.WatchEvent;
import io.videokit.web.watch.WatchSessionRecorder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams media with range support, access policy and watch sessions: what videokit's endpoints
 * use, callable from an application's own controllers too (django-sage-streaming's {@code
 * get_streaming_response}).
 *
 * <pre>{@code
 * @GetMapping("/lessons/{id}/video")
 * void video(@PathVariable long id, HttpServletRequest req, HttpServletResponse res) throws IOException {
 *   streaming.streamVideo(req, res, lessons.get(id).videoUid());
 * }
 * }</pre>
 *
 * <p>Stored files are untrusted: every answer, errors included, carries {@link
 * ServedMedia#CONTENT_SECURITY_POLICY} and {@code nosniff}, and only allow-listed media types are
 * served inline (see {@link RangeStreamer}).
 *
 * <p>Caching ({@link MediaCaching}): a ready video's file never changes under its URL, so it is
 * long-lived ({@code max-age} of a year, revalidated by {@code ETag} / {@code Last-Modified} after
 * that); a video not ready yet and a plain file under the media root may change, so they are {@code
 * no-cache} (kept, revalidated on every use: a 304). Answers are {@code public} only when the
 * policy says the target is {@linkplain StreamAccessPolicy#publiclyCacheable publicly cacheable}
 * and the request carries no credentials; {@code private} otherwise. Problems are {@code no-store}.
 * The header is set before the body, so Spring Security's default {@code no-cache, no-store} is not
 * added.
 *
 * <p>Watch sessions count the bytes the container accepted before the client went away: a recorded
 * {@code GET} over {@link io.videokit.core.stream.RangeStreamer#EXACT_COUNT_SENDFILE_LIMIT} bytes
 * goes to sendfile when the container reports its transfers ({@link
 * io.videokit.core.stream.SendfileReporting}; the reference server's Tomcat does) and is recorded
 * when the transfer is over, with the bytes written; without such a container it is copied through
 * the streamer's buffer. Shorter answers go to sendfile and count in full, as a copy would have
 * once the kernel's send buffer took them.
 */
public class StreamingService {

  private static final Logger log = LoggerFactory.getLogger(StreamingService.class);

  /** Where video files live under the media root; the prefix is reserved for them. */
  private static final String VIDEO_PREFIX = "videos/";

  private static final Pattern VIDEO_KEY = Pattern.compile("videos/([0-9a-f]{32})\\.[a-z0-9]{1,8}");

  private static final String BYTES_UNIT = "bytes ";

  /**
   * Where watch events of reported sendfile transfers are recorded: one daemon thread, so that
   * Tomcat's poller, which reports the transfers, never waits for a recorder.
   */
  private static final ExecutorService REPORTED_RECORDS =
      Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "videokit-watch-reported");
        thread.setDaemon(true);
        return thread;
      });

  private final MediaStorage storage;
  private final VideoService videos;
  private final RangeStreamer streamer;
  private final StreamAccessPolicy policy;
  private final @Nullable WatchSessionRecorder recorder;
  private final ClientAddressResolver addresses;
  private final String staffRole;
  private final Clock clock;
  private volatile StreamObserver observer = StreamObserver.NONE;

  /**
   * Creates the service.
   *
   * @param storage media storage
   * @param videos video lookups
   * @param streamer the range streamer
   * @param policy who may stream what
   * @param recorder watch-session recorder, or null when recording is off
   * @param addresses client address resolution
   * @param staffRole the role whose holders are staff
   * @param clock time source (UTC)
   */
  public StreamingService(
      MediaStorage storage,
      VideoService videos,
      RangeStreamer streamer,
      StreamAccessPolicy policy,
      @Nullable WatchSessionRecorder recorder,
      ClientAddressResolver addresses,
      String staffRole,
      Clock clock) {
    this.storage = storage;
    this.videos = videos;
    this.streamer = streamer;
    this.policy = policy;
    this.recorder = recorder;
    this.addresses = addresses;
    this.staffRole = staffRole;
    this.clock = clock;
  }

  /**
   * Sets who is told about every streamed response (metrics); {@link StreamObserver#NONE} by
   * default.
   *
   * @param observer the observer
   */
  public void setObserver(StreamObserver observer) {
    this.observer = java.util.Objects.requireNonNull(observer);
  }

  /**
   * Streams a video's file by uid.
   *
   * @param request a GET or HEAD request
   * @param response the response
   * @param uid the video's uid
   * @return what was sent
   * @throws ApiProblem 404 when there is no such video (or its file is gone), 403 when the policy
   *     refuses
   * @throws IOException if the file cannot be read
   */
  public StreamResult streamVideo(
      HttpServletRequest request, HttpServletResponse response, String uid) throws IOException {
    return protectingRefusals(
        response,
        () -> {
          VideoEntity entity =
              videos
                  .find(uid)
                  .orElseThrow(
                      () -> ApiProblem.notFound(ProblemType.VIDEO_NOT_FOUND, "no video " + uid));
          return stream(
              request,
              response,
              object(entity.getStorageKey()),
              entity.getDocument(),
              StreamObserver.Route.VIDEO);
        });
  }

  /**
   * Streams any file under the media root by its relative path. Paths that escape the root ( {@code
   * ..}, absolute paths, links leading outside, hidden segments, NUL bytes) are not found.
   *
   * <p>Files under {@code videos/} belong to videos: such a path is streamed only when it is a
   * video's own file, under that video's access policy (an unready video is not found for others
   * than its creator and staff), and any other file there is not found — so this route is never a
   * side door to a video the caller may not see. The rule is applied to the file's canonical key,
   * so links and aliases into {@code videos/} obey it too.
   *
   * @param request a GET or HEAD request
   * @param response the response
   * @param path relative path, e.g. {@code movies/trailer.mp4}
   * @return what was sent
   * @throws ApiProblem 404 when not found or not allowed, 403 when the policy refuses
   * @throws IOException if the file cannot be read
   */
  public StreamResult streamPath(
      HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
    return protectingRefusals(response, () -> resolveAndStream(request, response, path));
  }

  private StreamResult resolveAndStream(
      HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
    MediaObject object = object(path);
    String key = object.key();
    Video video = null;
    if (key.startsWith(VIDEO_PREFIX)) {
      Matcher matcher = VIDEO_KEY.matcher(key);
      video =
          (matcher.matches() ? videos.find(matcher.group(1)) : Optional.<VideoEntity>empty())
              .filter(entity -> entity.getStorageKey().equals(key))
              .map(VideoEntity::getDocument)
              .orElseThrow(
                  () -> ApiProblem.notFound(ProblemType.MEDIA_NOT_FOUND, "no such media: " + path));
    }
    return stream(request, response, object, video, StreamObserver.Route.MEDIA);
  }

  /**
   * Streams a media object the application already holds, with range support and watch sessions but
   * without the access policy (the caller has decided), as {@code private, no-cache}.
   *
   * @param request a GET or HEAD request
   * @param response the response
   * @param object the object
   * @param videoUid the video it belongs to, for watch sessions, or null
   * @return what was sent
   * @throws IOException if the object cannot be read
   */
  public StreamResult streamObject(
      HttpServletRequest request,
      HttpServletResponse response,
      MediaObject object,
      @Nullable String videoUid)
      throws IOException {
    return streamObject(request, response, object, videoUid, MediaCaching.revalidate(false));
  }

  /**
   * Streams a media object the application already holds, as {@link #streamObject(
   * HttpServletRequest, HttpServletResponse, MediaObject, String)} does, with the {@code
   * Cache-Control} the application chose for its 200, 206 and 304 answers.
   *
   * @param request a GET or HEAD request
   * @param response the response
   * @param object the object
   * @param videoUid the video it belongs to, for watch sessions, or null
   * @param cacheControl e.g. {@link MediaCaching#longLived}{@code (false)} for bytes that never
   *     change
   * @return what was sent
   * @throws IOException if the object cannot be read
   */
  public StreamResult streamObject(
      HttpServletRequest request,
      HttpServletResponse response,
      MediaObject object,
      @Nullable String videoUid,
      String cacheControl)
      throws IOException {
    return protectingRefusals(
        response,
        () ->
            send(
                request,
                response,
                object,
                videoUid,
                caller(request),
                cacheControl,
                StreamObserver.Route.OBJECT));
  }

  /** An answer that may be refused before the streamer, which protects what it answers itself. */
  @FunctionalInterface
  private interface Refusable {
    StreamResult answer() throws IOException;
  }

  /**
   * Runs {@code answer}, giving a refusal the headers every answer of these routes carries ({@link
   * ServedMedia#protect}): set once per answer, not once here and again in the streamer (two header
   * writes through every response wrapper were ~2 % of a probe's samples).
   */
  private static StreamResult protectingRefusals(HttpServletResponse response, Refusable answer)
      throws IOException {
    try {
      return answer.answer();
    } catch (IOException | RuntimeException refused) {
      ServedMedia.protect(response); // ignored by the container once the answer is committed
      throw refused;
    }
  }

  private StreamResult send(
      HttpServletRequest request,
      HttpServletResponse response,
      MediaObject object,
      @Nullable String videoUid,
      Caller caller,
      String cacheControl,
      StreamObserver.Route route)
      throws IOException {
    // read before streaming: nothing about the request may fail once the body is on its way
    String forwardedFor = header(request, "X-Forwarded-For");
    String userAgent = header(request, "User-Agent");
    boolean recorded = recorder != null && "GET".equals(request.getMethod());
    StreamObserver told = observer;
    told.started(route);
    StreamResult result = null;
    try {
      result = streamer.stream(request, response, object, cacheControl, recorded);
    } finally {
      StreamResult sent = result != null ? result : new StreamResult(500, 0, false);
      told.finished(route, StreamObserver.RangeKind.of(sent, response.getContentType()), sent);
    }
    if (recorder != null && recorded && (result.status() == 200 || result.status() == 206)) {
      String key = object.key();
      String clientIp = addresses.resolve(request.getRemoteAddr(), forwardedFor);
      long firstByte = firstByte(result.status(), response);
      LongConsumer record =
          bytes ->
              record(
                  recorder,
                  new WatchEvent(
                      key,
                      videoUid,
                      caller.name(),
                      clientIp,
                      userAgent,
                      bytes,
                      clock.instant(),
                      firstByte));
      CompletionStage<Long> reported = result.reportedBytes();
      if (reported == null) {
        record.accept(result.bytesSent());
      } else {
        // the container writes the body after this returns: record once it tells how far it got
        // (nothing for a transfer taken back before its first byte), off the container's poller
        // thread: a recorder may write to its database at once (flush interval 0)
        reported.thenAcceptAsync(
            bytes -> {
              if (bytes > 0) {
                record.accept(bytes);
              }
            },
            REPORTED_RECORDS);
      }
    }
    return result;
  }

  private static void record(WatchSessionRecorder recorder, WatchEvent event) {
    try {
      recorder.record(event);
    } catch (RuntimeException e) {
      log.warn("could not record a watch session of {}: {}", event.mediaKey(), e.toString());
    }
  }

  /**
   * The file offset of the first body byte: 0 for a 200, the start of a single-range 206's {@code
   * Content-Range}, -1 for a multipart answer (its parts are not told apart).
   */
  private static long firstByte(int status, HttpServletResponse response) {
    if (status == 200) {
      return 0;
    }
    return rangeStart(response.getHeader("Content-Range"));
  }

  /** N of {@code bytes N-M/size} (no regex: this runs on every recorded response), else -1. */
  static long rangeStart(@Nullable String contentRange) {
    if (contentRange == null || !contentRange.startsWith(BYTES_UNIT)) {
      return -1;
    }
    int from = BYTES_UNIT.length();
    int dash = contentRange.indexOf('-', from);
    if (dash <= from || dash - from > 18) {
      return -1;
    }
    for (int i = from; i < dash; i++) {
      char c = contentRange.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    return Long.parseLong(contentRange, from, dash, 10);
  }

  /** A header as the watch session keeps it: as sent, or null when a request wrapper refuses it. */
  private static @Nullable String header(HttpServletRequest request, String name) {
    try {
      return request.getHeader(name);
    } catch (RuntimeException e) { // e.g. a firewall stricter than VideokitFirewall
      return null;
    }
  }

  private StreamResult stream(
      HttpServletRequest request,
      HttpServletResponse response,
      MediaObject object,
      @Nullable Video video,
      StreamObserver.Route route)
      throws IOException {
    Caller caller = caller(request);
    StreamTarget target = new StreamTarget(object.key(), video);
    if (!policy.mayStream(target, caller, request)) {
      if (video != null && !video.readyToStream()) {
        throw ApiProblem.notFound(ProblemType.VIDEO_NOT_FOUND, "no video " + video.uid());
      }
      throw ApiProblem.forbidden("streaming this media is not allowed");
    }
    boolean shared =
        !caller.isAuthenticated()
            && MediaCaching.sharedCachesAllowed(request)
            && policy.publiclyCacheable(target);
    String cacheControl =
        video != null && video.readyToStream()
            ? MediaCaching.longLived(shared)
            : MediaCaching.revalidate(shared && video == null);
    return send(
        request, response, object, video == null ? null : video.uid(), caller, cacheControl, route);
  }

  private MediaObject object(String key) throws IOException {
    try {
      return storage.get(key);
    } catch (MediaNotFoundException e) {
      throw ApiProblem.notFound(ProblemType.MEDIA_NOT_FOUND, e.getMessage());
    }
  }

  private Caller caller(HttpServletRequest request) {
    return Caller.of(request, staffRole);
  }
}
