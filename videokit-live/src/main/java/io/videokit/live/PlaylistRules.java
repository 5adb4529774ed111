package io.videokit.live;

import io.videokit.live.MediaPlaylist.Segment;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The checks a live media playlist update must pass (RFC 8216 §4.3.3, §6.2.1, §6.2.2), each a named
 * {@link Rule}. A publisher's playlist is checked on its own and against the playlist stored before
 * it; the first violation found is reported.
 */
public final class PlaylistRules {

  /** A segment name: one path segment of safe characters with a media extension. */
  private static final Pattern SEGMENT_NAME =
      Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}\\.(ts|m4s|mp4|aac)");

  private final LiveLimits limits;

  /**
   * Creates the rules for one broadcast's limits.
   *
   * @param limits the broadcast's limits ({@link LiveLimits#maxPlaylistSegments()})
   */
  public PlaylistRules(LiveLimits limits) {
    this.limits = limits;
  }

  /** The rules, each with a stable code used in problem details. */
  public enum Rule {
    /** An {@code #EXTINF} duration, rounded to the nearest integer, over the target (§4.3.3.1). */
    EXTINF_OVER_TARGET("extinf-over-target", true),
    /** A segment URI that is not a plain name of this broadcast ({@link #segmentName}). */
    UNSAFE_SEGMENT_NAME("unsafe-segment-name", true),
    /** More segments than {@link LiveLimits#maxPlaylistSegments()}. */
    TOO_MANY_SEGMENTS("too-many-segments", true),
    /** {@code #EXT-X-TARGETDURATION} differs from the stored playlist's (§6.2.1). */
    TARGET_DURATION_CHANGED("target-duration-changed", false),
    /** {@code #EXT-X-MEDIA-SEQUENCE} is lower than the stored playlist's (§6.2.1). */
    MEDIA_SEQUENCE_DECREASED("media-sequence-decreased", false),
    /**
     * {@code #EXT-X-MEDIA-SEQUENCE} did not grow by exactly the number of segments dropped from the
     * front (§6.2.2).
     */
    MEDIA_SEQUENCE_MISMATCH("media-sequence-mismatch", false),
    /**
     * Segments kept from the stored playlist were changed, reordered or removed other than from the
     * front (§6.2.1: only appending, dropping from the front and adding the end are allowed).
     */
    SEGMENTS_REWRITTEN("segments-rewritten", false),
    /** A change to a playlist that already has {@code #EXT-X-ENDLIST} (§4.3.3.4, §6.2.1). */
    CHANGED_AFTER_ENDLIST("changed-after-endlist", false);

    private final String code;
    private final boolean standalone;

    Rule(String code, boolean standalone) {
      this.code = code;
      this.standalone = standalone;
    }

    /**
     * The stable code of the rule.
     *
     * @return e.g. {@code media-sequence-mismatch}
     */
    public String code() {
      return code;
    }

    /**
     * Whether the rule concerns the playlist alone (answered 400) rather than its relation to the
     * stored one (answered 409).
     *
     * @return true for rules checked without the previous playlist
     */
    public boolean standalone() {
      return standalone;
    }
  }

  /**
   * A broken rule.
   *
   * @param rule the rule
   * @param detail this occurrence, for a person (names at most a segment index, never content)
   */
  public record Violation(Rule rule, String detail) {

    /**
     * The rule's code and the detail.
     *
     * @return e.g. {@code media-sequence-mismatch: 2 segments dropped, sequence grew by 1}
     */
    public String message() {
      return rule.code() + ": " + detail;
    }
  }

  /**
   * Whether a segment URI is a name confined to its broadcast: a single path segment of {@code
   * [A-Za-z0-9._-]} (not starting with a dot, so neither {@code ..} nor hidden files), at most 128
   * characters before the extension {@code .ts}, {@code .m4s}, {@code .mp4} or {@code .aac}. No
   * {@code /}, scheme, query, fragment or percent-encoding can match.
   *
   * @param uri the URI line or file name
   * @return true if it may be stored
   */
  public static boolean segmentName(String uri) {
    return SEGMENT_NAME.matcher(uri).matches() && !uri.contains("..");
  }

  /**
   * Whether a segment URI of a playlist videokit stored ({@code index.m3u8}, {@code vod.m3u8}) is
   * safe to resolve against the broadcast's prefix: a {@link #segmentName segment name}, or one
   * under a reconnected publisher session's directory ({@code s1/index0.ts} … {@code s9999/…}).
   *
   * @param uri a segment line of a stored playlist
   * @return true if it names a segment of the broadcast and nothing else
   */
  public static boolean storedSegmentUri(String uri) {
    int slash = uri.indexOf('/');
    if (slash < 0) {
      return segmentName(uri);
    }
    return SessionKeys.DIRECTORY.matcher(uri.substring(0, slash)).matches()
        && segmentName(uri.substring(slash + 1));
  }

  /**
   * Checks a playlist on its own and, when there is one, against the stored playlist it replaces.
   *
   * @param previous the stored playlist, or null for the broadcast's first
   * @param next the publisher's new playlist
   * @return the first violation, or empty if the update is allowed
   */
  public Optional<Violation> check(@Nullable MediaPlaylist previous, MediaPlaylist next) {
    List<Segment> segments = next.segments();
    if (segments.size() > limits.maxPlaylistSegments()) {
      return violation(
          Rule.TOO_MANY_SEGMENTS,
          segments.size() + " segments, at most " + limits.maxPlaylistSegments());
    }
    for (int i = 0; i < segments.size(); i++) {
      Segment segment = segments.get(i);
      if (!segmentName(segment.uri())) {
        return violation(Rule.UNSAFE_SEGMENT_NAME, "segment " + i + " is not a plain segment name");
      }
      if (segment.roundedDuration() > next.targetDuration()) {
        return violation(
            Rule.EXTINF_OVER_TARGET,
            "segment "
                + i
                + " lasts "
                + segment.duration().toPlainString()
                + " s, over the target duration of "
                + next.targetDuration()
                + " s");
      }
    }
    return previous == null ? Optional.empty() : checkUpdate(previous, next);
  }

  private static Optional<Violation> checkUpdate(MediaPlaylist previous, MediaPlaylist next) {
    if (previous.ended()) {
      return previous.equals(next)
          ? Optional.empty()
          : violation(Rule.CHANGED_AFTER_ENDLIST, "the stored playlist has ended");
    }
    if (next.targetDuration() != previous.targetDuration()) {
      return violation(
          Rule.TARGET_DURATION_CHANGED,
          "target duration "
              + next.targetDuration()
              + " s, the stored playlist has "
              + previous.targetDuration()
              + " s");
    }
    long grown = next.mediaSequence() - previous.mediaSequence();
    if (grown < 0) {
      return violation(
          Rule.MEDIA_SEQUENCE_DECREASED,
          "media sequence " + next.mediaSequence() + " < " + previous.mediaSequence());
    }
    List<Segment> before = previous.segments();
    List<Segment> after = next.segments();
    long dropped = droppedFromFront(before, after);
    if (dropped < 0) {
      return violation(
          Rule.SEGMENTS_REWRITTEN, "the kept segments differ from the stored playlist's");
    }
    if (dropped != grown) {
      return violation(
          Rule.MEDIA_SEQUENCE_MISMATCH,
          dropped + " segments dropped from the front, media sequence grew by " + grown);
    }
    return Optional.empty();
  }

  /**
   * How many segments of {@code before} were dropped from its front so that the rest is a prefix of
   * {@code after}: the smallest such count, {@code before.size()} when nothing is kept, or -1 when
   * the kept segments were changed (a name reused for another duration, an order changed).
   */
  private static long droppedFromFront(List<Segment> before, List<Segment> after) {
    if (after.isEmpty()) {
      return before.isEmpty() ? 0 : -1;
    }
    Segment first = after.get(0);
    int start = -1;
    for (int i = 0; i < before.size(); i++) {
      if (before.get(i).uri().equals(first.uri())) {
        start = i;
        break;
      }
    }
    if (start < 0) {
      // nothing kept: every old segment dropped, unless an old name reappears further on
      for (Segment segment : after) {
        if (before.stream().anyMatch(old -> old.uri().equals(segment.uri()))) {
          return -1;
        }
      }
      return before.size();
    }
    int kept = before.size() - start;
    if (after.size() < kept) {
      return -1;
    }
    for (int i = 0; i < kept; i++) {
      if (!before.get(start + i).sameAs(after.get(i))) {
        return -1;
      }
    }
    for (int i = kept; i < after.size(); i++) {
      Segment added = after.get(i);
      if (before.stream().anyMatch(old -> old.uri().equals(added.uri()))) {
        return -1;
      }
    }
    return start;
  }

  private static Optional<Violation> violation(Rule rule, String detail) {
    return Optional.of(new Violation(rule, detail));
  }
}
