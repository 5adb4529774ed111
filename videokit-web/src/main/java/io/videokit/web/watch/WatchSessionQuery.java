package io.videokit.web.watch;

import io.videokit.web.Page;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads watch sessions with filters and paging. */
public class WatchSessionQuery {

  private final EntityManager entityManager;
  private final TransactionTemplate transactions;

  /**
   * Creates the query service.
   *
   * @param entityManager a shared entity manager
   * @param transactions transaction boundaries
   */
  public WatchSessionQuery(EntityManager entityManager, TransactionTemplate transactions) {
    this.entityManager = entityManager;
    this.transactions = transactions;
  }

  /**
   * One page of sessions, most recently started first.
   *
   * @param videoUid only this video's, or null
   * @param user only this principal's, or null
   * @param from only sessions started at or after this instant (UTC), or null
   * @param to only sessions started before this instant (UTC), or null
   * @param page zero-based page
   * @param size page size
   * @return the page
   */
  public Page<WatchSessionView> find(
      @Nullable String videoUid,
      @Nullable String user,
      @Nullable Instant from,
      @Nullable Instant to,
      int page,
      int size) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    StringBuilder where = new StringBuilder(" from WatchSessionEntity s where 1 = 1");
    if (videoUid != null) {
      where.append(" and s.videoUid = :video");
      parameters.put("video", videoUid);
    }
    if (user != null) {
      where.append(" and s.username = :user");
      parameters.put("user", user);
    }
    if (from != null) {
      where.append(" and s.started >= :from");
      parameters.put("from", from);
    }
    if (to != null) {
      where.append(" and s.started < :to");
      parameters.put("to", to);
    }
    return transactions.execute(status -> {
      TypedQuery<WatchSessionEntity> query =
          entityManager.createQuery(
              "select s" + where + " order by s.started desc, s.id", WatchSessionEntity.class);
      TypedQuery<Long> count = entityManager.createQuery("select count(s)" + where, Long.class);
      parameters.forEach(query::setParameter);
      parameters.forEach(count::setParameter);
      List<WatchSessionView> items =
          query.setFirstResult(page * size).setMaxResults(size).getResultList().stream()
              .map(WatchSessionEntity::toView)
              .toList();
      return new Page<>(items, page, size, count.getSingleResult());
    });
  }

  /**
   * How many sessions watched each second of a video.
   *
   * @param videoUid the video
   * @param durationSeconds the video's length in whole seconds, or a negative number when unknown
   *     (the heatmap then ends at the last watched second)
   * @return the heatmap
   */
  public WatchHeatmap heatmap(String videoUid, int durationSeconds) {
    List<byte[]> bitmaps =
        transactions.execute(status ->
            entityManager
                .createQuery(
                    "select s.watchedSeconds from WatchSessionEntity s"
                        + " where s.videoUid = :video and s.watchedSeconds is not null",
                    byte[].class)
                .setParameter("video", videoUid)
                .getResultList());
    List<WatchedSeconds> sessions = bitmaps.stream().map(WatchedSeconds::of).toList();
    int length = durationSeconds;
    if (length < 0) {
      length = sessions.stream().mapToInt(WatchedSeconds::length).max().orElse(0);
    }
    int[] counts = new int[Math.min(length, WatchedSeconds.MAX_SECONDS)];
    sessions.forEach(session -> session.addTo(counts));
    return new WatchHeatmap(videoUid, length, counts, sessions.size());
  }
}
