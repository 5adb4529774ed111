package io.videokit.web.watch;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One streamed response, as reported to the watch-session recorder.
 *
 * @param mediaKey the file's key in media storage
 * @param videoUid the video's uid, or null for a plain file
 * @param username the viewer's principal name, or null when anonymous
 * @param clientIp the client's address (see {@code videokit.watch.trusted-proxies})
 * @param userAgent the {@code User-Agent}, or null
 * @param bytes body bytes sent
 * @param at when the response was sent (UTC)
 * @param firstByte the file offset of the first body byte (0 for a 200, the range's start for a
 *     single-range 206), or -1 when unknown (a {@code multipart/byteranges} answer): with {@code
 *     bytes} it gives the span {@code [firstByte, firstByte + bytes - 1]} the watch heatmap counts
 */
public record WatchEvent(
    String mediaKey,
    @Nullable String videoUid,
    @Nullable String username,
    String clientIp,
    @Nullable String userAgent,
    long bytes,
    Instant at,
    long firstByte) {

  /**
   * An event whose served span is unknown (it counts for bytes, not for the heatmap).
   *
   * @param mediaKey the file's key in media storage
   * @param videoUid the video's uid, or null for a plain file
   * @param username the viewer's principal name, or null when anonymous
   * @param clientIp the client's address
   * @param userAgent the {@code User-Agent}, or null
   * @param bytes body bytes sent
   * @param at when the response was sent (UTC)
   */
  public WatchEvent(
      String mediaKey,
      @Nullable String videoUid,
      @Nullable String username,
      String clientIp,
      @Nullable String userAgent,
      long bytes,
      Instant at) {
    this(mediaKey, videoUid, username, clientIp, userAgent, bytes, at, -1);
  }

  /**
   * Whether this response's span of the file is known and not empty.
   *
   * @return true when {@code firstByte >= 0} and {@code bytes > 0}
   */
  public boolean hasSpan() {
    return firstByte >= 0 && bytes > 0;
  }
}
