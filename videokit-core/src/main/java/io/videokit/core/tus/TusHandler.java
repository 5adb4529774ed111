package io.videokit.core.tus;

import io.videokit.core.http.HttpDates;
import io.videokit.core.http.Problem;
import io.videokit.core.http.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tus 1.0.0 server endpoint over the servlet API: core protocol plus the creation,
 * creation-with-upload and checksum extensions, and those of creation-defer-length, expiration,
 * termination and concatenation that its {@link UploadStore} implements (tus.io protocol 1.0.0).
 * {@code Tus-Extension} lists exactly what is served; a request for a missing extension gets the
 * protocol's answer (DELETE 405, {@code Upload-Concat} or {@code Upload-Defer-Length} 400).
 *
 * <p>Mount it on a collection URL ({@code POST}, {@code OPTIONS}) and its children ({@code HEAD},
 * {@code PATCH}, {@code DELETE}); the caller passes the upload id taken from the path and the
 * authenticated principal. Every error is answered as an RFC 9457 problem with the status the
 * protocol prescribes ({@link TusError}); bytes already received are never lost.
 *
 * <p>Thread-safe; writes to one upload are serialised by the {@link UploadLocker}.
 *
 * <p>Why this class is over 400 lines: it is the protocol's request/response table — five methods,
 * seven extensions and the completion that may be resumed after a crash — kept in one place so the
 * order of checks of each request can be read top to bottom. Header parsing lives in {@code
 * TusHeaders}, quota and disk limits in {@code UploadLimits}, what the store supports in {@code
 * TusExtensions}.
 */
@SuppressWarnings("try") // upload locks are held by try-with-resources without being referenced
public final class TusHandler {

  /** The protocol version spoken. */
  public static final String TUS_VERSION = "1.0.0";

  /** The media type of PATCH bodies. */
  public static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";

  private static final Logger log = LoggerFactory.getLogger(TusHandler.class);

  /** IMF-fixdate (RFC 9110 §5.6.7); RFC_1123_DATE_TIME would omit the day's leading zero. */
  private final UploadStore store;

  private final UploadLocker locker;
  private final UploadHooks hooks;
  private final TusSettings settings;
  private final Clock clock;
  private final UploadLimits limits;
  private final TusExtensions extensions;
  private volatile TusObserver observer = TusObserver.NONE;

  /**
   * Creates the handler.
   *
   * @param store where uploads are kept
   * @param locker serialises writes per upload
   * @param hooks pre-create check and completion step
   * @param settings size and time limits
   * @param clock time source (UTC)
   */
  public TusHandler(
      UploadStore store,
      UploadLocker locker,
      UploadHooks hooks,
      TusSettings settings,
      Clock clock) {
    this(store, locker, hooks, settings, clock, UserUsage.NONE, UsableSpace.fileStores());
  }

  /**
   * Creates the handler with the sources of the per-user quota and the free-space floor.
   *
   * @param store where uploads are kept
   * @param locker serialises writes per upload
   * @param hooks pre-create check and completion step
   * @param settings size, time and storage limits
   * @param clock time source (UTC)
   * @param usage the bytes each user stores outside the upload store (their videos)
   * @param space usable bytes per volume, for the free-space floor
   */
  public TusHandler(
      UploadStore store,
      UploadLocker locker,
      UploadHooks hooks,
      TusSettings settings,
      Clock clock,
      UserUsage usage,
      UsableSpace space) {
    this.store = store;
    this.locker = locker;
    this.hooks = hooks;
    this.settings = settings;
    this.clock = clock;
    this.limits = new UploadLimits(store, settings, usage, space, clock);
    this.extensions = new TusExtensions(store);
  }

  /**
   * Sets who is told about transfers, received bytes, completions and errors (metrics); {@link
   * TusObserver#NONE} by default.
   *
   * @param observer the observer
   */
  public void setObserver(TusObserver observer) {
    this.observer = java.util.Objects.requireNonNull(observer);
  }

