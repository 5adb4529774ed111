package io.videokit.broadcast;

/**
 * What the service hands an ingest when a broadcast starts or its credentials are refreshed.
 *
 * @param secret a fresh per-broadcast secret (32 random bytes, base64url) whose SHA-256 the service
 *     has stored: the HLS-over-PUT bearer secret. Ingests that relay into the HLS-over-PUT ingest
 *     (SRT, RTMP) use it themselves and hand the publisher other credentials; others ignore it
 * @param ingestBase the absolute URL of videokit's own ingest path, before {@code /<id>/index.m3u8}
 *     (e.g. {@code https://example.com/live})
 */
public record IngestRequest(String secret, String ingestBase) {

  /**
   * Drops a trailing {@code /} from the base.
   *
   * @param secret the secret
   * @param ingestBase the base
   */
  public IngestRequest {
    ingestBase = ingestBase.replaceAll("/+$", "");
  }

  /**
   * The URL of a broadcast's live playlist on videokit's own ingest.
   *
   * @param broadcast the broadcast
   * @return {@code <ingestBase>/<id>/index.m3u8}
   */
  public String playlistUrl(Broadcast broadcast) {
    return ingestBase + "/" + broadcast.getId() + "/index.m3u8";
  }

  /**
   * Leaves the secret out.
   *
   * @return e.g. {@code IngestRequest[ingestBase=…, secret=***]}
   */
  @Override
  public String toString() {
    return "IngestRequest[ingestBase=" + ingestBase + ", secret=***]";
  }
}
