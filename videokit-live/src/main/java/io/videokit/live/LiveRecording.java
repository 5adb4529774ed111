package io.videokit.live;

import io.videokit.live.MediaPlaylist.Segment;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every segment a broadcast ever accepted, in order, across publisher sessions, and the two
 * playlists written from it: the event playlist ({@link HlsPutHandler#RECORDING_NAME}, RFC 8216
 * §4.3.3.5 {@code EVENT}) and, once a publisher reconnected, the viewers' live playlist (a sliding
 * window with {@code #EXT-X-DISCONTINUITY} at each session boundary and {@code
 * #EXT-X-DISCONTINUITY-SEQUENCE}, §4.3.2.3, §4.3.3.3). Media sequence numbers are positions in the
 * recording, so they only increase. Not thread-safe: used under the broadcast's lock.
 */
final class LiveRecording {

  /** One accepted segment: its URI relative to the broadcast (e.g. {@code s1/index0.ts}). */
  record Entry(String uri, BigDecimal duration, boolean discontinuity) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Set<String> uris = new HashSet<>();
  private long mediaSequence = -1;
  private long targetDuration;
  private int version = 3;
  private int window = 1;
  private boolean ended;

  /** An empty recording. */
  LiveRecording() {}

  /** The recording as written in a stored event playlist (after a restart). */
  static LiveRecording of(MediaPlaylist event) {
    LiveRecording recording = new LiveRecording();
    recording.mediaSequence = event.mediaSequence();
    recording.targetDuration = event.targetDuration();
    recording.version = Math.max(3, event.version());
    for (Segment segment : event.segments()) {
      recording.append(segment.uri(), segment.duration(), segment.discontinuity());
    }
    recording.ended = event.ended();
    return recording;
  }

  List<Entry> entries() {
    return List.copyOf(entries);
  }

  int size() {
    return entries.size();
  }

  boolean contains(String uri) {
    return uris.contains(uri);
  }

  boolean ended() {
    return ended;
  }

  void end() {
    ended = true;
  }

  /** Whether a publisher reconnected: the viewers' playlist is then written from the recording. */
  boolean spliced() {
    return entries.stream().anyMatch(Entry::discontinuity);
  }

  /** The highest session directory number a segment of the recording is stored under. */
  int lastDirectory() {
    int last = 0;
    for (Entry entry : entries) {
      last = Math.max(last, SessionKeys.directoryOf(entry.uri()));
    }
    return last;
  }

  /**
   * Takes in an accepted publisher playlist: its target duration, version and window size, and the
   * segments not recorded yet.
   *
   * @param playlist the publisher's playlist
   * @param directory the session directory its segments are stored under
   * @param discontinuity whether the first added segment starts a new publisher session
   * @return the number of segments added
   */
  int accept(MediaPlaylist playlist, int directory, boolean discontinuity) {
    if (mediaSequence < 0) {
      mediaSequence = playlist.mediaSequence();
    }
    targetDuration = Math.max(targetDuration, playlist.targetDuration());
    version = Math.max(version, playlist.version());
    window = Math.max(window, playlist.segments().size());
    int added = 0;
    boolean boundary = discontinuity && !entries.isEmpty();
    for (Segment segment : playlist.segments()) {
      String uri = SessionKeys.uri(directory, segment.uri());
      if (!uris.contains(uri)) {
        append(uri, segment.duration(), boundary || segment.discontinuity());
        boundary = false;
        added++;
      }
    }
    if (playlist.ended()) {
      ended = true;
    }
    return added;
  }

  /** How many of a playlist's segments {@link #accept} would add. */
  long fresh(MediaPlaylist playlist, int directory) {
    return playlist.segmentUris().stream()
        .filter(name -> !uris.contains(SessionKeys.uri(directory, name)))
        .count();
  }

  /** Remembers the live window size of a playlist stored before a restart. */
  void window(int size) {
    window = Math.max(window, size);
  }

  private void append(String uri, BigDecimal duration, boolean discontinuity) {
    entries.add(new Entry(uri, duration, discontinuity));
    uris.add(uri);
  }

  /** The event playlist: every segment, {@code #EXT-X-ENDLIST} once ended. */
  String event() {
    StringBuilder text = header();
    text.append("#EXT-X-PLAYLIST-TYPE:EVENT\n");
    text.append("#EXT-X-MEDIA-SEQUENCE:").append(Math.max(0, mediaSequence)).append('\n');
    segments(text, 0);
    return text.toString();
  }

  /** The viewers' live playlist: the last window of segments. */
  String live() {
    int start = Math.max(0, entries.size() - window);
    long discontinuities = entries.subList(0, start).stream().filter(Entry::discontinuity).count();
    StringBuilder text = header();
    text.append("#EXT-X-MEDIA-SEQUENCE:").append(Math.max(0, mediaSequence) + start).append('\n');
    text.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(discontinuities).append('\n');
    segments(text, start);
    return text.toString();
  }

  private StringBuilder header() {
    return new StringBuilder("#EXTM3U\n#EXT-X-VERSION:")
        .append(version)
        .append("\n#EXT-X-TARGETDURATION:")
        .append(targetDuration)
        .append('\n');
  }

  private void segments(StringBuilder text, int start) {
    for (Entry entry : entries.subList(start, entries.size())) {
      if (entry.discontinuity()) {
        text.append("#EXT-X-DISCONTINUITY\n");
      }
      text.append("#EXTINF:").append(entry.duration().toPlainString()).append(",\n");
      text.append(entry.uri()).append('\n');
    }
    if (ended) {
      text.append("#EXT-X-ENDLIST\n");
    }
  }

  /** The target duration viewers are told, in seconds (0 before the first playlist). */
  long targetDuration() {
    return targetDuration;
  }
}
