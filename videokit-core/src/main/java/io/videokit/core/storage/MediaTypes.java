package io.videokit.core.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.tika.Tika;

/**
 * Media types of stored files (Apache Tika's registry and magic bytes), and which of them may be
 * shown inline.
 *
 * <p>Stored files are untrusted: a browser runs script in anything it renders as a document ({@code
 * text/html}, {@code image/svg+xml}, XML…). Only the types in {@link #isInline} — media a {@code
 * <video>}, {@code <audio>} or {@code <img>} element plays, playlists and captions — are ever
 * served with their own type; everything else goes out as {@link #OCTET_STREAM} for download.
 */
public final class MediaTypes {

  /** Sent when nothing better is known, and for every type that is not allowed inline. */
  public static final String OCTET_STREAM = "application/octet-stream";

  /** How many leading bytes {@link #detect} needs to recognise a format by its magic bytes. */
  public static final int SNIFF_LENGTH = 8 * 1024;

  /**
   * Types outside {@code video/*} and {@code audio/*} that may be served inline: the raster images
   * videokit produces (thumbnails), HLS playlists and WebVTT captions. None of them can carry
   * script a browser would run.
   */
  private static final Set<String> INLINE_TYPES =
      Set.of(
          "image/jpeg",
          "image/png",
          "image/webp",
          "application/vnd.apple.mpegurl",
          "application/x-mpegurl",
          "audio/mpegurl",
          "audio/x-mpegurl",
          "text/vtt");

  /**
   * MPEG-TS, the type of HLS segments. Tika leaves {@code .ts} unknown (TypeScript and Qt
   * translations share the extension), so videokit names it itself.
   */
  private static final String TRANSPORT_STREAM = "video/mp2t";

  /** MPEG-TS packets are 188 bytes, each starting with this sync byte. */
  private static final int TS_PACKET = 188;

  private static final byte TS_SYNC = 0x47;

  /** {@code type/subtype}, each an RFC 9110 token (§5.6.2) without upper case. */
  private static final Pattern TYPE =
      Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*");

  private static final Tika TIKA = new Tika();

  private MediaTypes() {}

  /**
   * The media type a file name claims, from its extension alone. Attacker-controlled: use {@link
   * #detect} before trusting it.
   *
   * @param fileName e.g. {@code clip.mp4}
   * @return e.g. {@code video/mp4}; {@link #OCTET_STREAM} when unknown
   */
  public static String forFileName(String fileName) {
    if (isTransportStreamName(fileName)) {
      return TRANSPORT_STREAM;
    }
    String detected = TIKA.detect(fileName);
    return detected == null ? OCTET_STREAM : detected;
  }

  /**
   * The media type of a file from its leading bytes and its name. The bytes win when they say
   * something else than the name: an HTML document named {@code clip.mp4} is {@code text/html}.
   *
   * @param fileName the file's name, e.g. {@code clip.mp4}
   * @param head the file's first bytes ({@link #SNIFF_LENGTH} suffice; fewer for a short file)
   * @return e.g. {@code video/mp4}; {@link #OCTET_STREAM} when unknown
   */
  public static String detect(String fileName, byte[] head) {
    try {
      String detected = TIKA.detect(new ByteArrayInputStream(head), fileName);
      if ((detected == null || detected.equals(OCTET_STREAM))
          && isTransportStreamName(fileName)
          && looksLikeTransportStream(head)) {
        return TRANSPORT_STREAM;
      }
      return detected == null ? OCTET_STREAM : detected;
    } catch (IOException e) {
      throw new UncheckedIOException("reading from memory cannot fail", e);
    }
  }

  /**
   * Whether a type may be served inline, with its own {@code Content-Type}: {@code video/*}, {@code
   * audio/*}, {@code image/jpeg}, {@code image/png}, {@code image/webp}, HLS playlists ({@code
   * application/vnd.apple.mpegurl} and its aliases; segments are {@code video/mp2t}) and {@code
   * text/vtt}. Never {@code image/svg+xml}, {@code text/html}, XML or anything else.
   *
   * @param mediaType a type, parameters allowed (e.g. {@code video/mp4; codecs=avc1})
   * @return true if it may be shown inline
   */
  public static boolean isInline(String mediaType) {
    String type = essence(mediaType);
    if (!TYPE.matcher(type).matches()) {
      return false;
    }
    return type.startsWith("video/") || type.startsWith("audio/") || INLINE_TYPES.contains(type);
  }

  private static boolean isTransportStreamName(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".ts");
  }

  /** Sync bytes at the start of the first packets. */
  private static boolean looksLikeTransportStream(byte[] head) {
    if (head.length == 0) {
      return false;
    }
    for (int i = 0; i < head.length; i += TS_PACKET) {
      if (head[i] != TS_SYNC) {
        return false;
      }
    }
    return true;
  }

  /**
   * A type without its parameters, lower-case and trimmed.
   *
   * @param mediaType e.g. {@code Video/MP4; codecs=avc1}
   * @return e.g. {@code video/mp4}
   */
  public static String essence(String mediaType) {
    int semicolon = mediaType.indexOf(';');
    String type = semicolon < 0 ? mediaType : mediaType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }
}
