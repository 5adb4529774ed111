package io.videokit.live;

import io.videokit.core.http.ProblemType;
import io.videokit.core.storage.MediaNotFoundException;
import io.videokit.core.storage.MediaObject;
import io.videokit.core.storage.MediaStorage;
import io.videokit.live.PlaylistRules.Rule;
import io.videokit.live.PlaylistRules.Violation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher's side of {@link HlsPutHandler}: segments, playlists and deletes of one broadcast,
 * its publisher sessions and its recording. Every method that touches a {@link BroadcastState}'s
 * fields holds its lock; bodies are received before taking it. (Near 400 lines: the three publisher
 * requests and the reading of a stored broadcast share the session state and are kept together.)
 */
final class LiveIngest {

  /** How long a playlist waits for a segment it adds whose request has not arrived yet. */
  private static final Duration SEGMENT_GRACE = Duration.ofSeconds(2);

  /** The stored last playlist of a reconnected publisher's session (never served). */
  static final String PUBLISHER_NAME = "publisher.m3u8";

  /** A comment line of {@link #PUBLISHER_NAME}: the session's directory number. */
  private static final String DIRECTORY_COMMENT = "#videokit-directory:";

  private static final Logger log = LoggerFactory.getLogger(LiveIngest.class);

  private final MediaStorage storage;
  private final Path tempDirectory;
  private final LiveListener listener;

  LiveIngest(MediaStorage storage, Path tempDirectory, LiveListener listener) {
    this.storage = storage;
    this.tempDirectory = tempDirectory;
    this.listener = listener;
  }

