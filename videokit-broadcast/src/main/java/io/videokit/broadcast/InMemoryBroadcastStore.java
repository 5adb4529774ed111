package io.videokit.broadcast;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Broadcasts in memory (lost at restart): for applications without a database and for tests.
 * Callers still serialise changes of one broadcast through the service's transactions; this store
 * only keeps the map consistent.
 *
 * @param <B> the broadcast type
 */
public class InMemoryBroadcastStore<B extends Broadcast> implements BroadcastStore<B> {

  private final Map<String, B> broadcasts = new ConcurrentHashMap<>();
  private final Supplier<B> factory;

  /**
   * Creates an empty store.
   *
   * @param factory makes new, empty instances
   */
  public InMemoryBroadcastStore(Supplier<B> factory) {
    this.factory = factory;
  }

  @Override
  public B create() {
    return factory.get();
  }

  @Override
  public Optional<B> find(String id) {
    return Optional.ofNullable(broadcasts.get(id));
  }

  @Override
  public Optional<B> findForUpdate(String id) {
    return find(id);
  }

  @Override
  public void insert(B broadcast) {
    broadcasts.put(broadcast.getId(), broadcast);
  }

  @Override
  public void update(B broadcast) {
    broadcasts.put(broadcast.getId(), broadcast);
  }

  @Override
  public List<B> list(@Nullable String owner, @Nullable Boolean live, int page, int size) {
    return matching(owner, live)
        .sorted(
            Comparator.comparing(Broadcast::getStartDate)
                .reversed()
                .thenComparing(Broadcast::getId))
        .skip((long) page * size)
        .limit(size)
        .toList();
  }

  @Override
  public long count(@Nullable String owner, @Nullable Boolean live) {
    return matching(owner, live).count();
  }

  @Override
  public List<B> awaitingRecording(int limit) {
    return broadcasts.values().stream()
        .filter(b -> !b.isLive() && b.getRecordingUid() == null && b.getRecordingError() == null)
        .sorted(
            Comparator.comparing(
                    (B b) -> b.getStopDate() == null ? b.getStartDate() : b.getStopDate())
                .thenComparing(Broadcast::getId))
        .limit(limit)
        .toList();
  }

  private Stream<B> matching(@Nullable String owner, @Nullable Boolean live) {
    return broadcasts.values().stream()
        .filter(b -> owner == null || b.getOwner().equals(owner))
        .filter(b -> live == null || b.isLive() == live);
  }
}
