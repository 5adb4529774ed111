package io.videokit.core.tus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage limits of issue 7, applied by {@link TusHandler} at creation and while bytes arrive:
 * a per-user quota, a per-user cap on unfinished uploads (staff are exempt from both) and a
 * free-space floor on the watched volumes (for everyone).
 *
 * <p>A user's usage is their stored bytes ({@link UserUsage}) plus their unfinished uploads in the
 * store: the declared {@code Upload-Length}, or the bytes received so far while the length is
 * deferred. A user's creations and length declarations are checked and made under one per-user
 * lock, so two concurrent requests cannot each spend the same remaining quota or upload slot, and
 * one just made is counted once, from the store; a deferred body being received reserves the end it
 * may reach, counted instead of (not on top of) the bytes it has so far. The lock is per instance:
 * instances sharing one store can each admit against the same remainder. The floor is measured on
 * the volumes themselves, before a creation and again every {@value #RECHECK_BYTES} bytes of a
 * body, so concurrent writers stop close to it.
 */
final class UploadLimits {

  /** How many body bytes are read between two free-space measurements. */
  static final long RECHECK_BYTES = 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(UploadLimits.class);

  private final UploadStore store;
  private final TusSettings settings;
  private final UserUsage usage;
  private final UsableSpace space;
  private final Clock clock;
  private final Map<String, Ledger> ledgers = new ConcurrentHashMap<>();

  UploadLimits(
      UploadStore store, TusSettings settings, UserUsage usage, UsableSpace space, Clock clock) {
    this.store = store;
    this.settings = settings;
    this.usage = usage;
    this.space = space;
    this.clock = clock;
  }

  /**
   * Admits a new upload and creates it, or refuses it (quota, too many uploads, floor) before
   * anything exists. The check and {@code create} run under the user's ledger lock, so the next
   * creation of that user counts this one exactly once: from the store.
   *
   * @param create makes the upload in the store; runs at most once, only if admitted
   * @return what {@code create} returned
   * @throws TusException {@code TOO_MANY_UPLOADS}, {@code QUOTA_EXCEEDED} or {@code
   *     INSUFFICIENT_STORAGE}; nothing was created
   */
  UploadInfo admitCreation(TusCaller caller, @Nullable Long length, StoreCall create)
      throws TusException, IOException {
    long wanted = length == null ? 0 : length;
    requireFloor(wanted, null);
    if (caller.staff() || (settings.quotaPerUser() == 0 && settings.maxConcurrentPerUser() == 0)) {
      return create.call();
    }
    Ledger ledger = ledger(caller.name());
    return ledger.underLock(() -> {
      Usage used = usage(caller.name(), ledger);
      int most = settings.maxConcurrentPerUser();
      if (most > 0 && used.uploads() >= most) {
        log.info("refused an upload of {}: {} unfinished uploads", caller.name(), used.uploads());
        throw new TusException(
            TusError.TOO_MANY_UPLOADS,
            "you have "
                + used.uploads()
                + " unfinished uploads, the most allowed; finish or terminate one first");
      }
      if (overQuota(used.bytes() + wanted)) {
        throw quotaExceeded(used.bytes(), wanted, null);
      }
      return create.call();
    });
  }

  /**
   * Admits the length a deferred upload declares in a PATCH and declares it, under the user's
   * ledger lock (as {@link #admitCreation}).
   *
   * @param declare records the length in the store; runs at most once, only if admitted
   * @return what {@code declare} returned
   * @throws TusException {@code QUOTA_EXCEEDED} or {@code INSUFFICIENT_STORAGE}; nothing changed
   */
  UploadInfo admitLength(TusCaller caller, UploadInfo info, long length, StoreCall declare)
      throws TusException, IOException {
    long more = length - info.offset();
    requireFloor(more, info.offset());
    if (caller.staff() || settings.quotaPerUser() == 0) {
      return declare.call();
    }
    Ledger ledger = ledger(caller.name());
    return ledger.underLock(() -> {
      Usage used = usage(caller.name(), ledger);
      if (overQuota(used.bytes() + more)) {
        throw quotaExceeded(used.bytes(), more, info.offset());
      }
      return declare.call();
    });
  }

  /**
   * Starts appending a body of {@code declared} bytes (or -1 when undeclared) to an upload with
   * {@code room} bytes left before its end. A declared body that would break a limit is refused
   * before a byte is read; an undeclared one is read until the limit. While the body of a deferred
   * upload arrives, the upload counts as the end it may reach, not twice.
   *
   * @return the write; close it when the body has been appended
   */
  Write beginWrite(TusCaller caller, UploadInfo info, long room, long declared, InputStream body)
      throws TusException, IOException {
    long allowed = room;
    Reservation reservation = Reservation.NONE;
    if (info.length() == null && !caller.staff() && settings.quotaPerUser() > 0) {
      Ledger ledger = ledger(caller.name());
      reservation =
          ledger.underLock(() -> {
            Usage used = usage(caller.name(), ledger);
            long wanted = declared >= 0 ? declared : room;
            long most = Math.max(0, Math.min(wanted, settings.quotaPerUser() - used.bytes()));
            if (declared > most) {
              throw quotaExceeded(used.bytes(), declared, info.offset());
            }
            return ledger.reserve(info.id(), info.offset() + most);
          });
      allowed = reservation.end() - info.offset();
    }
    long headroom = Math.max(0, headroom());
    if (declared > headroom) {
      reservation.close();
      throw insufficientStorage(declared, info.offset());
    }
    return new Write(reservation, body, allowed, room, headroom);
  }

  private boolean overQuota(long bytes) {
    return settings.quotaPerUser() > 0 && bytes > settings.quotaPerUser();
  }

  /** What {@code user} holds; call with the ledger's lock held. */
  private Usage usage(String user, Ledger ledger) throws IOException {
    Instant now = clock.instant();
    long bytes = usage.storedBytes(user);
    int uploads = 0;
    for (UploadInfo upload : store.unfinished(user)) {
      if (!upload.isExpired(now)) {
        long held = upload.length() != null ? upload.length() : upload.offset();
        bytes += Math.max(held, ledger.reservedEnds.getOrDefault(upload.id(), 0L));
        uploads++;
      }
    }
    return new Usage(bytes, uploads);
  }

  private Ledger ledger(String user) {
    return ledgers.computeIfAbsent(user, name -> new Ledger());
  }

  /** Refuses storing {@code bytes} more if a watched volume would go below the floor. */
  void requireFloor(long bytes, @Nullable Long offset) throws TusException, IOException {
    long headroom = headroom();
    if (headroom < 0 || bytes > headroom) {
      throw insufficientStorage(bytes, offset);
    }
  }

  /**
   * The bytes that may still be written before a watched volume reaches the floor; negative once
   * one is below it.
   */
  private long headroom() throws IOException {
    if (settings.minFreeSpace() == 0) {
      return Long.MAX_VALUE;
    }
    long headroom = Long.MAX_VALUE;
    for (Path path : settings.watchedPaths()) {
      headroom = Math.min(headroom, space.usableBytes(path) - settings.minFreeSpace());
    }
    return headroom;
  }

  private TusException quotaExceeded(long used, long more, @Nullable Long offset) {
    log.info("refused {} bytes over the quota ({} held)", more, used);
    return new TusException(
        TusError.QUOTA_EXCEEDED,
        "your videos and unfinished uploads hold "
            + used
            + " bytes; "
            + more
            + " more would go over your quota of "
            + settings.quotaPerUser()
            + " bytes; delete videos or terminate uploads first",
        offset);
  }

  private TusException insufficientStorage(long bytes, @Nullable Long offset) {
    log.warn("refused upload bytes: a watched volume is at its free-space floor");
    return new TusException(
        TusError.INSUFFICIENT_STORAGE,
        "the server cannot store "
            + (bytes < 0 ? "more" : bytes + " more bytes")
            + " now without running out of disk space; bytes already received are kept, retry"
            + " later",
        offset);
  }

  /** What a user holds, as counted for a limit. */
  private record Usage(long bytes, int uploads) {}

  /** A call into the store made once a limit admitted it. */
  @FunctionalInterface
  interface StoreCall {
    UploadInfo call() throws TusException, IOException;
  }

  /** A check and the change it admits, run under a ledger's lock. */
  @FunctionalInterface
  private interface Locked<T> {
    T run() throws TusException, IOException;
  }

  /**
   * One user's admissions, serialised by {@link #underLock} (a lock, not a monitor: it is held
   * across a store call, which must not pin a virtual thread on JDK 21). {@link #reservedEnds} maps
   * a deferred upload whose body is being received to the end that body may reach.
   */
  private static final class Ledger {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Long> reservedEnds = new ConcurrentHashMap<>();

    <T> T underLock(Locked<T> action) throws TusException, IOException {
      lock.lock();
      try {
        return action.run();
      } finally {
        lock.unlock();
      }
    }

    /**
     * Counts upload {@code id} as reaching {@code end} until the returned reservation is closed.
     * One write per upload at a time (its upload lock), so one entry per upload.
     */
    Reservation reserve(String id, long end) {
      reservedEnds.put(id, end);
      return new Reservation(this, id, end);
    }
  }

  /** The end a deferred upload may reach while its body arrives, released when the write ends. */
  private record Reservation(@Nullable Ledger ledger, String id, long end)
      implements AutoCloseable {
    static final Reservation NONE = new Reservation(null, "", 0);

    @Override
    public void close() {
      if (ledger != null) {
        ledger.reservedEnds.remove(id, end);
      }
    }
  }

  /** One body being appended: at most {@link #maxBytes()} bytes, stopped at the floor. */
  final class Write implements AutoCloseable {
    private final Reservation reservation;
    private final InputStream raw;
    private final Guarded guarded;
    private final long maxBytes;
    private final long room;

    private Write(
        Reservation reservation, InputStream raw, long maxBytes, long room, long headroom) {
      this.reservation = reservation;
      this.raw = raw;
      this.guarded = new Guarded(raw, headroom);
      this.maxBytes = maxBytes;
      this.room = room;
    }

    /** The body to hand to the store; it ends early at the floor. */
    InputStream body() {
      return guarded;
    }

    /** The most bytes to append (the upload's room, or less under the quota). */
    long maxBytes() {
      return maxBytes;
    }

    /**
     * After the append: refuses the rest of a body that a limit cut short.
     *
     * @param offset the upload's offset now (the bytes kept)
     */
    void requireWhole(long offset) throws TusException, IOException {
      if (cutShort()) {
        throw refusal(offset, "");
      }
    }

    /**
     * A checksum mismatch of a body a limit cut short becomes that limit's refusal: the digest of a
     * truncated chunk cannot match.
     */
    TusException explain(TusException failure, long offset) throws IOException {
      if (failure.error() == TusError.CHECKSUM_MISMATCH && cutShort()) {
        return refusal(offset, " (the checksummed chunk was discarded)");
      }
      return failure;
    }

    private boolean cutShort() throws IOException {
      return (guarded.stopped || guarded.count >= maxBytes) && raw.read() >= 0;
    }

    private TusException refusal(long offset, String note) {
      if (guarded.stopped) {
        return insufficientStorage(-1, offset);
      }
      if (maxBytes < room) {
        return new TusException(
            TusError.QUOTA_EXCEEDED,
            "the body goes over your quota of "
                + settings.quotaPerUser()
                + " bytes; the bytes up to Upload-Offset were kept"
                + note,
            offset);
      }
      return new TusException(
          TusError.SIZE_EXCEEDED,
          "the body goes past the end of the upload; the extra bytes were not stored" + note,
          offset);
    }

    @Override
    public void close() {
      reservation.close();
    }
  }

  /** A body that ends before a watched volume reaches the floor, re-measured as it is read. */
  private final class Guarded extends InputStream {
    private final InputStream in;
    private long allowed;
    private long sinceCheck;
    long count;
    boolean stopped;

    Guarded(InputStream in, long allowed) {
      this.in = in;
      this.allowed = allowed;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      if (sinceCheck >= RECHECK_BYTES) {
        allowed = Math.min(allowed, headroom()); // other writers fill the volume too
        sinceCheck = 0;
      }
      if (allowed <= 0) {
        stopped = true;
        return -1;
      }
      long most = Math.min(Math.min(length, allowed), RECHECK_BYTES - sinceCheck);
      int n = in.read(buffer, offset, (int) most);
      if (n > 0) {
        allowed -= n;
        sinceCheck += n;
        count += n;
      }
      return n;
    }
  }
}
