package io.videokit.broadcast;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where broadcasts are kept; callers provide the transaction. {@link JpaBroadcastStore} keeps them
 * in an entity table, {@link InMemoryBroadcastStore} in memory.
 *
 * @param <B> the broadcast entity type
 */
public interface BroadcastStore<B extends Broadcast> {

  /**
   * A new, empty instance of the entity type (the service fills it in).
   *
   * @return the instance
   */
  B create();

  /**
   * Finds a broadcast.
   *
   * @param id its id
   * @return the broadcast, if any
   */
  Optional<B> find(String id);

  /**
   * Finds a broadcast for changing it: a store that can locks its row until the transaction ends.
   *
   * @param id its id
   * @return the broadcast, if any
   */
  Optional<B> findForUpdate(String id);

  /**
   * Adds a new broadcast.
   *
   * @param broadcast the broadcast
   */
  void insert(B broadcast);

  /**
   * Writes a changed broadcast (a no-op for stores that track their entities).
   *
   * @param broadcast the broadcast
   */
  void update(B broadcast);

  /**
   * One page of broadcasts, newest first.
   *
   * @param owner only this owner's, or null for all
   * @param live only live ({@code true}) or stopped ({@code false}) ones, or null for all
   * @param page zero-based page
   * @param size page size
   * @return the broadcasts
   */
  List<B> list(@Nullable String owner, @Nullable Boolean live, int page, int size);

  /**
   * How many broadcasts match.
   *
   * @param owner only this owner's, or null for all
   * @param live only live or stopped ones, or null for all
   * @return the count
   */
  long count(@Nullable String owner, @Nullable Boolean live);

  /**
   * Stopped broadcasts whose recording has neither become a video nor failed, oldest stop first.
   *
   * @param limit at most this many
   * @return the broadcasts
   */
  List<B> awaitingRecording(int limit);
}
