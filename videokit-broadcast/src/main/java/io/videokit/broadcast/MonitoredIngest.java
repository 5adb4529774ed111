package io.videokit.broadcast;

import java.time.Instant;
import java.util.Optional;

/** An ingest that knows when a publisher last sent media, so idle broadcasts can be ended. */
public interface MonitoredIngest extends BroadcastIngest {

  /**
   * When the publisher of a live broadcast last sent media.
   *
   * @param broadcast the live broadcast
   * @return a UTC instant, or empty if nothing arrived yet (the start then counts)
   */
  Optional<Instant> lastActivity(Broadcast broadcast);
}
