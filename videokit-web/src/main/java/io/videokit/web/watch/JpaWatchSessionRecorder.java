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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
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

  private static final long NANOS = 1_000_000_000L;

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
    PendingKey key = PendingKey.of(event);
    boolean span = event.hasSpan() && event.videoUid() != null;
    if (flusher == null) {
      Pending response = new Pending(event);
      response.add(event, span);
      write(List.of(new Entry(key, response)));
      return;
    }
    // lock-free on the hot path: many connections of one viewer add to one Pending at once
    while (true) {
      Pending current = pending.get(key);
      if (current == null) {
        Pending fresh = new Pending(event);
        Pending raced = pending.putIfAbsent(key, fresh);
        current = raced == null ? fresh : raced;
      }
      if (current.add(event, span)) {
        return;
      }
      pending.remove(key, current); // a flush took it; start the next one
    }
  }

  /** Writes every buffered response now. Called on the flush interval and on close. */
  public void flush() {
    List<Entry> batch = new ArrayList<>();
    for (PendingKey key : pending.keySet()) {
      Pending taken = pending.remove(key);
      if (taken != null && taken.seal()) {
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
    String viewer = entry.key().viewer();
    List<WatchSessionEntity> open =
        entityManager
            .createQuery(
                "select s from WatchSessionEntity s where s.mediaKey = :key and s.viewerKey = :viewer"
                    + " and s.lastSeen >= :since order by s.lastSeen desc",
                WatchSessionEntity.class)
            .setParameter("key", entry.key().mediaKey())
            .setParameter("viewer", viewer)
            .setParameter("since", p.first().at().minus(idleTimeout))
            .setMaxResults(1)
            .getResultList();
    if (open.isEmpty()) {
      WatchSessionEntity session = new WatchSessionEntity(p.first(), viewer);
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
    return PendingKey.of(event).viewer();
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

  /**
   * One viewer and file, as the request gave them: the viewer's hash is computed once per write
   * ({@link #viewer()}), not once per response.
   */
  private record PendingKey(
      String mediaKey,
      @Nullable String username,
      @Nullable String clientIp,
      @Nullable String userAgent) {

    static PendingKey of(WatchEvent event) {
      return event.username() != null
          ? new PendingKey(event.mediaKey(), event.username(), null, null)
          : new PendingKey(event.mediaKey(), null, event.clientIp(), event.userAgent());
    }

    /** The viewer key stored in the row: a hash of the principal, or of address and agent. */
    String viewer() {
      if (username != null) {
        return "u:" + sha256(username);
      }
      return "a:" + sha256(clientIp + "\n" + userAgent);
    }
  }

  /**
   * Responses of one viewer for one file since the last flush, summed without locks: adders for the
   * counts, a fixed span array claimed slot by slot. A flush {@linkplain #seal() seals} it and
   * waits for the adds under way; a later add sees the seal and starts a new one.
   */
  private static final class Pending {
    private final AtomicReference<@Nullable WatchEvent> first = new AtomicReference<>();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAccumulator lastAt = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final AtomicInteger spanCount = new AtomicInteger();
    private final long @Nullable [] spans;
    private final AtomicInteger adding = new AtomicInteger();
    private volatile boolean sealed;

    /** An empty one for the viewer and file of {@code creator} (added by {@link #add}). */
    Pending(WatchEvent creator) {
      this.spans = creator.videoUid() != null ? new long[2 * MAX_SPANS] : null;
    }

    /** Adds a response; false when a flush sealed this one first. */
    boolean add(WatchEvent event, boolean span) {
      adding.incrementAndGet();
      try {
        if (sealed) {
          return false;
        }
        first.compareAndSet(null, event); // the first response that was counted here
        bytes.add(event.bytes());
        requests.increment();
        lastAt.accumulate(nanos(event.at()));
        if (span && spans != null) {
          int slot = spanCount.getAndIncrement();
          if (slot < MAX_SPANS) {
            spans[2 * slot] = event.firstByte();
            spans[2 * slot + 1] = event.firstByte() + event.bytes() - 1;
          }
        }
        return true;
      } finally {
        adding.decrementAndGet();
      }
    }

    /** Stops further adds, waits for those under way; true when it holds any response. */
    boolean seal() {
      sealed = true;
      while (adding.get() != 0) {
        Thread.onSpinWait();
      }
      return requests.sum() > 0;
    }

    /** The first response counted; present once {@link #seal()} said it holds any. */
    WatchEvent first() {
      return java.util.Objects.requireNonNull(first.get());
    }

    Instant lastAt() {
      long at = lastAt.get();
      return Instant.ofEpochSecond(Math.floorDiv(at, NANOS), Math.floorMod(at, NANOS));
    }

    long bytes() {
      return bytes.sum();
    }

    int requests() {
      return (int) requests.sum();
    }

    List<long[]> spans() {
      if (spans == null) {
        return List.of();
      }
      int count = Math.min(spanCount.get(), MAX_SPANS);
      List<long[]> list = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        list.add(new long[] {spans[2 * i], spans[2 * i + 1]});
      }
      return list;
    }

    private static long nanos(Instant at) {
      return Math.addExact(Math.multiplyExact(at.getEpochSecond(), NANOS), at.getNano());
    }
  }

  private record Entry(PendingKey key, Pending pending) {}
}