  /**
   * Handles one tus request.
   *
   * @param request the request; {@code X-HTTP-Method-Override} replaces its method
   * @param response the response
   * @param uploadId the id from the URL, or null for the collection URL
   * @param caller the authenticated caller, or null for an anonymous request (answered 401 except
   *     for OPTIONS)
   * @throws IOException if the response cannot be written
   */
  public void handle(
      HttpServletRequest request,
      HttpServletResponse response,
      @Nullable String uploadId,
      @Nullable TusCaller caller)
      throws IOException {
    String method = TusHeaders.effectiveMethod(request);
    response.setHeader("Tus-Resumable", TUS_VERSION);
    try {
      if (method.equals("OPTIONS")) {
        options(response);
        return;
      }
      String version = request.getHeader("Tus-Resumable");
      if (!TUS_VERSION.equals(version)) {
        response.setHeader("Tus-Version", TUS_VERSION);
        throw new TusException(
            TusError.UNSUPPORTED_VERSION,
            version == null
                ? "the Tus-Resumable header is required"
                : "Tus-Resumable "
                    + version
                    + " is not supported; this server speaks "
                    + TUS_VERSION);
      }
      if (caller == null) {
        throw new TusException(TusError.UNAUTHENTICATED, "uploads need an authenticated principal");
      }
      switch (method) {
        case "POST" -> {
          if (uploadId != null) {
            throw methodNotAllowed(response, uploadId);
          }
          create(request, response, caller);
        }
        case "HEAD" -> head(response, requireId(uploadId, response), caller);
        case "PATCH" -> patch(request, response, requireId(uploadId, response), caller);
        case "DELETE" -> terminate(response, requireId(uploadId, response), caller);
        default -> throw methodNotAllowed(response, uploadId);
      }
    } catch (TusException e) {
      // Problem.write marks the answer no-store
      if (e.offset() != null) {
        response.setHeader("Upload-Offset", Long.toString(e.offset()));
      }
      observer.failed(e.error().type());
      Problem.of(e.error().type(), e.getMessage()).write(response, method);
    } catch (UploadInterruptedException e) {
      observer.failed(ProblemType.TUS_INTERRUPTED);
      // the body ended early (client gone); every byte received is kept and HEAD reports it
      response.setHeader("Upload-Offset", Long.toString(e.offset()));
      Problem.of(ProblemType.TUS_INTERRUPTED, "the body ended early; resume from the offset")
          .write(response, method);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      observer.failed(TusError.LOCKED.type());
      Problem.of(TusError.LOCKED.type(), "interrupted while waiting for the upload lock")
          .write(response, method);
    }
  }

  /**
   * The {@code Tus-Extension} value: the handler's own extensions and those its store implements.
   *
   * @return the comma-separated extension names
   */
  public String extensions() {
    return extensions.header();
  }

