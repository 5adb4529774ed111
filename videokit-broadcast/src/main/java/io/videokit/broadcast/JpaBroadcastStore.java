package io.videokit.broadcast;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Broadcasts as JPA entities of one type ({@link DefaultBroadcast} or an application's subclass of
 * {@link Broadcast}).
 *
 * @param <B> the entity type
 */
public class JpaBroadcastStore<B extends Broadcast> implements BroadcastStore<B> {

  private final EntityManager entityManager;
  private final Class<B> type;
  private final Supplier<B> factory;

  /**
   * Creates the store.
   *
   * @param entityManager a shared (transaction-bound) entity manager
   * @param type the entity class
   * @param factory makes new, empty instances
   */
  public JpaBroadcastStore(EntityManager entityManager, Class<B> type, Supplier<B> factory) {
    this.entityManager = entityManager;
    this.type = type;
    this.factory = factory;
  }

  @Override
  public B create() {
    return factory.get();
  }

  @Override
  public Optional<B> find(String id) {
    return Optional.ofNullable(entityManager.find(type, id));
  }

  @Override
  public Optional<B> findForUpdate(String id) {
    return Optional.ofNullable(entityManager.find(type, id, LockModeType.PESSIMISTIC_WRITE));
  }

  @Override
  public void insert(B broadcast) {
    entityManager.persist(broadcast);
  }

  @Override
  public void update(B broadcast) {
    // managed: flushed at commit
  }

  @Override
  public List<B> list(@Nullable String owner, @Nullable Boolean live, int page, int size) {
    TypedQuery<B> query =
        entityManager.createQuery(
            "select b from "
                + entity()
                + " b"
                + where(owner, live)
                + " order by b.startDate desc, b.id",
            type);
    bind(query, owner, live);
    return query.setFirstResult(page * size).setMaxResults(size).getResultList();
  }

  @Override
  public long count(@Nullable String owner, @Nullable Boolean live) {
    TypedQuery<Long> query =
        entityManager.createQuery(
            "select count(b) from " + entity() + " b" + where(owner, live), Long.class);
    bind(query, owner, live);
    return query.getSingleResult();
  }

  @Override
  public List<B> awaitingRecording(int limit) {
    return entityManager
        .createQuery(
            "select b from "
                + entity()
                + " b where b.live = false and b.recordingUid is null"
                + " and b.recordingError is null order by b.stopDate, b.id",
            type)
        .setMaxResults(limit)
        .getResultList();
  }

  private String entity() {
    return entityManager.getMetamodel().entity(type).getName();
  }

  private static String where(@Nullable String owner, @Nullable Boolean live) {
    StringBuilder where = new StringBuilder();
    if (owner != null) {
      where.append(" where b.owner = :owner");
    }
    if (live != null) {
      where.append(owner == null ? " where" : " and").append(" b.live = :live");
    }
    return where.toString();
  }

  private static void bind(TypedQuery<?> query, @Nullable String owner, @Nullable Boolean live) {
    if (owner != null) {
      query.setParameter("owner", owner);
    }
    if (live != null) {
      query.setParameter("live", live);
    }
  }
}
