package io.videokit.live;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An HLS media playlist (RFC 8216 §4.3.3): target duration, media sequence, its segments and
 * whether it has ended. Only what live ingest needs is kept; tags it does not know are skipped (RFC
 * 8216 §4.1: clients ignore unrecognised tags).
 *
 * @param version {@code #EXT-X-VERSION} (§4.3.1.2), or 1 when absent
 * @param targetDuration {@code #EXT-X-TARGETDURATION} in seconds (§4.3.3.1); required
 * @param mediaSequence {@code #EXT-X-MEDIA-SEQUENCE} (§4.3.3.2), the number of the first segment; 0
 *     when absent
 * @param segments the media segments in order (§3)
 * @param ended whether {@code #EXT-X-ENDLIST} (§4.3.3.4) is present: no segment will be added
 */
public record MediaPlaylist(
    int version, long targetDuration, long mediaSequence, List<Segment> segments, boolean ended) {

  /** Largest playlist body accepted, in bytes (256 KiB). */
  public static final int MAX_BYTES = 256 * 1024;

  /** A line end: LF or CRLF (compiled once; {@code String.split} would compile it per call). */
  private static final Pattern LINE_END = Pattern.compile("\r?\n");

  /** RFC 8216 §4.2 decimal-integer: 0 to 2^64-1; longer inputs are refused before parsing. */
  private static final Pattern DECIMAL_INTEGER = Pattern.compile("[0-9]{1,18}");

  /** RFC 8216 §4.2 decimal-floating-point, without an exponent. */
  private static final Pattern DECIMAL_FLOAT = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,12})?");

  /**
   * Validates and copies the segments.
   *
   * @throws IllegalArgumentException if a number is negative
   */
  public MediaPlaylist {
    if (targetDuration < 0 || mediaSequence < 0 || version < 1) {
      throw new IllegalArgumentException("negative target duration, sequence or version");
    }
    segments = List.copyOf(segments);
  }

  /**
   * One media segment of the playlist (RFC 8216 §3, §4.3.2).
   *
   * @param uri the URI line naming the segment, as written
   * @param duration its {@code #EXTINF} duration in seconds (§4.3.2.1)
   * @param title the optional {@code #EXTINF} title, empty when absent
   * @param discontinuity whether {@code #EXT-X-DISCONTINUITY} (§4.3.2.3) precedes it
   */
  public record Segment(String uri, BigDecimal duration, String title, boolean discontinuity) {

    /**
     * The duration rounded to the nearest integer, as RFC 8216 §4.3.3.1 compares it with the target
     * duration.
     *
     * @return whole seconds, halves rounded up
     */
    public long roundedDuration() {
      return duration.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * Whether another segment is the same segment: same URI and duration.
     *
     * @param other the segment of another version of the playlist
     * @return true if a live update may keep {@code other} in this one's place
     */
    public boolean sameAs(Segment other) {
      return uri.equals(other.uri) && duration.compareTo(other.duration) == 0;
    }
  }

  /**
   * The total duration of the segments.
   *
   * @return seconds
   */
  public BigDecimal duration() {
    return segments.stream().map(Segment::duration).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /**
   * Parses a playlist body: UTF-8 without a byte order mark (RFC 8216 §4.1), at most {@link
   * #MAX_BYTES}.
   *
   * @param body the bytes as received
   * @return the playlist
   * @throws PlaylistException if the body is too large, not UTF-8 or not a media playlist
   */
  public static MediaPlaylist parse(byte[] body) throws PlaylistException {
    if (body.length > MAX_BYTES) {
      throw new PlaylistException("the playlist is over " + MAX_BYTES + " bytes");
    }
    try {
      return parse(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString());
    } catch (CharacterCodingException e) {
      throw new PlaylistException("the playlist is not UTF-8");
    }
  }

  /**
   * Parses a playlist text.
   *
   * @param text the playlist; lines end with LF or CRLF
   * @return the playlist
   * @throws PlaylistException if the text is too large or not a media playlist: no {@code #EXTM3U}
   *     first line, no or a repeated {@code #EXT-X-TARGETDURATION}, a malformed number, a URI line
   *     without {@code #EXTINF} or an {@code #EXTINF} without its URI, a master playlist tag
   */
  public static MediaPlaylist parse(String text) throws PlaylistException {
    if (text.length() > MAX_BYTES) {
      throw new PlaylistException("the playlist is over " + MAX_BYTES + " bytes");
    }
    String[] lines = LINE_END.split(text, -1);
    if (!lines[0].equals("#EXTM3U")) {
      throw new PlaylistException("the first line must be #EXTM3U (RFC 8216 §4.3.1.1)");
    }
    int version = 1;
    Long target = null;
    long sequence = 0;
    boolean ended = false;
    boolean discontinuity = false;
    BigDecimal duration = null;
    String title = "";
    List<Segment> segments = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].strip();
      int number = i + 1;
      if (line.isEmpty()) {
        continue;
      }
      if (!line.startsWith("#")) {
        if (duration == null) {
          throw new PlaylistException("line " + number + ": a URI without #EXTINF (§4.3.2.1)");
        }
        segments.add(new Segment(line, duration, title, discontinuity));
        duration = null;
        title = "";
        discontinuity = false;
        continue;
      }
      String tag = line.indexOf(':') < 0 ? line : line.substring(0, line.indexOf(':'));
      String value = line.indexOf(':') < 0 ? "" : line.substring(line.indexOf(':') + 1);
      switch (tag) {
        case "#EXTM3U" -> throw new PlaylistException("line " + number + ": a second #EXTM3U");
        case "#EXT-X-VERSION" -> version = (int) Math.min(integer(value, number), 1000);
        case "#EXT-X-TARGETDURATION" -> {
          if (target != null) {
            throw new PlaylistException("line " + number + ": a second #EXT-X-TARGETDURATION");
          }
          target = integer(value, number);
        }
        case "#EXT-X-MEDIA-SEQUENCE" -> sequence = integer(value, number);
        case "#EXTINF" -> {
          if (duration != null) {
            throw new PlaylistException("line " + number + ": #EXTINF without its URI");
          }
          int comma = value.indexOf(',');
          duration = decimal(comma < 0 ? value : value.substring(0, comma), number);
          title = comma < 0 ? "" : value.substring(comma + 1);
        }
        case "#EXT-X-DISCONTINUITY" -> discontinuity = true;
        case "#EXT-X-ENDLIST" -> ended = true;
        case "#EXT-X-STREAM-INF", "#EXT-X-I-FRAME-STREAM-INF", "#EXT-X-MEDIA" ->
            throw new PlaylistException(
                "line " + number + ": " + tag + " belongs to a master playlist, not a media one");
        default -> {
          // an unknown tag or a comment: ignored (§4.1)
        }
      }
    }
    if (duration != null) {
      throw new PlaylistException("the last #EXTINF has no URI (§4.3.2.1)");
    }
    if (target == null) {
      throw new PlaylistException("#EXT-X-TARGETDURATION is required (§4.3.3.1)");
    }
    return new MediaPlaylist(version, target, sequence, segments, ended);
  }

  private static long integer(String value, int line) throws PlaylistException {
    if (!DECIMAL_INTEGER.matcher(value).matches()) {
      throw new PlaylistException("line " + line + ": not a decimal-integer (§4.2)");
    }
    return Long.parseLong(value);
  }

  private static BigDecimal decimal(String value, int line) throws PlaylistException {
    if (!DECIMAL_FLOAT.matcher(value).matches()) {
      throw new PlaylistException("line " + line + ": not a decimal-floating-point (§4.2)");
    }
    return new BigDecimal(value);
  }

  /**
   * The segment names of this playlist.
   *
   * @return the URI lines in order
   */
  public List<String> segmentUris() {
    return segments.stream().map(Segment::uri).toList();
  }

  /**
   * Whether the playlist names a segment.
   *
   * @param uri a segment URI line
   * @return true if one of the segments has it
   */
  public boolean names(@Nullable String uri) {
    return segments.stream().anyMatch(s -> s.uri().equals(uri));
  }
}