  /**
   * Removes expired uploads (expiration extension): unfinished uploads past their expiry and the
   * kept state of completed ones. Call it on a schedule; without an {@link ExpiringUploadStore} it
   * does nothing.
   *
   * @return how many uploads were removed
   * @throws IOException if the store cannot be listed
   */
  public int removeExpired() throws IOException {
    ExpiringUploadStore expiring = extensions.expiration();
    if (expiring == null) {
      return 0;
    }
    int removed = 0;
    for (String id : expiring.expired(clock.instant())) {
      try {
        Optional<UploadLocker.UploadLock> lock = locker.tryLock(id, java.time.Duration.ZERO);
        if (lock.isEmpty()) {
          continue; // being written right now: not abandoned
        }
        try (UploadLocker.UploadLock held = lock.get()) {
          if (expiring.delete(id)) {
            removed++;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return removed;
  }

  /**
   * Finishes completions a crash interrupted: every upload that has all its bytes but is not marked
   * completed runs its completion step again (idempotent by contract of {@link
   * UploadHooks#completed}). Call it on start-up and on a schedule; uploads being written right now
   * are skipped.
   *
   * @return how many uploads were completed
   * @throws IOException if the store cannot be listed
   */
  public int resumeCompletions() throws IOException {
    int resumed = 0;
    for (String id : store.ids()) {
      try {
        Optional<UploadInfo> found = store.find(id);
        if (found.isEmpty() || !needsCompletion(found.get())) {
          continue;
        }
        Optional<UploadLocker.UploadLock> lock = locker.tryLock(id, java.time.Duration.ZERO);
        if (lock.isEmpty()) {
          continue;
        }
        try (UploadLocker.UploadLock held = lock.get()) {
          Optional<UploadInfo> fresh = store.find(id);
          if (fresh.isPresent() && needsCompletion(fresh.get())) {
            complete(fresh.get());
            resumed++;
            log.info("resumed the interrupted completion of upload {}", id);
          }
        }
      } catch (TusException e) {
        // logged by complete(); the next HEAD, PATCH or run retries
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return resumed;
  }

  private static boolean needsCompletion(UploadInfo info) {
    return info.isFinished() && !info.completed() && info.concat() != ConcatType.PARTIAL;
  }

  private void options(HttpServletResponse response) {
    response.setStatus(204);
    response.setHeader("Tus-Version", TUS_VERSION);
    response.setHeader("Tus-Extension", extensions.header());
    response.setHeader("Tus-Max-Size", Long.toString(settings.maxSize()));
    response.setHeader("Tus-Checksum-Algorithm", ChecksumAlgorithm.header());
  }

  /**
   * Creates an upload without an HTTP request, under the same rules as a tus {@code POST} (creation
   * hooks, per-user limits, free space): the provider SPI's "reserve an upload", after which the
   * client only PATCHes the bytes to {@code <base path>/<id>}.
   *
   * @param length the upload's length in bytes, at least 1
   * @param metadata its {@code Upload-Metadata}
   * @param caller who uploads
   * @return the new upload
   * @throws TusException when a hook or a limit refuses it (the tus error says why)
   * @throws IOException if the store cannot create it
   */
  public UploadInfo reserve(long length, UploadMetadata metadata, TusCaller caller)
      throws TusException, IOException {
    if (length < 1) {
      throw new TusException(TusError.INVALID_LENGTH, "a reserved upload has at least 1 byte");
    }
    Instant now = clock.instant();
    NewUpload upload =
        new NewUpload(
            length,
            metadata,
            caller.name(),
            now,
            now.plus(settings.expiration()),
            ConcatType.NONE,
            List.of());
    hooks.beforeCreate(upload, caller);
    return limits.admitCreation(caller, length, () -> store.create(upload));
  }

  private void create(HttpServletRequest request, HttpServletResponse response, TusCaller caller)
      throws TusException, IOException, InterruptedException {
    UploadMetadata metadata = UploadMetadata.parse(request.getHeader("Upload-Metadata"));
    Instant now = clock.instant();
    Instant expires = now.plus(settings.expiration());
    String concatHeader = request.getHeader("Upload-Concat");
    ConcatType concat = ConcatType.NONE;
    List<String> parts = List.of();
    if (concatHeader != null) {
      String value = concatHeader.strip();
      if (value.equals("partial")) {
        concat = ConcatType.PARTIAL;
      } else if (value.startsWith("final;")) {
        concat = ConcatType.FINAL;
        parts = TusHeaders.partIds(value.substring("final;".length()));
      } else {
        throw new TusException(
            TusError.INVALID_CONCAT, "Upload-Concat must be 'partial' or 'final;<url> <url> …'");
      }
    }
    if (concat != ConcatType.NONE) {
      extensions.concatenation(); // refused before anything else without the extension
    }
    if (concat == ConcatType.FINAL) {
      createFinal(request, response, caller, metadata, now, expires, parts);
      return;
    }
    Long length = requestedLength(request);
    if (TusHeaders.hasBody(request)) {
      TusHeaders.requireOffsetContentType(request); // before anything is created
    }
    NewUpload upload =
        new NewUpload(length, metadata, caller.name(), now, expires, concat, List.of());
    hooks.beforeCreate(upload, caller);
    UploadInfo info = limits.admitCreation(caller, length, () -> store.create(upload));
    log.debug("created upload {} ({} bytes) for {}", info.id(), length, caller.name());
    UploadInfo created = info;
    try {
      if (TusHeaders.hasBody(request)) {
        try (UploadLocker.UploadLock lock = lockOrThrow(info.id())) {
          info = write(request, info, null, caller);
        }
      } else if (info.isFinished() && info.concat() == ConcatType.NONE) {
        try (UploadLocker.UploadLock lock = lockOrThrow(info.id())) {
          info = complete(info); // a zero-length upload is complete at creation
        }
      }
    } catch (UploadInterruptedException e) {
      announce(request, response, created); // bytes acknowledged: the client may resume
      throw e;
    } catch (TusException e) {
      if (e.error() == TusError.COMPLETION_FAILED) {
        announce(request, response, created); // all bytes kept: the next PATCH retries
        throw e;
      }
      discard(created.id());
      throw new TusException(e.error(), e.getMessage()); // refused whole: no offset to resume
    } catch (IOException | RuntimeException e) {
      discard(created.id());
      throw e;
    }
    announce(request, response, created);
    response.setHeader("Upload-Offset", Long.toString(info.offset()));
    response.setStatus(201);
  }

  /** The headers of a created upload; sent only once it is known to stay. */
  private void announce(HttpServletRequest request, HttpServletResponse response, UploadInfo info) {
    response.setHeader("Location", TusHeaders.location(request, info.id()));
    expiresHeader(response, info);
  }

  /** {@code Upload-Expires} of an unfinished upload, if uploads expire (expiration extension). */
  private void expiresHeader(HttpServletResponse response, UploadInfo info) {
    if (extensions.expiring() && !info.completed()) {
      response.setHeader("Upload-Expires", HttpDates.format(info.expires()));
    }
  }

  /** Removes an upload a creation made and then refused, so that nothing is left orphaned. */
  private void discard(String id) throws IOException {
    extensions.remove(id);
    log.debug("refused creation of upload {}; removed it", id);
  }

  private void createFinal(
      HttpServletRequest request,
      HttpServletResponse response,
      TusCaller caller,
      UploadMetadata metadata,
      Instant now,
      Instant expires,
      List<String> parts)
      throws TusException, IOException, InterruptedException {
    long total = 0;
    for (String part : parts) {
      UploadInfo info =
          store
              .find(part)
              .filter(caller::mayAccess)
              .orElseThrow(() ->
                  new TusException(TusError.INVALID_CONCAT, "unknown partial upload " + part));
      if (info.concat() != ConcatType.PARTIAL || !info.isFinished()) {
        throw new TusException(
            TusError.INVALID_CONCAT, "upload " + part + " is not a finished partial upload");
      }
      total += info.length();
    }
    if (total > settings.maxSize()) {
      throw new TusException(
          TusError.MAX_SIZE_EXCEEDED,
          "the parts add up to " + total + " bytes, over Tus-Max-Size " + settings.maxSize());
    }
    NewUpload upload =
        new NewUpload(total, metadata, caller.name(), now, expires, ConcatType.FINAL, parts);
    hooks.beforeCreate(upload, caller);
    // floor only, no quota check: the parts already count, and the final replaces them
    limits.requireFloor(total, null);
    UploadInfo info = store.create(upload);
    try (UploadLocker.UploadLock lock = lockOrThrow(info.id())) {
      extensions.concatenation().concatenate(info.id(), parts);
      info = store.find(info.id()).orElseThrow();
      complete(info);
    } catch (TusException | IOException | RuntimeException e) {
      discard(info.id()); // a final cannot be patched, so it cannot be retried: the parts stay
      throw e;
    }
    for (String part : parts) {
      extensions.remove(part);
    }
    response.setHeader("Location", TusHeaders.location(request, info.id()));
    response.setHeader("Upload-Offset", Long.toString(total));
    response.setStatus(201);
  }

  private void head(HttpServletResponse response, String id, TusCaller caller)
      throws TusException, IOException, InterruptedException {
    UploadInfo info = findAccessible(id, caller);
    if (needsCompletion(info)) {
      // all bytes arrived but the completion was interrupted (a crash): finish it before answering,
      // since a client that sees offset == length sends no further PATCH
      try (UploadLocker.UploadLock lock = lockOrThrow(id)) {
        info = findAccessible(id, caller);
        if (needsCompletion(info)) {
          info = complete(info);
        }
      }
    }
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Upload-Offset", Long.toString(info.offset()));
    if (info.length() != null) {
      response.setHeader("Upload-Length", Long.toString(info.length()));
    } else {
      response.setHeader("Upload-Defer-Length", "1");
    }
    if (!info.metadata().values().isEmpty()) {
      response.setHeader("Upload-Metadata", info.metadata().toHeader());
    }
    expiresHeader(response, info);
    switch (info.concat()) {
      case PARTIAL -> response.setHeader("Upload-Concat", "partial");
      case FINAL -> response.setHeader("Upload-Concat", "final;" + String.join(" ", info.parts()));
      case NONE -> {}
    }
    response.setStatus(200);
  }

  private void patch(
      HttpServletRequest request, HttpServletResponse response, String id, TusCaller caller)
      throws TusException, IOException, InterruptedException {
    TusHeaders.requireOffsetContentType(request);
    long clientOffset = TusHeaders.parseOffset(request.getHeader("Upload-Offset"));
    UploadInfo found = findAccessible(id, caller);
    if (found.concat() == ConcatType.FINAL) {
      throw new TusException(
          TusError.MODIFY_FINAL,
          "a final upload is assembled from its parts and cannot be patched");
    }
    try (UploadLocker.UploadLock lock = lockOrThrow(id)) {
      UploadInfo info = findAccessible(id, caller); // fresh offset, under the lock
      if (clientOffset != info.offset()) {
        throw new TusException(
            TusError.MISMATCHED_OFFSET,
            "Upload-Offset is "
                + clientOffset
                + " but the upload has "
                + info.offset()
                + " bytes; HEAD it and resume from there");
      }
      if (info.completed()) {
        if (request.getContentLengthLong() > 0) {
          throw new TusException(
              TusError.SIZE_EXCEEDED, "the upload is complete; no more bytes fit");
        }
        response.setHeader("Upload-Offset", Long.toString(info.offset()));
        response.setStatus(204);
        return;
      }
      String lengthHeader = request.getHeader("Upload-Length");
      if (lengthHeader != null) {
        long length = TusHeaders.parseLength(lengthHeader);
        if (info.length() == null) {
          if (length < info.offset()) {
            throw new TusException(
                TusError.INVALID_LENGTH,
                "Upload-Length " + length + " is below the offset " + info.offset());
          }
          checkMaxSize(length);
          UploadInfo current = info;
          info =
              limits.admitLength(
                  caller, info, length, () -> extensions.deferral().declareLength(current, length));
        } else if (length != info.length()) {
          throw new TusException(
              TusError.LENGTH_ALREADY_SET, "Upload-Length is already " + info.length());
        }
      }
      String checksumHeader = request.getHeader("Upload-Checksum");
      UploadChecksum checksum =
          checksumHeader == null ? null : UploadChecksum.parse(checksumHeader);
      info = write(request, info, checksum, caller);
      response.setHeader("Upload-Offset", Long.toString(info.offset()));
      expiresHeader(response, info);
      response.setStatus(204);
    }
  }

  /** Appends the request body, refreshes the expiry, and completes the upload when it is full. */
  private UploadInfo write(
      HttpServletRequest request,
      UploadInfo info,
      @Nullable UploadChecksum checksum,
      TusCaller caller)
      throws TusException, IOException {
    long room = (info.length() != null ? info.length() : settings.maxSize()) - info.offset();
    long declared = request.getContentLengthLong();
    if (declared > room) {
      throw new TusException(
          TusError.SIZE_EXCEEDED,
          "the body has "
              + declared
              + " bytes but only "
              + room
              + " fit before the end of the upload");
    }
    UploadInfo updated;
    TusObserver told = observer;
    told.transferStarted();
    try (UploadLimits.Write limit =
        limits.beginWrite(caller, info, room, declared, request.getInputStream())) {
      IOException failure = null;
      try {
        store.append(info.id(), limit.body(), limit.maxBytes(), checksum);
      } catch (IOException e) {
        failure = e; // the client went away; what arrived is kept
      } catch (TusException e) {
        throw limit.explain(e, info.offset());
      }
      updated =
          store
              .find(info.id())
              .orElseThrow()
              .withExpires(clock.instant().plus(settings.expiration()));
      store.update(updated);
      told.received(Math.max(0, updated.offset() - info.offset()));
      if (failure != null) {
        log.debug(
            "upload {} interrupted at offset {}: {}",
            info.id(),
            updated.offset(),
            failure.toString());
        throw new UploadInterruptedException(updated.offset(), failure);
      }
      limit.requireWhole(updated.offset());
    } finally {
      told.transferEnded();
    }
    if (updated.isFinished() && updated.concat() == ConcatType.NONE && !updated.completed()) {
      updated = complete(updated);
    }
    return updated;
  }

  private UploadInfo complete(UploadInfo info) throws TusException, IOException {
    try {
      hooks.completed(info, store);
    } catch (Exception e) {
      log.error("completing upload {} failed; the next PATCH retries", info.id(), e);
      throw new TusException(
          TusError.COMPLETION_FAILED,
          "the upload arrived whole but could not be processed; retry the last PATCH");
    }
    UploadInfo completed = info.asCompleted();
    store.update(completed);
    observer.completed(completed);
    log.atDebug()
        .setMessage("upload finished")
        .addKeyValue("upload", completed.id())
        .addKeyValue("user", completed.creator())
        .addKeyValue("bytes", completed.offset())
        .log();
    return completed;
  }

  private void terminate(HttpServletResponse response, String id, TusCaller caller)
      throws TusException, IOException, InterruptedException {
    TerminatingUploadStore termination = extensions.termination();
    if (termination == null) {
      throw methodNotAllowed(response, id); // the Allow header omits DELETE
    }
    UploadInfo info = store.find(id).filter(caller::mayAccess).orElseThrow(() -> notFound(id));
    try (UploadLocker.UploadLock lock = lockOrThrow(info.id())) {
      termination.delete(id);
    }
    response.setStatus(204);
  }

  private UploadInfo findAccessible(String id, TusCaller caller) throws TusException, IOException {
    UploadInfo info = store.find(id).filter(caller::mayAccess).orElseThrow(() -> notFound(id));
    if (extensions.expiring() && info.isExpired(clock.instant())) {
      throw new TusException(
          TusError.EXPIRED, "upload " + id + " expired at " + HttpDates.format(info.expires()));
    }
    return info;
  }

  private UploadLocker.UploadLock lockOrThrow(String id) throws TusException, InterruptedException {
    return locker
        .tryLock(id, settings.lockWait())
        .orElseThrow(() ->
            new TusException(
                TusError.LOCKED, "another request is writing upload " + id + "; retry shortly"));
  }

  private @Nullable Long requestedLength(HttpServletRequest request) throws TusException {
    String length = request.getHeader("Upload-Length");
    String defer = request.getHeader("Upload-Defer-Length");
    if (length != null && defer != null) {
      throw new TusException(
          TusError.INVALID_LENGTH, "send either Upload-Length or Upload-Defer-Length, not both");
    }
    if (defer != null) {
      extensions.deferral(); // refused without creation-defer-length
      if (!defer.strip().equals("1")) {
        throw new TusException(TusError.INVALID_LENGTH, "Upload-Defer-Length must be 1");
      }
      return null;
    }
    if (length == null) {
      throw new TusException(
          TusError.INVALID_LENGTH, "Upload-Length or Upload-Defer-Length: 1 is required");
    }
    long value = TusHeaders.parseLength(length);
    checkMaxSize(value);
    return value;
  }

  private void checkMaxSize(long length) throws TusException {
    if (length > settings.maxSize()) {
      throw new TusException(
          TusError.MAX_SIZE_EXCEEDED,
          "Upload-Length " + length + " is over Tus-Max-Size " + settings.maxSize());
    }
  }

  private String requireId(@Nullable String id, HttpServletResponse response) throws TusException {
    if (id == null) {
      throw methodNotAllowed(response, null);
    }
    return id;
  }

  private TusException methodNotAllowed(HttpServletResponse response, @Nullable String id) {
    response.setHeader("Allow", id == null ? "POST, OPTIONS" : extensions.allowOnUpload());
    return new TusException(TusError.METHOD_NOT_ALLOWED, "see the Allow header");
  }

  private static TusException notFound(String id) {
    return new TusException(TusError.NOT_FOUND, "no upload " + id);
  }
}
