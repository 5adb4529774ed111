package io.videokit.live;

import java.util.Optional;

/**
 * The broadcasts the ingest accepts: the SPI between {@link HlsPutHandler} and whatever records
 * broadcasts (a table, a configuration). Implementations must compare secrets in constant time and
 * must not log them.
 */
public interface LiveTargets {

  /**
   * The target of a broadcast if a publisher holding this secret may write to it now.
   *
   * @param broadcastId the id from the URL (already checked against {@link
   *     LiveTarget#BROADCAST_ID})
   * @param secret the bearer secret the publisher sent
   * @return the target, or empty if the broadcast is unknown, not live any more, or the secret is
   *     wrong
   */
  Optional<LiveTarget> authorizePublisher(String broadcastId, String secret);

  /**
   * The target of a broadcast viewers may watch (live or ended).
   *
   * @param broadcastId the id from the URL
   * @return the target, or empty if there is no such broadcast (or viewers may not see it)
   */
  Optional<LiveTarget> forViewer(String broadcastId);
}
