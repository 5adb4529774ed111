package io.videokit.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A stored media file that can be streamed: its key, length, validators and bytes.
 *
 * <p>Implementations read lazily: nothing is buffered beyond what {@link #openRange} callers read.
 */
public interface MediaObject {

  /**
   * The object's key relative to its storage root, with {@code /} separators.
   *
   * @return e.g. {@code videos/0f3c….mp4}
   */
  String key();

  /**
   * The object's length.
   *
   * @return length in bytes
   */
  long size();

  /**
   * When the object last changed.
   *
   * @return the instant (UTC)
   */
  Instant lastModified();

  /**
   * A strong entity tag that changes whenever the bytes change (RFC 9110 §8.8.3).
   *
   * @return the tag including quotes
   */
  String etag();

  /**
   * The media type the object claims (by its name, for local files). Untrusted: the range streamer
   * serves it inline only when it and the type of the object's first bytes are both allowed inline
   * ({@link MediaTypes#isInline}), and as a download otherwise.
   *
   * @return e.g. {@code video/mp4}; {@code application/octet-stream} when unknown
   */
  String contentType();

  /**
   * Opens a stream over bytes {@code first..last} inclusive.
   *
   * @param first first byte offset, {@code >= 0}
   * @param last last byte offset, inclusive, {@code < size()}
   * @return a stream yielding exactly {@code last - first + 1} bytes; the caller closes it
   * @throws IOException if the object cannot be read
   */
  InputStream openRange(long first, long last) throws IOException;

  /**
   * The object as a local file, when it is one, so that a server can send it without copying
   * through user space (sendfile).
   *
   * @return the real path, or empty for remote objects
   */
  default Optional<Path> localFile() {
    return Optional.empty();
  }
}
