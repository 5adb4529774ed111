package io.videokit.web.watch;

import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores watch sessions with JPA. A viewer is its principal name, or for anonymous viewers a hash
 * of address and user agent (the address itself is kept in the row, the hash only groups).
 *
 * <p>With a positive flush interval, responses are summed in memory per viewer and file and written
 * in one transaction per interval (and on {@link #close()}), so streaming never waits for the
 * database; with a zero interval each response is written at once. A failure to record is logged
 * and never breaks the stream.
 *
 * <p>Each response's served byte span ({@link WatchEvent#firstByte()} and its bytes) is kept with
 * the buffered response and mapped, at the write, through the file's {@link TimeIndexes time index}
 * to the seconds it shows; the session row keeps them as a {@link WatchedSeconds} bitmap, which the
 * watch heatmap counts.
 */
public final class JpaWatchSessionRecorder implements WatchSessionRecorder, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JpaWatchSessionRecorder.class);

  /** The most spans of one viewer and file buffered between two writes; later ones are dropped. */
  private static final int MAX_SPANS = 256;

  private final EntityManager entityManager;
  private final TransactionTemplate transactions;
  private final Duration idleTimeout;
  private final ConcurrentHashMap<PendingKey, Pending> pending = new ConcurrentHashMap<>();
  private final @Nullable ScheduledExecutorService flusher;
  private volatile WatchSessionObserver observer = WatchSessionObserver.NONE;
  private final TimeIndexes indexes;

  /**
   * Creates the recorder.
   *
   * @param entityManager a shared entity manager
   * @param transactions transaction boundaries
   * @param idleTimeout longest gap between two requests of one session
   * @param flushInterval how often buffered responses are written; zero writes each at once
   */
  public JpaWatchSessionRecorder(
      EntityManager entityManager,
      TransactionTemplate transactions,
      Duration idleTimeout,
      Duration flushInterval) {
    this(entityManager, transactions, idleTimeout, flushInterval, TimeIndexes.NONE);
  }

  /**
   * Creates the recorder with time indexes, so sessions record the seconds they watched.
   *
   * @param entityManager a shared entity manager
   * @param transactions transaction boundaries
   * @param idleTimeout longest gap between two requests of one session
   * @param flushInterval how often buffered responses are written; zero writes each at once
   * @param indexes the time indexes of video files
   */
  public JpaWatchSessionRecorder(
      EntityManager entityManager,
      TransactionTemplate transactions,
      Duration idleTimeout,
      Duration flushInterval,
      TimeIndexes indexes) {
    this.indexes = indexes;
    this.entityManager = entityManager;
    this.transactions = transactions;
    this.idleTimeout = idleTimeout;
    if (flushInterval.isZero() || flushInterval.isNegative()) {
      this.flusher = null;
    } else {
      this.flusher =
          Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "videokit-watch-sessions");
            thread.setDaemon(true);
            return thread;
          });
      long millis = flushInterval.toMillis();
      flusher.scheduleWithFixedDelay(this::flush, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Sets who is told about recorded responses and new sessions (metrics); {@link
   * WatchSessionObserver#NONE} by default.
   *
   * @param observer the observer
   */
  public void setObserver(WatchSessionObserver observer) {
    this.observer = java.util.Objects.requireNonNull(observer);
  }

  @Override
  public void record(WatchEvent event) {
    observer.recorded();
    PendingKey key = new PendingKey(event.mediaKey(), viewerKey(event));
    List<long[]> spans =
        event.hasSpan() && event.videoUid() != null
            ? List.of(new long[] {event.firstByte(), event.firstByte() + event.bytes() - 1})
            : List.of();
    Pending response = new Pending(event, event.at(), event.bytes(), 1, spans);
    if (flusher == null) {
      write(List.of(new Entry(key, response)));
    } else {
      pending.merge(key, response, Pending::plus);
    }
  }

  /** Writes every buffered response now. Called on the flush interval and on close. */
  public void flush() {
    List<Entry> batch = new ArrayList<>();
    for (PendingKey key : pending.keySet()) {
      Pending taken = pending.remove(key);
      if (taken != null) {
        batch.add(new Entry(key, taken));
      }
    }
    if (!batch.isEmpty()) {
      write(batch);
    }
  }

  /** Stops the flusher and writes what is buffered. */
  @Override
  public void close() {
    if (flusher != null) {
      flusher.shutdown();
    }
    flush();
  }

  private void write(List<Entry> batch) {
    try {
      transactions.executeWithoutResult(status -> batch.forEach(this::upsert));
      if (log.isDebugEnabled()) {
        log.atDebug()
            .setMessage("watch sessions flushed")
            .addKeyValue("updates", batch.size())
            .addKeyValue("bytes", batch.stream().mapToLong(e -> e.pending().bytes()).sum())
            .log();
      }
    } catch (RuntimeException e) {
      log.warn("could not record {} watch-session updates: {}", batch.size(), e.toString());
    }
  }

  private void upsert(Entry entry) {
    Pending p = entry.pending();
    List<WatchSessionEntity> open =
        entityManager
            .createQuery(
                "select s from WatchSessionEntity s where s.mediaKey = :key and s.viewerKey = :viewer"
                    + " and s.lastSeen >= :since order by s.lastSeen desc",
                WatchSessionEntity.class)
            .setParameter("key", entry.key().mediaKey())
            .setParameter("viewer", entry.key().viewer())
            .setParameter("since", p.first().at().minus(idleTimeout))
            .setMaxResults(1)
            .getResultList();
    if (open.isEmpty()) {
      WatchSessionEntity session = new WatchSessionEntity(p.first(), entry.key().viewer());
      session.add(p.lastAt(), p.bytes() - p.first().bytes(), p.requests() - 1);
      session.watch(watched(entry.key().mediaKey(), p.spans()));
      entityManager.persist(session);
      observer.started();
    } else {
      open.get(0).add(p.lastAt(), p.bytes(), p.requests());
      open.get(0).watch(watched(entry.key().mediaKey(), p.spans()));
    }
  }

  private WatchedSeconds watched(String mediaKey, List<long[]> spans) {
    if (spans.isEmpty()) {
      return WatchedSeconds.none();
    }
    return indexes
        .find(mediaKey)
        .map(index -> WatchedSeconds.of(index, spans))
        .orElseGet(WatchedSeconds::none);
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

  private record PendingKey(String mediaKey, String viewer) {}

  /** Responses of one viewer for one file since the last flush. */
  private record Pending(
      WatchEvent first, Instant lastAt, long bytes, int requests, List<long[]> spans) {
    Pending plus(Pending later) {
      Instant last = later.lastAt().isAfter(lastAt) ? later.lastAt() : lastAt;
      List<long[]> all = spans;
      if (!later.spans().isEmpty() && spans.size() < MAX_SPANS) {
        List<long[]> joined = new ArrayList<>(spans);
        joined.addAll(later.spans());
        all = List.copyOf(joined.subList(0, Math.min(MAX_SPANS, joined.size())));
      }
      return new Pending(first, last, bytes + later.bytes(), requests + later.requests(), all);
    }
  }

  private record Entry(PendingKey key, Pending pending) {}
}