  void putSegment(
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
        load(target, state);
        refuseIfEnded(state);
        MediaObject existing = find(key(target, state.directory, file));
        if (existing != null) {
          if (Bodies.sameBytes(existing, temp) && !resentAfterItsWindow(state, file)) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
          }
          startSession(target, state, file);
        }
        storage.put(key(target, state.directory, file), temp);
      }
      response.setStatus(HttpServletResponse.SC_CREATED);
    } finally {
      state.stopReceiving(file);
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * Whether a segment PUT again with the same bytes is a restarted publisher rather than a retry:
   * it is recorded but its session's playlist no longer names it (a deterministic source, such as a
   * test pattern, makes a restarted publisher's first segments identical to the first ones).
   */
  private static boolean resentAfterItsWindow(BroadcastState state, String file) {
    MediaPlaylist current = state.playlist;
    return current != null
        && !current.names(file)
        && state.recording.contains(SessionKeys.uri(state.directory, file));
  }

  /**
   * A segment name the current session stored already comes with other bytes, or again after it
   * left the playlist: a restarted publisher. Its segments go to the first session directory free
   * of that name.
   */
  private void startSession(LiveTarget target, BroadcastState state, String file)
      throws IOException, LiveException {
    int next = state.directory + 1;
    while (next <= SessionKeys.MAX_SESSIONS && find(key(target, next, file)) != null) {
      next++;
    }
    if (next > SessionKeys.MAX_SESSIONS) {
      throw new LiveException(
          ProblemType.LIVE_SEGMENT_IMMUTABLE,
          "segment "
              + file
              + " exists with other bytes and no more publisher sessions are allowed");
    }
    state.directory = next;
    state.playlist = null;
    state.newSession = true;
    log.info("broadcast {}: a new publisher session, directory s{}", target.broadcastId(), next);
  }

  void putPlaylist(
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
    // a segment it names still arriving may start a new session: judge the playlist after it
    state.awaitReceived(next.segmentUris(), SEGMENT_GRACE);
    MediaPlaylist before;
    int directory;
    synchronized (state.lock) {
      load(target, state);
      before = state.playlist;
      directory = state.directory;
    }
    List<String> added =
        next.segmentUris().stream().filter(uri -> before == null || !before.names(uri)).toList();
    state.awaitSegments(added, uri -> find(key(target, directory, uri)) != null, SEGMENT_GRACE);
    boolean first;
    try {
      synchronized (state.lock) {
        first = accept(target, state, next, body);
      }
    } catch (LiveException conflict) {
      // A restarted publisher sends its first playlist and its first segment on two connections:
      // the playlist can be judged a moment before that segment has started the new session (and
      // conflicts with the previous session's playlist). Judged again once the session started.
      boolean ended;
      synchronized (state.lock) {
        ended = state.recording.ended();
      }
      if (conflict.type() != ProblemType.LIVE_PLAYLIST_CONFLICT
          || ended
          || !awaitNewSession(state, directory, SEGMENT_GRACE)) {
        throw conflict;
      }
      synchronized (state.lock) {
        first = accept(target, state, next, body);
      }
    }
    response.setStatus(first ? HttpServletResponse.SC_CREATED : HttpServletResponse.SC_NO_CONTENT);
    if (!state.firstReported && state.recording.size() > 0) {
      reportFirst(target, state);
    }
  }

  /** Waits, up to {@code grace}, for a segment to start a session after {@code directory}. */
  private static boolean awaitNewSession(BroadcastState state, int directory, Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    while (true) {
      synchronized (state.lock) {
        if (state.directory != directory) {
          return true;
        }
      }
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** Checks and stores a playlist; true if it is its session's first. */
  private boolean accept(LiveTarget target, BroadcastState state, MediaPlaylist next, byte[] body)
      throws IOException, LiveException {
    MediaPlaylist previous = state.playlist;
    if (state.recording.ended() && (previous == null || !previous.ended())) {
      throw new LiveException(
          ProblemType.LIVE_PLAYLIST_CONFLICT,
          Rule.CHANGED_AFTER_ENDLIST.code() + ": the broadcast has ended");
    }
    PlaylistRules rules = new PlaylistRules(target.limits());
    Optional<Violation> violation = rules.check(previous, next);
    boolean restarted = false;
    if (violation.isPresent()
        && violation.get().rule() == Rule.MEDIA_SEQUENCE_DECREASED
        && !state.recording.ended()
        && state.recording.fresh(next, state.directory) == next.segments().size()) {
      // a restarted publisher with fresh segment names: a new session in the same directory
      violation = rules.check(null, next);
      restarted = violation.isEmpty();
    }
    if (violation.isPresent()) {
      throw new LiveException(
          violation.get().rule().standalone()
              ? ProblemType.LIVE_INVALID_PLAYLIST
              : ProblemType.LIVE_PLAYLIST_CONFLICT,
          violation.get().message());
    }
    if (restarted) {
      previous = null;
      state.newSession = true;
      log.info(
          "broadcast {}: a new publisher session (media sequence went back)", target.broadcastId());
    }
    List<String> uris = next.segmentUris();
    for (int i = 0; i < uris.size(); i++) {
      String uri = uris.get(i);
      boolean known = previous != null && previous.names(uri);
      if (!known && !state.receiving(uri) && find(key(target, state.directory, uri)) == null) {
        throw new LiveException(
            ProblemType.LIVE_PLAYLIST_CONFLICT,
            "segment-missing: segment " + i + " (" + uri + ") was not uploaded");
      }
    }
    long fresh = state.recording.fresh(next, state.directory);
    if (state.recording.size() + fresh > target.limits().maxPlaylistSegments()) {
      throw new LiveException(
          ProblemType.LIVE_PLAYLIST_CONFLICT,
          Rule.TOO_MANY_SEGMENTS.code()
              + ": the recording may hold at most "
              + target.limits().maxPlaylistSegments()
              + " segments");
    }
    boolean ended = state.recording.ended();
    state.recording.accept(next, state.directory, state.newSession);
    state.newSession = false;
    state.playlist = next;
    boolean changed = fresh > 0 || ended != state.recording.ended();
    writePlaylists(target, state, body, changed);
    return previous == null;
  }

  /** Stores the viewers' playlist and, if it changed, the recording. */
  private void writePlaylists(LiveTarget target, BroadcastState state, byte[] body, boolean changed)
      throws IOException, LiveException {
    LiveRecording recording = state.recording;
    if (recording.spliced()) {
      String own =
          new String(body, StandardCharsets.UTF_8).stripTrailing()
              + "\n"
              + DIRECTORY_COMMENT
              + state.directory
              + "\n";
      put(target.key(PUBLISHER_NAME), own);
      put(target.key(HlsPutHandler.PLAYLIST_NAME), recording.live());
    } else {
      putBytes(target.key(HlsPutHandler.PLAYLIST_NAME), body);
    }
    if (changed) {
      put(target.key(HlsPutHandler.RECORDING_NAME), recording.event());
    }
  }

  private void reportFirst(LiveTarget target, BroadcastState state) {
    String key;
    synchronized (state.lock) {
      if (state.firstReported || state.recording.size() == 0) {
        return;
      }
      state.firstReported = true;
      key = target.key(state.recording.entries().get(0).uri());
    }
    try {
      listener.firstSegment(target, key);
    } catch (RuntimeException e) {
      log.warn("the live listener failed on broadcast {}'s first segment", target.broadcastId(), e);
    }
  }

  /**
   * A publisher's DELETE of a segment: one its current playlist names is 409; one the recording
   * holds is answered 204 and kept (the event playlist needs it); any other stored one is deleted.
   */
  void delete(HttpServletResponse response, LiveTarget target, BroadcastState state, String file)
      throws IOException, LiveException, MediaNotFoundException {
    synchronized (state.lock) {
      load(target, state);
      MediaPlaylist current = state.playlist;
      if (current != null && current.names(file)) {
        throw new LiveException(
            ProblemType.LIVE_SEGMENT_IN_PLAYLIST, "segment " + file + " is still in the playlist");
      }
      String uri = SessionKeys.uri(state.directory, file);
      if (!state.recording.contains(uri) && !storage.delete(target.key(uri))) {
        throw HlsPutHandler.notFound();
      }
    }
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
  }

  /** Appends {@code #EXT-X-ENDLIST} to both playlists; false if there is none or it had ended. */
  boolean end(LiveTarget target, BroadcastState state) throws IOException, MediaNotFoundException {
    synchronized (state.lock) {
      load(target, state);
      MediaPlaylist current = state.playlist;
      LiveRecording recording = state.recording;
      if (recording.ended() || recording.size() == 0 && current == null) {
        return false;
      }
      recording.end();
      String key = target.key(HlsPutHandler.PLAYLIST_NAME);
      if (recording.spliced() || current == null) {
        put(key, recording.live());
      } else {
        String text =
            new String(
                Bodies.read(storage.get(key), MediaPlaylist.MAX_BYTES), StandardCharsets.UTF_8);
        put(key, text + (text.endsWith("\n") ? "" : "\n") + "#EXT-X-ENDLIST\n");
      }
      put(target.key(HlsPutHandler.RECORDING_NAME), recording.event());
      log.info("ended the playlists of broadcast {}", target.broadcastId());
      return true;
    }
  }

  /** Current target duration of a broadcast's live playlist, 0 if unknown. */
  long targetDuration(LiveTarget target, BroadcastState state) throws IOException {
    synchronized (state.lock) {
      load(target, state);
      return state.recording.targetDuration();
    }
  }

  private static void refuseIfEnded(BroadcastState state) throws LiveException {
    MediaPlaylist current = state.playlist;
    if (state.recording.ended() || current != null && current.ended()) {
      throw new LiveException(
          ProblemType.LIVE_PLAYLIST_CONFLICT,
          Rule.CHANGED_AFTER_ENDLIST.code() + ": the broadcast has ended");
    }
  }

  /**
   * Reads what the storage holds of a broadcast, once per handler: the recording, the current
   * session's directory and playlist (a broadcast stored before recordings existed has only its
   * publisher's playlist).
   */
  private void load(LiveTarget target, BroadcastState state) throws IOException {
    if (state.loaded) {
      return;
    }
    MediaPlaylist live = stored(target.key(HlsPutHandler.PLAYLIST_NAME));
    MediaPlaylist event = stored(target.key(HlsPutHandler.RECORDING_NAME));
    LiveRecording recording = event != null ? LiveRecording.of(event) : new LiveRecording();
    if (event == null && live != null) {
      recording.accept(live, 0, false);
    }
    MediaPlaylist publisher = live;
    int directory = recording.lastDirectory();
    if (recording.spliced()) {
      MediaObject own = find(target.key(PUBLISHER_NAME));
      publisher = null;
      if (own != null) {
        String text = new String(Bodies.read(own, MediaPlaylist.MAX_BYTES), StandardCharsets.UTF_8);
        publisher = parse(text.getBytes(StandardCharsets.UTF_8));
        int at = text.lastIndexOf(DIRECTORY_COMMENT);
        if (at >= 0) {
          directory = Integer.parseInt(text.substring(at + DIRECTORY_COMMENT.length()).strip());
        }
      }
    }
    if (live != null) {
      recording.window(live.segments().size());
    }
    state.recording = recording;
    state.playlist = publisher;
    state.directory = directory;
    state.firstReported = recording.size() > 0;
    state.loaded = true;
  }

  private @Nullable MediaPlaylist stored(String key) throws IOException {
    MediaObject object = find(key);
    return object == null ? null : parse(Bodies.read(object, MediaPlaylist.MAX_BYTES));
  }

  private static MediaPlaylist parse(byte[] bytes) throws IOException {
    try {
      return MediaPlaylist.parse(bytes);
    } catch (PlaylistException e) {
      throw new IOException("a stored playlist is not valid: " + e.getMessage(), e);
    }
  }

  private void put(String key, String text) throws IOException {
    putBytes(key, text.getBytes(StandardCharsets.UTF_8));
  }

  private void putBytes(String key, byte[] bytes) throws IOException {
    try {
      storage.put(key, new ByteArrayInputStream(bytes));
    } catch (MediaNotFoundException e) {
      throw new IOException("unsafe storage key " + key, e);
    }
  }

  private static String key(LiveTarget target, int directory, String name) {
    return target.key(SessionKeys.uri(directory, name));
  }

  private @Nullable MediaObject find(String key) throws IOException {
    try {
      return storage.get(key);
    } catch (MediaNotFoundException e) {
      return null;
    }
  }
}
