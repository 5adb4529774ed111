package io.videokit.live;

import io.videokit.core.storage.MediaNotFoundException;
import io.videokit.core.storage.MediaObject;
import io.videokit.core.storage.MediaStorage;
import io.videokit.core.stream.MediaCaching;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The viewers' side of a broadcast: playlists, segments and the thumbnail with the types and
 * caching RFC 8216 §4 and §6.2.2 ask for ({@link MediaCaching}). A live playlist changes with every
 * segment ({@code no-cache}: kept, revalidated by its {@code ETag} on every reload, a 304 when
 * unchanged); an ended one ({@code #EXT-X-ENDLIST}: nothing is accepted after it) never changes
 * again ({@code max-age} of an hour); segments and the thumbnail are written once under a name
 * never reused ({@code max-age} of a year, {@code immutable}). Answers are {@code public} unless
 * the request carries credentials (then {@code private}: the application's security may have
 * required them). {@code If-None-Match} is answered 304.
 */
final class LivePlayback {

  /** How long an ended playlist is fresh. */
  static final long ENDED_PLAYLIST_SECONDS = 3600;

  private static final byte[] END_LIST = "#EXT-X-ENDLIST".getBytes(StandardCharsets.US_ASCII);

  private LivePlayback() {}

  /**
   * Answers a viewer's GET or HEAD of a broadcast's file.
   *
   * @return the body bytes written, or -1 if there is no such file (nothing written then)
   */
  static long serve(
      MediaStorage storage,
      LiveTarget target,
      String file,
      HttpServletRequest request,
      HttpServletResponse response,
      boolean body)
      throws IOException {
    String type = contentType(file);
    if (type == null) {
      return -1;
    }
    MediaObject object;
    byte[] playlist = null;
    try {
      object = storage.get(target.key(file));
      if (type.equals(HlsPutHandler.PLAYLIST_TYPE)) {
        playlist = read(object);
      }
    } catch (MediaNotFoundException e) {
      return -1;
    }
    boolean shared = MediaCaching.sharedCachesAllowed(request);
    String cacheControl;
    if (playlist == null) {
      cacheControl = MediaCaching.immutable(shared);
    } else if (contains(playlist, END_LIST)) {
      cacheControl = MediaCaching.maxAge(shared, ENDED_PLAYLIST_SECONDS);
    } else {
      cacheControl = "no-cache";
    }
    MediaCaching.set(response, cacheControl);
    response.setHeader("ETag", object.etag());
    if (unchanged(request.getHeader("If-None-Match"), object.etag())) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return 0;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(type);
    if (playlist != null) {
      response.setContentLength(playlist.length);
      if (body) {
        response.getOutputStream().write(playlist);
        return playlist.length;
      }
      return 0;
    }
    response.setContentLengthLong(object.size());
    if (body && object.size() > 0) {
      try (InputStream in = object.openRange(0, object.size() - 1)) {
        return in.transferTo(response.getOutputStream());
      }
    }
    return 0;
  }

  /** If-None-Match's weak comparison (RFC 9110 §13.1.2): {@code *} or any listed tag matches. */
  private static boolean unchanged(@Nullable String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String element : ifNoneMatch.split(",")) {
      String tag = element.strip();
      if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] read(MediaObject object) throws IOException {
    if (object.size() == 0) {
      return new byte[0];
    }
    try (InputStream in = object.openRange(0, object.size() - 1)) {
      return in.readAllBytes();
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** The media type a viewer gets for a file name, or null if it is not a broadcast's file. */
  static @Nullable String contentType(String file) {
    if (file.equals(HlsPutHandler.PLAYLIST_NAME) || file.equals(HlsPutHandler.RECORDING_NAME)) {
      return HlsPutHandler.PLAYLIST_TYPE;
    }
    if (file.equals(HlsPutHandler.THUMBNAIL_NAME)) {
      return "image/jpeg";
    }
    int slash = file.indexOf('/');
    if (slash >= 0 && SessionKeys.DIRECTORY.matcher(file.substring(0, slash)).matches()) {
      file = file.substring(slash + 1);
    }
    if (!PlaylistRules.segmentName(file)) {
      return null;
    }
    String extension = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return switch (extension) {
      case "ts" -> "video/mp2t";
      case "aac" -> "audio/aac";
      default -> "video/mp4";
    };
  }
}
