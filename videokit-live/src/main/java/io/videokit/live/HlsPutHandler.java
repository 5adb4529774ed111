package io.videokit.live;

import io.videokit.core.http.Problem;
import io.videokit.core.http.ProblemType;
import io.videokit.core.storage.MediaNotFoundException;
import io.videokit.core.storage.MediaStorage;
import io.videokit.core.stream.StreamObserver;
import io.videokit.core.stream.StreamResult;
import io.videokit.core.watch.ClientAddressResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HLS ingest over HTTP PUT and its playback, over the servlet API: publishers (ffmpeg {@code -f hls
 * -method PUT}) send {@code PUT} and {@code DELETE <base>/<broadcastId>/<file>} with {@code
 * Authorization: Bearer <secret>}; viewers send {@code GET} and {@code HEAD} for the same URLs.
 *
 * <p>Each broadcast has one media playlist, {@value #PLAYLIST_NAME}, and segments named as {@link
 * PlaylistRules#segmentName} allows. Bodies may be chunked or carry a {@code Content-Length};
 * segments over the broadcast's limit are refused (413) and nothing is kept. Every file is received
 * into a temporary file (or memory, for playlists) and stored atomically, so a half-uploaded
 * segment is never visible; a segment, once stored, never changes (a second PUT with the same bytes
 * is 204; with other bytes it starts a new publisher session, see below).
 *
 * <p>A playlist PUT is parsed (RFC 8216 §4) and checked with {@link PlaylistRules} against the
 * stored one; a refused update leaves the stored playlist as it was. Every segment it adds must be
 * stored or being received; the playlist waits up to 2 s for a segment whose request has not
 * arrived yet (ffmpeg PUTs a segment and then the playlist naming it on another connection without
 * waiting for the first answer, so the two race), and is refused (409, {@code segment-missing})
 * after that. A viewer may briefly get 404 for a segment still being received. Once the playlist
 * has {@code #EXT-X-ENDLIST}, nothing more is accepted.
 *
 * <p><b>Recording.</b> Every segment ever accepted is listed, in order and with its {@code
 * #EXTINF}, in the event playlist {@value #RECORDING_NAME} next to {@value #PLAYLIST_NAME} ({@code
 * #EXT-X-PLAYLIST-TYPE:EVENT}; {@link #endBroadcast} adds {@code #EXT-X-ENDLIST}). So a publisher's
 * DELETE of a segment (ffmpeg's {@code -hls_flags delete_segments}) is answered 204 but the segment
 * is kept when the recording holds it; a segment the current playlist names is 409; a stored
 * segment no playlist ever named is deleted.
 *
 * <p><b>Reconnects.</b> A restarted publisher (a new ffmpeg: names such as {@code index0.ts} again,
 * media sequence back to 0) continues the broadcast in a new publisher session: it starts when a
 * segment PUT names a segment the current session stored with other bytes (its segments then go
 * under a fresh {@code s<N>/} directory, so no stored segment is ever overwritten), or when a
 * playlist's media sequence went back and all its segments are new. Each session's playlists pass
 * {@link PlaylistRules} against that session's previous one. From the first reconnect on, the
 * viewers' {@value #PLAYLIST_NAME} is written by the handler from the recording (not the
 * publisher's bytes): the last window of segments, {@code #EXT-X-DISCONTINUITY} at each session
 * boundary, {@code #EXT-X-DISCONTINUITY-SEQUENCE}, media sequence numbers that only increase; the
 * target duration is the largest any session declared. Tags the handler does not model (such as
 * {@code #EXT-X-MAP} of fragmented MP4) are then not carried over, so reconnects suit MPEG-TS
 * segments.
 *
 * <p><b>Viewers and thumbnails.</b> {@link #viewers} counts live viewers from their playlist
 * fetches; a {@link LiveListener} hears of the first segment ({@link LiveThumbnails} writes {@value
 * #THUMBNAIL_NAME} from it, served with {@code image/jpeg}).
 *
 * <p>Every client error is an RFC 9457 problem and one log line. Thread-safe: the writes of one
 * broadcast are serialised; bodies are received outside that lock.
 */
public final class HlsPutHandler {

  /** The name of every broadcast's media playlist. */
  public static final String PLAYLIST_NAME = "index.m3u8";

  /** The name of every broadcast's event playlist: every segment ever accepted. */
  public static final String RECORDING_NAME = "vod.m3u8";

  /** The name of a broadcast's thumbnail, a JPEG image ({@link LiveThumbnails}). */
  public static final String THUMBNAIL_NAME = "thumb.jpg";

  /** The media type of playlists (RFC 8216 §4). */
  public static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";

  /** The viewer window when no target duration is known yet. */
  private static final Duration DEFAULT_VIEWER_WINDOW = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(HlsPutHandler.class);

  private final String basePath;
  private final MediaStorage storage;
  private final LiveTargets targets;
  private final Clock clock;
  private final LiveIngest ingest;
  private final LiveViewers viewers;
  private final Map<String, BroadcastState> states = new ConcurrentHashMap<>();
  private volatile StreamObserver observer = StreamObserver.NONE;

  /**
   * Creates the handler.
   *
   * @param basePath the URL path under the context path the handler answers, e.g. {@code /live}
   * @param storage where the broadcasts' files are stored (under their {@link
   *     LiveTarget#storagePrefix()})
   * @param targets which broadcasts exist and who may publish to them
   * @param tempDirectory where bodies are received before they are stored; on the storage's file
   *     system, files are moved rather than copied
   * @param clock time source of {@link #lastActivity}
   */
  public HlsPutHandler(
      String basePath, MediaStorage storage, LiveTargets targets, Path tempDirectory, Clock clock) {
    this(
        basePath,
        storage,
        targets,
        tempDirectory,
        clock,
        LiveListener.NONE,
        new ClientAddressResolver(List.of()));
  }

  /**
   * Creates the handler with a listener and a client address resolver for viewer counting.
   *
   * @param basePath the URL path under the context path the handler answers, e.g. {@code /live}
   * @param storage where the broadcasts' files are stored (under their {@link
   *     LiveTarget#storagePrefix()})
   * @param targets which broadcasts exist and who may publish to them
   * @param tempDirectory where bodies are received before they are stored; on the storage's file
   *     system, files are moved rather than copied
   * @param clock time source of {@link #lastActivity} and {@link #viewers}
   * @param listener hears of ingest events, e.g. {@link LiveThumbnails}
   * @param addresses finds a viewer's client address ({@code X-Forwarded-For} from trusted proxies)
   */
  public HlsPutHandler(
      String basePath,
      MediaStorage storage,
      LiveTargets targets,
      Path tempDirectory,
      Clock clock,
      LiveListener listener,
      ClientAddressResolver addresses) {
    this.basePath = basePath.endsWith("/") ? basePath : basePath + "/";
    this.storage = storage;
    this.targets = targets;
    this.clock = clock;
    this.ingest = new LiveIngest(storage, tempDirectory, listener);
    this.viewers = new LiveViewers(addresses);
  }

  /**
   * Sets who is told about every viewer's GET and HEAD (metrics); {@link StreamObserver#NONE} by
   * default.
   *
   * @param observer the observer
   */
  public void setObserver(StreamObserver observer) {
    this.observer = java.util.Objects.requireNonNull(observer);
  }

  /**
   * Handles one request for {@code <base>/<broadcastId>/<file>}.
   *
   * @param request the request; its raw (not decoded) URI is used, so percent-encoded names never
   *     match
   * @param response the response
   * @throws IOException if the response cannot be written
   */
  public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String method = request.getMethod();
    response.setHeader("X-Content-Type-Options", "nosniff");
    try {
      String[] path = path(request);
      if (path[1].indexOf('/') >= 0 && !method.equals("GET") && !method.equals("HEAD")) {
        throw notFound();
      }
      switch (method) {
        case "PUT" -> put(request, response, path[0], path[1]);
        case "DELETE" -> delete(request, response, path[0], path[1]);
        case "GET", "HEAD" -> {
          LiveTarget target = targets.forViewer(path[0]).orElseThrow(HlsPutHandler::notFound);
          StreamObserver told = observer;
          told.started(StreamObserver.Route.LIVE);
          long sent = -1;
          try {
            sent =
                LivePlayback.serve(
                    storage, target, path[1], request, response, method.equals("GET"));
          } finally {
            StreamResult result =
                new StreamResult(sent < 0 ? 404 : response.getStatus(), Math.max(0, sent), true);
            told.finished(
                StreamObserver.Route.LIVE,
                sent < 0 ? StreamObserver.RangeKind.NONE : StreamObserver.RangeKind.FULL,
                result);
          }
          if (sent < 0) {
            throw notFound();
          }
          if (method.equals("GET")
              && path[1].equals(PLAYLIST_NAME)
              && !publisher(request, path[0])) {
            viewers.fetched(path[0], request, clock.instant(), viewerWindow(path[0]));
          }
        }
        default -> {
          response.setHeader("Allow", "GET, HEAD, PUT, DELETE");
          throw new LiveException(ProblemType.LIVE_METHOD_NOT_ALLOWED, method + " is not allowed");
        }
      }
    } catch (LiveException e) {
      log.info("live {} refused ({}): {}", method, e.type().code(), e.getMessage());
      response.setHeader("Cache-Control", "no-store");
      if (e.type() == ProblemType.UNAUTHENTICATED) {
        // RFC 6750 §3: a presented but refused secret is an invalid_token
        response.setHeader(
            "WWW-Authenticate",
            request.getHeader("Authorization") == null
                ? "Bearer realm=\"videokit-live\""
                : "Bearer realm=\"videokit-live\", error=\"invalid_token\"");
      }
      Problem.of(e.type(), e.getMessage()).write(response, method);
    } catch (MediaNotFoundException e) {
      log.info("live {} refused: {}", method, e.getMessage());
      Problem.of(ProblemType.LIVE_NOT_FOUND, "no such broadcast or file").write(response, method);
    } catch (IOException e) {
      log.error("live {} failed", method, e);
      Problem.of(ProblemType.INTERNAL, "the file could not be stored or read")
          .write(response, method);
    }
  }

  /**
   * Ends a broadcast's playlist by appending {@code #EXT-X-ENDLIST} (RFC 8216 §4.3.3.4), for a stop
   * or an idle timeout. Idempotent: an ended playlist is left as it is.
   *
   * @param broadcastId the broadcast
   * @return true if the playlist was changed; false if it had ended already, or there is no such
   *     broadcast or playlist
   * @throws IOException if the storage fails
   */
  public boolean endBroadcast(String broadcastId) throws IOException {
    Optional<LiveTarget> target = targets.forViewer(broadcastId);
    if (target.isEmpty()) {
      return false;
    }
    try {
      return ingest.end(target.get(), state(broadcastId));
    } catch (MediaNotFoundException e) {
      return false;
    }
  }

  /**
   * How many viewers watch a broadcast live: distinct viewers (the {@code viewer} query parameter
   * or cookie when present, else client address and {@code User-Agent}) whose last GET of {@value
   * #PLAYLIST_NAME} is at most 3 target durations old. A GET carrying the publisher's secret is not
   * a viewer.
   *
   * @param broadcastId the broadcast
   * @return the number of live viewers, 0 for an unknown broadcast
   */
  public int viewers(String broadcastId) {
    return viewers.count(broadcastId, clock.instant(), viewerWindow(broadcastId));
  }

  /**
   * When a publisher's PUT was last accepted for a broadcast, so that a caller can end idle
   * broadcasts (a crashed publisher never writes {@code #EXT-X-ENDLIST}).
   *
   * @param broadcastId the broadcast
   * @return the instant of the last accepted PUT since this handler started, or empty if none
   */
  public Optional<Instant> lastActivity(String broadcastId) {
    BroadcastState state = states.get(broadcastId);
    return state == null ? Optional.empty() : Optional.ofNullable(state.lastActivity());
  }

  /**
   * Forgets what the handler keeps in memory of a broadcast (after it ended for good); its stored
   * files stay.
   *
   * @param broadcastId the broadcast
   */
  public void forget(String broadcastId) {
    states.remove(broadcastId);
    viewers.forget(broadcastId);
  }

  /** {@code [broadcastId, file]} from the raw request URI, or 404. */
  private String[] path(HttpServletRequest request) throws LiveException {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    String rest = uri.startsWith(context) ? uri.substring(context.length()) : uri;
    if (!rest.startsWith(basePath)) {
      throw notFound();
    }
    String[] parts = rest.substring(basePath.length()).split("/", -1);
    if (parts.length == 3 && SessionKeys.DIRECTORY.matcher(parts[1]).matches()) {
      // a reconnected publisher session's segment, for viewers
      parts = new String[] {parts[0], parts[1] + "/" + parts[2]};
    }
    if (parts.length != 2 || !LiveTarget.BROADCAST_ID.matcher(parts[0]).matches()) {
      throw notFound();
    }
    return parts;
  }

  /** Whether a request carries the broadcast's publisher secret (the publisher is no viewer). */
  private boolean publisher(HttpServletRequest request, String id) {
    String header = request.getHeader("Authorization");
    return header != null
        && header.regionMatches(true, 0, "Bearer ", 0, 7)
        && targets.authorizePublisher(id, header.substring(7).strip()).isPresent();
  }

  /** Three target durations of the broadcast's live playlist. */
  private Duration viewerWindow(String id) {
    Optional<LiveTarget> target = targets.forViewer(id);
    long seconds = 0;
    if (target.isPresent()) {
      try {
        seconds = ingest.targetDuration(target.get(), state(id));
      } catch (IOException e) {
        log.warn("live broadcast {}: the stored playlists could not be read", id, e);
      }
    }
    return seconds > 0 ? Duration.ofSeconds(3 * seconds) : DEFAULT_VIEWER_WINDOW;
  }

  private void put(HttpServletRequest request, HttpServletResponse response, String id, String file)
      throws IOException, LiveException, MediaNotFoundException {
    LiveTarget target = Publishers.authorize(targets, request, id);
    BroadcastState state = state(id);
    if (file.equals(PLAYLIST_NAME)) {
      ingest.putPlaylist(request, response, target, state);
    } else if (PlaylistRules.segmentName(file)) {
      ingest.putSegment(request, response, target, state, file);
    } else {
      throw new LiveException(
          ProblemType.LIVE_INVALID_NAME, "publish " + PLAYLIST_NAME + " and plain segment names");
    }
    state.touch(clock.instant());
  }

  private void delete(
      HttpServletRequest request, HttpServletResponse response, String id, String file)
      throws IOException, LiveException, MediaNotFoundException {
    LiveTarget target = Publishers.authorize(targets, request, id);
    if (file.equals(PLAYLIST_NAME)) {
      response.setHeader("Allow", "GET, HEAD, PUT");
      throw new LiveException(ProblemType.LIVE_METHOD_NOT_ALLOWED, "the playlist stays");
    }
    if (!PlaylistRules.segmentName(file)) {
      throw new LiveException(ProblemType.LIVE_INVALID_NAME, "not a segment name");
    }
    ingest.delete(response, target, state(id), file);
  }

  private BroadcastState state(String id) {
    return states.computeIfAbsent(id, key -> new BroadcastState());
  }

  static LiveException notFound() {
    return new LiveException(ProblemType.LIVE_NOT_FOUND, "no such broadcast or file");
  }
}
