package io.videokit.live;

import io.videokit.core.storage.MediaNotFoundException;
import io.videokit.core.storage.MediaObject;
import io.videokit.core.storage.MediaStorage;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The viewers' side of a broadcast: playlists and segments with the types and caching RFC 8216 §4
 * and §6.2.2 ask for. Playlists and the thumbnail change ({@code Cache-Control: no-cache});
 * segments never do ({@code public, max-age=31536000, immutable}).
 */
final class LivePlayback {

  private static final String SEGMENT_CACHE = "public, max-age=31536000, immutable";

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
      HttpServletResponse response,
      boolean body)
      throws IOException {
    String type = contentType(file);
    if (type == null) {
      return -1;
    }
    MediaObject object;
    try {
      object = storage.get(target.key(file));
    } catch (MediaNotFoundException e) {
      return -1;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(type);
    response.setHeader(
        "Cache-Control",
        type.startsWith("video/") || type.startsWith("audio/") ? SEGMENT_CACHE : "no-cache");
    response.setHeader("ETag", object.etag());
    response.setContentLengthLong(object.size());
    if (body && object.size() > 0) {
      try (InputStream in = object.openRange(0, object.size() - 1)) {
        return in.transferTo(response.getOutputStream());
      }
    }
    return 0;
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
