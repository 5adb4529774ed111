package io.videokit.broadcast;

/** An ingest that can hand a live broadcast's publisher new credentials. */
public interface RefreshableIngest extends BroadcastIngest {

  /**
   * New credentials for a live broadcast's publisher; the old ones stop working as far as the
   * ingest can revoke them (a bearer secret at once; STS credentials only expire).
   *
   * @param broadcast the live broadcast
   * @param request the new secret and videokit's ingest base
   * @return the endpoint with the new credentials
   * @throws BroadcastException with {@link BroadcastException.Reason#INGEST_FAILED} if the other
   *     side could not be reached
   */
  PublisherEndpoint refresh(Broadcast broadcast, IngestRequest request);
}
