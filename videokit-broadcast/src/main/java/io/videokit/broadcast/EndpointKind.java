package io.videokit.broadcast;

import java.util.Locale;

/** How a publisher sends a broadcast's media; only {@link #HLS_PUT} is supported so far. */
public enum EndpointKind {
  /** HLS segments and playlists PUT to videokit's own ingest path with a per-broadcast secret. */
  HLS_PUT,
  /** Writes into an S3 prefix with scoped temporary credentials (not supported yet). */
  S3,
  /** An SRT listener with a passphrase (not supported yet). */
  SRT,
  /** An RTMP listener with a stream key (not supported yet). */
  RTMP,
  /** A Cloudflare Stream live input per broadcast ({@link LiveInputIngest}). */
  CLOUDFLARE;

  /**
   * Reads a kind as written in a request, case-insensitively and with {@code -} for {@code _}.
   *
   * @param text e.g. {@code hls_put} or {@code HLS-PUT}
   * @return the kind
   * @throws IllegalArgumentException if no kind has that name
   */
  public static EndpointKind parse(String text) {
    return valueOf(text.trim().replace('-', '_').toUpperCase(Locale.ROOT));
  }
}
