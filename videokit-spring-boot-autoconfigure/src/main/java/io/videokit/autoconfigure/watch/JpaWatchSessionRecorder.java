package io.videokit.autoconfigure.watch;

import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores watch sessions with JPA. A viewer is its principal name, or for anonymous viewers a hash
 * of address and user agent (the address itself is kept in the row, the hash only groups). A
 * failure to record is logged and never breaks the stream.
 */
public class JpaWatchSessionRecorder implements WatchSessionRecorder {

  private static final Logger log = LoggerFactory.getLogger(JpaWatchSessionRecorder.class);
  private static final int STRIPES = 64;

  private final EntityManager entityManager;
  private final TransactionTemplate transactions;
  private final Duration idleTimeout;
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

  /**
   * Creates the recorder.
   *
   * @param entityManager a shared entity manager
   * @param transactions transaction boundaries
   * @param idleTimeout longest gap between two requests of one session
   */
  public JpaWatchSessionRecorder(
      EntityManager entityManager, TransactionTemplate transactions, Duration idleTimeout) {
    this.entityManager = entityManager;
    this.transactions = transactions;
    this.idleTimeout = idleTimeout;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  @Override
  public void record(WatchEvent event) {
    String viewer = viewerKey(event);
    ReentrantLock lock = stripes[Math.floorMod((viewer + event.mediaKey()).hashCode(), STRIPES)];
    lock.lock();
    try {
      transactions.executeWithoutResult(status -> upsert(event, viewer));
    } catch (RuntimeException e) {
      log.warn("could not record a watch session for {}: {}", event.mediaKey(), e.toString());
    } finally {
      lock.unlock();
    }
  }

  private void upsert(WatchEvent event, String viewer) {
    List<WatchSessionEntity> open =
        entityManager
            .createQuery(
                "select s from WatchSessionEntity s where s.mediaKey = :key and s.viewerKey = :viewer"
                    + " and s.lastSeen >= :since order by s.lastSeen desc",
                WatchSessionEntity.class)
            .setParameter("key", event.mediaKey())
            .setParameter("viewer", viewer)
            .setParameter("since", event.at().minus(idleTimeout))
            .setMaxResults(1)
            .getResultList();
    if (open.isEmpty()) {
      entityManager.persist(new WatchSessionEntity(event, viewer));
    } else {
      open.get(0).add(event);
    }
  }

  static String viewerKey(WatchEvent event) {
    if (event.username() != null) {
      return "u:" + sha256(event.username());
    }
    return "a:" + sha256(event.clientIp() + "\n" + event.userAgent());
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
