package io.videokit.broadcast;

/**
 * One way publishers send a broadcast's media: the SPI behind an {@link EndpointKind}. The service
 * opens the endpoint once a new broadcast is stored and closes it once the stop is stored. What an
 * ingest can do beyond that follows from the interfaces it implements: {@link RefreshableIngest}
 * hands out new credentials, {@link RecordingIngest} turns an ended broadcast into a video.
 *
 * <p>Implementations must never log credentials.
 */
public interface BroadcastIngest {

  /**
   * The kind this ingest serves.
   *
   * @return the kind
   */
  EndpointKind kind();

  /**
   * Opens the endpoint of a broadcast that has just been stored as live. Called once per broadcast
   * and never repeated: when it throws, the service ends the broadcast, since the other side may
   * have acted on a call whose answer was lost.
   *
   * @param broadcast the new broadcast (id, owner, storage prefix set)
   * @param request the secret and videokit's ingest base
   * @return the publisher's endpoint, the live playback URL and the ingest's reference
   * @throws BroadcastException with {@link BroadcastException.Reason#INGEST_FAILED} if the endpoint
   *     could not be opened
   */
  OpenedIngest open(Broadcast broadcast, IngestRequest request);

  /**
   * Closes a broadcast's endpoint after its stop was stored: revokes credentials, stops listeners,
   * ends the live playlist. Must be harmless when called again or for an endpoint already gone.
   *
   * @param broadcast the stopped broadcast (with the reference {@link #open} returned)
   * @throws BroadcastException with {@link BroadcastException.Reason#INGEST_FAILED} if the other
   *     side could not be reached; the broadcast stays stopped
   */
  void close(Broadcast broadcast);
}
