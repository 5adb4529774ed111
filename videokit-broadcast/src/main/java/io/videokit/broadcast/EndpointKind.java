package io.videokit.broadcast;

import java.util.Locale;

/**
 * How a publisher sends a broadcast's media. A kind is offered when a {@link BroadcastIngest} for
 * it is configured ({@link BroadcastService#supportedKinds()}).
 */
public enum EndpointKind {
  /**
   * HLS segments and playlists PUT to videokit's own ingest path with a per-broadcast secret
   * ({@link HlsPutIngest}).
   */
  HLS_PUT,
  /**
   * Writes into an S3 prefix with scoped temporary credentials (videokit-aws's {@code
   * S3BroadcastIngest}).
   */
  S3,
  /** An SRT listener with a passphrase, relayed into the HLS-over-PUT ingest. */
  SRT,
  /** An RTMP listener with a stream key, relayed into the HLS-over-PUT ingest. */
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
