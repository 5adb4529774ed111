package io.videokit.local;

import io.videokit.video.VideoState;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Data access for {@link VideoEntity}; callers provide the transaction. Filters by state use HQL
 * {@code json_value} on the JSON document, which works on H2 and PostgreSQL alike.
 */
public class VideoRepository {

  private final EntityManager entityManager;

  /**
   * Creates the repository.
   *
   * @param entityManager a shared (transaction-bound) entity manager
   */
  public VideoRepository(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /**
   * Finds a video.
   *
   * @param uid its uid
   * @return the row, if any
   */
  public Optional<VideoEntity> find(String uid) {
    return Optional.ofNullable(entityManager.find(VideoEntity.class, uid));
  }

  /**
   * Inserts a new video.
   *
   * @param entity the row
   */
  public void insert(VideoEntity entity) {
    entityManager.persist(entity);
  }

  /**
   * Deletes a video row.
   *
   * @param entity the row
   */
  public void delete(VideoEntity entity) {
    entityManager.remove(entity);
  }

  /**
   * One page of videos, newest first.
   *
   * @param creator only this uploader's, or null for all
   * @param state only videos in this {@code status.state}, or null for all
   * @param page zero-based page
   * @param size page size
   * @return the rows
   */
  public List<VideoEntity> list(
      @Nullable String creator, @Nullable VideoState state, int page, int size) {
    TypedQuery<VideoEntity> query =
        entityManager.createQuery(
            "select v " + where(creator, state) + " order by v.created desc, v.uid",
            VideoEntity.class);
    bind(query, creator, state);
    return query.setFirstResult(page * size).setMaxResults(size).getResultList();
  }

  /**
   * How many videos match.
   *
   * @param creator only this uploader's, or null
   * @param state only this state, or null
   * @return the count
   */
  public long count(@Nullable String creator, @Nullable VideoState state) {
    TypedQuery<Long> query =
        entityManager.createQuery("select count(v) " + where(creator, state), Long.class);
    bind(query, creator, state);
    return query.getSingleResult();
  }

  /**
   * The bytes of one uploader's videos (the {@code size} of their documents).
   *
   * @param creator the uploader
   * @return the sum, 0 when they have none
   */
  public long storedBytes(String creator) {
    return entityManager
        .createQuery(
            "select coalesce(sum(json_value(v.document, '$.size' returning Long)), 0)"
                + " from VideoEntity v where v.creator = :creator",
            Long.class)
        .setParameter("creator", creator)
        .getSingleResult();
  }

  private static String where(@Nullable String creator, @Nullable VideoState state) {
    StringBuilder sb = new StringBuilder("from VideoEntity v where 1 = 1");
    if (creator != null) {
      sb.append(" and v.creator = :creator");
    }
    if (state != null) {
      sb.append(" and json_value(v.document, '$.status.state') = :state");
    }
    return sb.toString();
  }

  private static void bind(
      TypedQuery<?> query, @Nullable String creator, @Nullable VideoState state) {
    if (creator != null) {
      query.setParameter("creator", creator);
    }
    if (state != null) {
      query.setParameter("state", state.wireName());
    }
  }
}
