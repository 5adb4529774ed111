package io.videokit.core.stream;

import io.videokit.core.storage.MediaObject;
import io.videokit.core.storage.MediaTypes;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * How stored (untrusted) bytes are labelled when served: never as active content on the
 * application's origin.
 *
 * <p>Every answer of a media route carries {@link #CONTENT_SECURITY_POLICY} ({@code sandbox}: an
 * opaque origin, no script, forms or plugins; {@code default-src 'none'}: nothing loads) and {@code
 * X-Content-Type-Options: nosniff}. The {@code Content-Type} is the object's own only when both its
 * claimed type and the type its leading bytes show are allowed inline ({@link
 * MediaTypes#isInline}); otherwise it is {@code application/octet-stream} with {@code
 * Content-Disposition: attachment} (RFC 6266, non-ASCII names as RFC 8187 {@code filename*}).
 * {@code <video>} and {@code <audio>} elements play media either way.
 *
 * <p>The type found for an object is remembered per key and entity tag, so the leading bytes are
 * read once per version of a file, not once per range request. Thread-safe.
 */
public final class ServedMedia {

  /** The policy on every media answer: a sandboxed document that can load nothing. */
  public static final String CONTENT_SECURITY_POLICY =
      "sandbox; default-src 'none'; frame-ancestors 'none'";

  /** Remembered decisions before the memory is cleared. */
  private static final int MAX_REMEMBERED = 4096;

  private final Map<String, Label> remembered = new ConcurrentHashMap<>();

  /** Creates the labelling with an empty memory. */
  public ServedMedia() {}

  /**
   * Puts the headers every media answer carries, errors included: {@code Content-Security-Policy}
   * and {@code X-Content-Type-Options}. Call it before anything can fail on a media route.
   *
   * @param response the response, not yet committed
   */
  public static void protect(HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
  }

  /**
   * Decides how an object is served: its type inline, or a download.
   *
   * @param media the object
   * @return the label
   * @throws IOException if the object's first bytes cannot be read
   */
  public Label label(MediaObject media) throws IOException {
    String memoryKey = media.key() + '\n' + media.etag();
    Label known = remembered.get(memoryKey);
    if (known != null) {
      return known;
    }
    Label label = decide(media);
    if (remembered.size() >= MAX_REMEMBERED) {
      remembered.clear();
    }
    remembered.put(memoryKey, label);
    return label;
  }

  private static Label decide(MediaObject media) throws IOException {
    String fileName = fileName(media.key());
    String claimed = media.contentType();
    if (!MediaTypes.isInline(claimed)) {
      return Label.download(fileName);
    }
    String found = MediaTypes.detect(fileName, head(media));
    if (!MediaTypes.isInline(found)) {
      return Label.download(fileName);
    }
    return new Label(MediaTypes.essence(found), null);
  }

  private static byte[] head(MediaObject media) throws IOException {
    long size = media.size();
    if (size <= 0) {
      return new byte[0];
    }
    try (InputStream in = media.openRange(0, Math.min(size, MediaTypes.SNIFF_LENGTH) - 1)) {
      return in.readAllBytes();
    }
  }

  private static String fileName(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    return name.isEmpty() ? "download" : name;
  }

  /**
   * The {@code Content-Disposition} value that makes a browser download instead of render (RFC
   * 6266): an ASCII {@code filename} with anything unsafe replaced by {@code _}, and the exact name
   * as RFC 8187 {@code filename*} when it differs.
   *
   * @param fileName the name to suggest, any characters
   * @return e.g. {@code attachment; filename="clip.svg"}
   */
  public static String attachment(String fileName) {
    StringBuilder ascii = new StringBuilder();
    fileName
        .codePoints()
        .forEach(c ->
            ascii.append(
                c < 0x7f && (Character.isLetterOrDigit(c) || "._- ".indexOf(c) >= 0)
                    ? (char) c
                    : '_'));
    String fallback = ascii.toString().strip();
    if (fallback.isEmpty() || fallback.chars().allMatch(c -> c == '.')) {
      fallback = "download";
    }
    String header = "attachment; filename=\"" + fallback + "\"";
    if (!fallback.equals(fileName)) {
      header += "; filename*=UTF-8''" + percentEncode(fileName);
    }
    return header;
  }

  /** RFC 8187 §3.2.1 value-chars: attr-char as is, every other UTF-8 byte as %XX. */
  private static String percentEncode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /**
   * How one object goes out.
   *
   * @param contentType the {@code Content-Type} of the body (and of each multipart part)
   * @param disposition the {@code Content-Disposition}, or null to show it inline
   */
  public record Label(String contentType, @Nullable String disposition) {

    /**
     * A download: {@code application/octet-stream} + {@code attachment}.
     *
     * @param fileName the name to suggest
     * @return the label
     */
    public static Label download(String fileName) {
      return new Label(MediaTypes.OCTET_STREAM, attachment(fileName));
    }

    /**
     * Whether the bytes are shown inline with their own type.
     *
     * @return false for a download
     */
    public boolean inline() {
      return disposition == null;
    }

    /**
     * Sets {@code Content-Type} and, for a download, {@code Content-Disposition}.
     *
     * @param response the response
     */
    public void apply(HttpServletResponse response) {
      response.setContentType(contentType);
      if (disposition != null) {
        response.setHeader("Content-Disposition", disposition);
      }
    }
  }
}
