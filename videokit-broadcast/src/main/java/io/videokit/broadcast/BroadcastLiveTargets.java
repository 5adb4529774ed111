package io.videokit.broadcast;

import io.videokit.live.LiveLimits;
import io.videokit.live.LiveTarget;
import io.videokit.live.LiveTargets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The broadcasts the HLS-over-PUT ingest accepts, read from the broadcast service: a live broadcast
 * whose secret's hash matches, for publishers; any broadcast, for viewers. Files go under the
 * broadcast's storage prefix.
 */
public class BroadcastLiveTargets implements LiveTargets {

  private final Supplier<BroadcastService<?>> broadcasts;
  private final LiveLimits limits;

  /**
   * Creates the targets.
   *
   * @param broadcasts the service that knows broadcasts and checks secrets (looked up on each
   *     request, since the service's ingests need the handler these targets serve)
   * @param limits the abuse limits of every broadcast
   */
  public BroadcastLiveTargets(Supplier<BroadcastService<?>> broadcasts, LiveLimits limits) {
    this.broadcasts = broadcasts;
    this.limits = limits;
  }

  @Override
  public Optional<LiveTarget> authorizePublisher(String broadcastId, String secret) {
    return broadcasts.get().publisher(broadcastId, secret).map(this::target);
  }

  @Override
  public Optional<LiveTarget> forViewer(String broadcastId) {
    return broadcasts.get().forViewer(broadcastId).map(this::target);
  }

  private LiveTarget target(Broadcast b) {
    return new LiveTarget(b.getId(), b.getStoragePrefix(), limits);
  }
}
