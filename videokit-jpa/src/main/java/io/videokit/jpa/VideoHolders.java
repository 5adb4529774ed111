package io.videokit.jpa;

import io.videokit.jpa.VideoAttributes.Attribute;
import io.videokit.video.Video;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The entities whose {@link Video} attributes hold a given uid, found by JSON path ({@code
 * json_value(e.attribute, '$.uid')}) and changed under a pessimistic write lock, so that a webhook
 * and a refresh racing on the same video are applied one after the other.
 */
public class VideoHolders implements AttributeHolders {

  private final EntityManager entityManager;
  private final VideoAttributes attributes;
  private final TransactionTemplate transactions;

  /**
   * The finder.
   *
   * @param entityManager a shared (transaction-bound) entity manager
   * @param attributes the attributes to search
   * @param transactions runs each change in a transaction (joins an existing one)
   */
  public VideoHolders(
      EntityManager entityManager, VideoAttributes attributes, TransactionTemplate transactions) {
    this.entityManager = entityManager;
    this.attributes = attributes;
    this.transactions = transactions;
  }

  /**
   * Changes every attribute that holds a uid, in one transaction.
   *
   * @param uid the video's uid
   * @param change computes the new value from the current one (may return the same instance)
   * @return the attribute of each holder (one entry per entity holding the uid), so callers can
   *     read the options without another query
   */
  @Override
  public List<Attribute> update(String uid, UnaryOperator<Video> change) {
    return Objects.requireNonNull(
        transactions.execute(status -> {
          List<Holder> holders = lock(uid);
          for (Holder holder : holders) {
            Video next = change.apply(holder.video());
            if (!next.equals(holder.video())) {
              holder.attribute().set(holder.entity(), next);
            }
          }
          return attributesOf(holders);
        }));
  }

  /**
   * Changes every attribute that holds a uid, in one transaction, and answers the newest value
   * stored afterwards, so that a caller decides from the newest state (a webhook may have stored a
   * newer one than the caller fetched) rather than from its own, possibly stale, copy.
   *
   * @param uid the video's uid
   * @param change computes the new value from the current one (may return the same instance)
   * @return the holders' attributes and the newest stored value
   */
  @Override
  public Updated updateAndRead(String uid, UnaryOperator<Video> change) {
    return Objects.requireNonNull(
        transactions.execute(status -> {
          List<Holder> holders = lock(uid);
          Video newest = null;
          for (Holder holder : holders) {
            Video next = change.apply(holder.video());
            if (!next.equals(holder.video())) {
              holder.attribute().set(holder.entity(), next);
            }
            if (newest == null || isNewer(next, newest)) {
              newest = next;
            }
          }
          return new Updated(attributesOf(holders), newest);
        }));
  }

  private static boolean isNewer(Video candidate, Video than) {
    if (candidate.modified() == null) {
      return false;
    }
    return than.modified() == null || candidate.modified().isAfter(than.modified());
  }

  /**
   * Points every attribute holding {@code oldUid} to another video.
   *
   * @param oldUid the uid to replace
   * @param replacement the new value
   * @return the attribute of each changed holder
   */
  @Override
  public List<Attribute> replace(String oldUid, Video replacement) {
    return Objects.requireNonNull(
        transactions.execute(status -> {
          List<Holder> holders = lock(oldUid);
          holders.forEach(h -> h.attribute().set(h.entity(), replacement));
          return attributesOf(holders);
        }));
  }

  /**
   * Deletes every entity holding a uid.
   *
   * @param uid the video's uid
   * @return how many entities were removed
   */
  @Override
  public int removeOwners(String uid) {
    return Objects.requireNonNull(
        transactions.execute(status -> {
          List<Holder> holders = lock(uid);
          holders.forEach(h -> entityManager.remove(h.entity()));
          return holders.size();
        }));
  }

  /**
   * The current holders of a uid (read-only snapshot, in a transaction of its own).
   *
   * @param uid the video's uid
   * @return the holders
   */
  @Override
  public List<Holder> find(String uid) {
    return Objects.requireNonNull(
        transactions.execute(status -> {
          if (status.isNewTransaction()) {
            // read-only; marking a joined transaction would roll back the caller's work
            status.setRollbackOnly();
          }
          return read(uid, null);
        }));
  }

  /**
   * The uids of videos some attribute holds that are not finished: no {@code status.state} yet (a
   * value made by {@code Video.ofUid}) or a state other than {@code ready} and {@code error}. One
   * JSON-path query per attribute, in a read-only transaction.
   *
   * @param limit at most this many rows per attribute
   * @return the uids, each once, in no particular order
   */
  public List<String> unfinished(int limit) {
    return Objects.requireNonNull(
        transactions.execute(status -> {
          if (status.isNewTransaction()) {
            status.setRollbackOnly();
          }
          Set<String> uids = new LinkedHashSet<>();
          for (Attribute attribute : attributes.all()) {
            String state = "json_value(e." + attribute.name() + ", '$.status.state')";
            List<Object> entities =
                entityManager
                    .createQuery(
                        "select e from "
                            + attribute.entityName()
                            + " e where e."
                            + attribute.name()
                            + " is not null and ("
                            + state
                            + " is null or "
                            + state
                            + " not in ('ready', 'error'))",
                        Object.class)
                    .setMaxResults(limit)
                    .getResultList();
            for (Object entity : entities) {
              Video video = attribute.get(entity);
              if (video != null) {
                uids.add(video.uid());
              }
            }
          }
          return List.copyOf(uids);
        }));
  }

  private static List<Attribute> attributesOf(List<Holder> holders) {
    return holders.stream().map(Holder::attribute).toList();
  }

  private List<Holder> lock(String uid) {
    return read(uid, LockModeType.PESSIMISTIC_WRITE);
  }

  private List<Holder> read(String uid, @Nullable LockModeType lock) {
    if (!Video.isValidUid(uid)) {
      return List.of();
    }
    List<Holder> holders = new ArrayList<>();
    for (Attribute attribute : attributes.all()) {
      var query =
          entityManager
              .createQuery(
                  "select e from "
                      + attribute.entityName()
                      + " e where json_value(e."
                      + attribute.name()
                      + ", '$.uid') = :uid",
                  Object.class)
              .setParameter("uid", uid);
      if (lock != null) {
        query.setLockMode(lock);
      }
      for (Object entity : query.getResultList()) {
        Video video = attribute.get(entity);
        if (video != null && uid.equals(video.uid())) {
          holders.add(new Holder(entity, attribute, video));
        }
      }
    }
    return holders;
  }
}
