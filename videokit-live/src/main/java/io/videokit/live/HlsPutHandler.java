package io.videokit.live;

import io.videokit.core.http.Problem;
import io.videokit.core.http.ProblemType;
import io.videokit.core.storage.MediaNotFoundException;
import io.videokit.core.storage.MediaObject;
import io.videokit.core.storage.MediaStorage;
import io.videokit.live.PlaylistRules.Violation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
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
 * segment is never visible; a segment, once stored, never changes (a second PUT with other bytes is
 * 409, with the same bytes 204).
 *
 * <p>A playlist PUT is parsed (RFC 8216 §4) and checked with {@link PlaylistRules} against the
 * stored one; a refused update leaves the stored playlist as it was. Every segment it adds must be
 * stored or being received; the playlist waits up to 2 s for a segment whose request has not
 * arrived yet (ffmpeg PUTs a segment and then the playlist naming it on another connection without
 * waiting for the first answer, so the two race), and is refused (409, {@code segment-missing})
 * after that. A viewer may briefly get 404 for a segment still being received. A segment the
 * current playlist names cannot be deleted. Once the playlist has {@code #EXT-X-ENDLIST}, nothing
 * more is accepted.
 *
 * <p>Every client error is an RFC 9457 problem and one log line. Thread-safe: the writes of one
 * broadcast are serialised; bodies are received outside that lock.
 */
public final class HlsPutHandler {

  /** The name of every broadcast's media playlist. */
  public static final String PLAYLIST_NAME = "index.m3u8";

  /** The media type of playlists (RFC 8216 §4). */
  public static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";

  /** How long a playlist waits for a segment it adds whose request has not arrived yet. */
  private static final Duration SEGMENT_GRACE = Duration.ofSeconds(2);

  private static final Charset UTF8 = StandardCharsets.UTF_8;

  private static final Logger log = LoggerFactory.getLogger(HlsPutHandler.class);

  private final String basePath;
  private final MediaStorage storage;
  private final LiveTargets targets;
  private final Path tempDirectory;
  private final Clock clock;
  private final Map<String, BroadcastState> states = new ConcurrentHashMap<>();

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
    this.basePath = basePath.endsWith("/") ? basePath : basePath + "/";
    this.storage = storage;
    this.targets = targets;
    this.tempDirectory = tempDirectory;
    this.clock = clock;
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
      switch (method) {
        case "PUT" -> put(request, response, path[0], path[1]);
        case "DELETE" -> delete(request, response, path[0], path[1]);
        case "GET", "HEAD" -> {
          LiveTarget target = targets.forViewer(path[0]).orElseThrow(HlsPutHandler::notFound);
          if (!LivePlayback.serve(storage, target, path[1], response, method.equals("GET"))) {
            throw notFound();
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
        response.setHeader("WWW-Authenticate", "Bearer realm=\"videokit-live\"");
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
    BroadcastState state = state(broadcastId);
    synchronized (state.lock) {
      try {
        return appendEndList(target.get(), state);
      } catch (MediaNotFoundException e) {
        return false;
      }
    }
  }

  private boolean appendEndList(LiveTarget target, BroadcastState state)
      throws IOException, MediaNotFoundException {
    MediaPlaylist current = current(target, state);
    if (current == null || current.ended()) {
      return false;
    }
    String key = target.key(PLAYLIST_NAME);
    String text = new String(Bodies.read(storage.get(key), MediaPlaylist.MAX_BYTES), UTF8);
    String ended = text + (text.endsWith("\n") ? "" : "\n") + "#EXT-X-ENDLIST\n";
    byte[] bytes = ended.getBytes(UTF8);
    storage.put(key, new ByteArrayInputStream(bytes));
    state.playlist = parseStored(bytes);
    log.info("ended the playlist of broadcast {}", target.broadcastId());
    return true;
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
    if (parts.length != 2 || !LiveTarget.BROADCAST_ID.matcher(parts[0]).matches()) {
      throw notFound();
    }
    return parts;
  }

  private void put(HttpServletRequest request, HttpServletResponse response, String id, String file)
      throws IOException, LiveException, MediaNotFoundException {
    LiveTarget target = Publishers.authorize(targets, request, id);
    BroadcastState state = state(id);
    if (file.equals(PLAYLIST_NAME)) {
      putPlaylist(request, response, target, state);
    } else if (PlaylistRules.segmentName(file)) {
      putSegment(request, response, target, state, file);
    } else {
      throw new LiveException(
          ProblemType.LIVE_INVALID_NAME, "publish " + PLAYLIST_NAME + " and plain segment names");
    }
    state.touch(clock.instant());
  }

  private void putSegment(
      HttpServletRequest request,
      HttpServletResponse response,
      LiveTarget target,
      BroadcastState state,
      String file)
      throws IOException, LiveException, MediaNotFoundException {
    long max = target.limits().maxSegmentBytes();
    if (request.getContentLengthLong() > max) {
      throw new LiveException(ProblemType.LIVE_TOO_LARGE, "segments may be at most " + max + " B");
    }
    state.startReceiving(file);
    Path temp = null;
    try {
      try (InputStream in = request.getInputStream()) {
        temp = Bodies.toTempFile(in, max, tempDirectory);
      }
      synchronized (state.lock) {
        MediaPlaylist current = current(target, state);
        if (current != null && current.ended()) {
          throw new LiveException(
              ProblemType.LIVE_PLAYLIST_CONFLICT,
              PlaylistRules.Rule.CHANGED_AFTER_ENDLIST.code() + ": the broadcast has ended");
        }
        MediaObject existing = find(target.key(file));
        if (existing != null) {
          if (!Bodies.sameBytes(existing, temp)) {
            throw new LiveException(
                ProblemType.LIVE_SEGMENT_IMMUTABLE, "segment " + file + " exists with other bytes");
          }
          response.setStatus(HttpServletResponse.SC_NO_CONTENT);
          return;
        }
        storage.put(target.key(file), temp);
      }
      response.setStatus(HttpServletResponse.SC_CREATED);
    } finally {
      state.stopReceiving(file);
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private void putPlaylist(
      HttpServletRequest request,
      HttpServletResponse response,
      LiveTarget target,
      BroadcastState state)
      throws IOException, LiveException, MediaNotFoundException {
    if (request.getContentLengthLong() > MediaPlaylist.MAX_BYTES) {
      throw new LiveException(
          ProblemType.LIVE_TOO_LARGE, "playlists may be at most " + MediaPlaylist.MAX_BYTES + " B");
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = Bodies.toBytes(in, MediaPlaylist.MAX_BYTES);
    }
    MediaPlaylist next;
    try {
      next = MediaPlaylist.parse(body);
    } catch (PlaylistException e) {
      throw new LiveException(ProblemType.LIVE_INVALID_PLAYLIST, e.getMessage());
    }
    MediaPlaylist before;
    synchronized (state.lock) {
      before = current(target, state);
    }
    List<String> added =
        next.segmentUris().stream().filter(uri -> before == null || !before.names(uri)).toList();
    state.awaitSegments(added, uri -> exists(target.key(uri)), SEGMENT_GRACE);
    synchronized (state.lock) {
      MediaPlaylist previous = current(target, state);
      Optional<Violation> violation = new PlaylistRules(target.limits()).check(previous, next);
      if (violation.isPresent()) {
        throw new LiveException(
            violation.get().rule().standalone()
                ? ProblemType.LIVE_INVALID_PLAYLIST
                : ProblemType.LIVE_PLAYLIST_CONFLICT,
            violation.get().message());
      }
      List<String> uris = next.segmentUris();
      for (int i = 0; i < uris.size(); i++) {
        String uri = uris.get(i);
        boolean known = previous != null && previous.names(uri);
        if (!known && !state.receiving(uri) && find(target.key(uri)) == null) {
          throw new LiveException(
              ProblemType.LIVE_PLAYLIST_CONFLICT,
              "segment-missing: segment " + i + " (" + uri + ") was not uploaded");
        }
      }
      storage.put(target.key(PLAYLIST_NAME), new ByteArrayInputStream(body));
      state.playlist = next;
      response.setStatus(
          previous == null ? HttpServletResponse.SC_CREATED : HttpServletResponse.SC_NO_CONTENT);
    }
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
    BroadcastState state = state(id);
    synchronized (state.lock) {
      MediaPlaylist current = current(target, state);
      if (current != null && current.names(file)) {
        throw new LiveException(
            ProblemType.LIVE_SEGMENT_IN_PLAYLIST, "segment " + file + " is still in the playlist");
      }
      if (!storage.delete(target.key(file))) {
        throw notFound();
      }
    }
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
  }

  private BroadcastState state(String id) {
    return states.computeIfAbsent(id, key -> new BroadcastState());
  }

  /** The stored playlist, read once per broadcast; call holding {@code state.lock}. */
  private @Nullable MediaPlaylist current(LiveTarget target, BroadcastState state)
      throws IOException, MediaNotFoundException {
    if (!state.loaded) {
      MediaObject stored = find(target.key(PLAYLIST_NAME));
      state.playlist =
          stored == null ? null : parseStored(Bodies.read(stored, MediaPlaylist.MAX_BYTES));
      state.loaded = true;
    }
    return state.playlist;
  }

  private static MediaPlaylist parseStored(byte[] bytes) throws IOException {
    try {
      return MediaPlaylist.parse(bytes);
    } catch (PlaylistException e) {
      throw new IOException("the stored playlist is not valid: " + e.getMessage(), e);
    }
  }

  private boolean exists(String key) throws IOException {
    return find(key) != null;
  }

  private @Nullable MediaObject find(String key) throws IOException {
    try {
      return storage.get(key);
    } catch (MediaNotFoundException e) {
      return null;
    }
  }

  static LiveException notFound() {
    return new LiveException(ProblemType.LIVE_NOT_FOUND, "no such broadcast or file");
  }
}
