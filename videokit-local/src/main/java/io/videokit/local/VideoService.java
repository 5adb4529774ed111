package io.videokit.local;

import io.videokit.core.media.TimeIndex;
import io.videokit.core.storage.MediaNotFoundException;
import io.videokit.core.storage.MediaObject;
import io.videokit.core.storage.MediaStorage;
import io.videokit.core.storage.MediaTypes;
import io.videokit.core.tus.UploadInfo;
import io.videokit.core.tus.UploadMetadata;
import io.videokit.core.tus.UploadStore;
import io.videokit.video.RetryPolicy;
import io.videokit.video.Video;
import io.videokit.video.VideoState;
import io.videokit.video.event.VideoDeletedEvent;
import io.videokit.video.event.VideoUploadedEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Self-hosted videos: created from finished uploads, listed, updated by processing, deleted with
 * their file. Every method runs in its own transaction; events are published after commit.
 */
public class VideoService {

  private static final Logger log = LoggerFactory.getLogger(VideoService.class);

  /**
   * Retries of a change that lost an optimistic-lock race: 12 attempts, waiting up to 10 ms after
   * the first, doubling to at most 320 ms, full jitter (so racing writers spread out).
   */
  private static final RetryPolicy UPDATE_RETRIES =
      new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(320), 12, 1);

  /** The name of the self-hosted provider, as written in a video's {@code provider} field. */
  public static final String PROVIDER = "local";

  private final VideoRepository repository;
  private final MediaStorage storage;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  /**
   * Creates the service.
   *
   * @param repository data access
   * @param storage where video files go
   * @param transactions transaction boundaries
   * @param events where {@link VideoUploadedEvent} and {@link VideoDeletedEvent} go
   * @param clock time source (UTC)
   */
  public VideoService(
      VideoRepository repository,
      MediaStorage storage,
      TransactionTemplate transactions,
      ApplicationEventPublisher events,
      Clock clock) {
    this.repository = repository;
    this.storage = storage;
    this.transactions = transactions;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Turns a finished tus upload into a video, as a recoverable sequence that may be repeated after
   * a crash at any step and always ends with exactly one video holding exactly the upload's bytes:
   *
   * <ol>
   *   <li>the video row is recorded first (state {@code queued}, key {@code videos/<uid>.<ext>}) —
   *       from then on every route, path streaming included, applies the video's access policy to
   *       that key;
   *   <li>the bytes are published under the key (the upload keeps its own copy until it is marked
   *       completed, so a crash here loses nothing and the retry publishes again);
   *   <li>the caller then queues processing and marks the upload completed.
   * </ol>
   *
   * <p>A step already done by an earlier, interrupted attempt is skipped: an existing row is kept,
   * an already published file of the upload's length is not copied again.
   *
   * @param upload the finished upload (its id becomes the uid)
   * @param store the upload store holding its bytes
   * @return the video
   * @throws IOException if the bytes cannot be published (the row stays; the next attempt resumes)
   * @throws MediaNotFoundException never in practice (the key is built here)
   */
  public Video createFromUpload(UploadInfo upload, UploadStore store)
      throws IOException, MediaNotFoundException {
    VideoEntity recorded = find(upload.id()).orElse(null);
    if (recorded == null) {
      recorded = record(upload);
    }
    String key = recorded.getStorageKey();
    if (!published(key, upload.length())) {
      MediaObject object = store.transferTo(upload.id(), storage, key);
      if (upload.length() != null && object.size() != upload.length()) {
        throw new IOException(
            "published "
                + object.size()
                + " bytes of upload "
                + upload.id()
                + ", expected "
                + upload.length());
      }
      log.atInfo()
          .setMessage("video {} uploaded by {} ({} bytes)")
          .addArgument(upload.id())
          .addArgument(upload.creator())
          .addArgument(object.size())
          .addKeyValue("uid", upload.id())
          .addKeyValue("user", upload.creator())
          .addKeyValue("bytes", object.size())
          .log();
    }
    Video video = recorded.getDocument();
    events.publishEvent(new VideoUploadedEvent(video.withProvider(PROVIDER)));
    return video;
  }

  /**
   * Makes a finished local file a video of this provider, e.g. a remuxed live recording, processed
   * like an upload afterwards (the caller queues it). The file is published under the video's key
   * first and the row recorded second, so a crash in between leaves no video without its bytes; a
   * repeated call with the same uid finds the video of the earlier one (and drops the new file).
   *
   * @param uid the video's uid (16–64 letters or digits), chosen by the caller so that a repeated
   *     import is recognised
   * @param creator who owns the video (a principal's name)
   * @param name its display name ({@code meta.name})
   * @param file the finished file, consumed by this call (moved into the media store); its name's
   *     extension gives the video's ({@code .mp4})
   * @return the video, state {@code queued} unless an earlier import was already processed
   * @throws IOException if the file cannot be published (no video is recorded then)
   * @throws IllegalArgumentException if {@code uid} is not a valid uid
   */
  public Video importFile(String uid, String creator, String name, Path file) throws IOException {
    Video.requireValidUid(uid);
    Optional<VideoEntity> earlier = find(uid);
    if (earlier.isPresent()) {
      Files.deleteIfExists(file);
      return earlier.get().getDocument();
    }
    String key = "videos/" + uid + "." + extension(file.getFileName().toString(), null);
    MediaObject object;
    try {
      object = storage.put(key, file);
    } catch (MediaNotFoundException e) {
      throw new IOException("the key " + key + " is not allowed", e);
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", name);
    meta.put(
        "filename",
        new UploadMetadata(Map.of("filename", name)).safeFilename().orElse(uid)
            + key.substring(key.lastIndexOf('.')));
    meta.put("filetype", MediaTypes.forFileName(key));
    VideoEntity entity =
        new VideoEntity(
            Video.uploaded(uid, PROVIDER, creator, meta, object.size(), clock.instant()), key);
    try {
      transactions.executeWithoutResult(status -> repository.insert(entity));
    } catch (RuntimeException e) {
      // another instance imported the same recording first: its row wins
      return find(uid).orElseThrow(() -> e).getDocument();
    }
    log.info("video {} imported for {} ({} bytes)", uid, creator, object.size());
    Video video = entity.getDocument();
    events.publishEvent(new VideoUploadedEvent(video.withProvider(PROVIDER)));
    return video;
  }

  private VideoEntity record(UploadInfo upload) {
    Map<String, Object> meta = new LinkedHashMap<>(upload.metadata().values());
    String filename = upload.metadata().safeFilename().orElse(upload.id());
    meta.put("filename", filename);
    meta.putIfAbsent("name", filename);
    String key =
        "videos/"
            + upload.id()
            + "."
            + extension(filename, upload.metadata().get("filetype").orElse(null));
    meta.put("filetype", MediaTypes.forFileName(key));
    long size = upload.length() != null ? upload.length() : upload.offset();
    Video video =
        Video.uploaded(upload.id(), PROVIDER, upload.creator(), meta, size, clock.instant());
    VideoEntity entity = new VideoEntity(video, key);
    transactions.executeWithoutResult(status -> repository.insert(entity));
    return entity;
  }

  private boolean published(String key, @Nullable Long length) throws IOException {
    try {
      return length != null && storage.get(key).size() == length;
    } catch (MediaNotFoundException e) {
      return false;
    }
  }

  /**
   * Finds a video row.
   *
   * @param uid the uid (any string; invalid ones are not found)
   * @return the row
   */
  public Optional<VideoEntity> find(String uid) {
    if (!Video.isValidUid(uid)) {
      return Optional.empty();
    }
    return transactions.execute(status -> repository.find(uid));
  }

  /**
   * One page of videos, newest first.
   *
   * @param creator only this creator's videos, or null for everyone's
   * @param state only videos in this state, or null
   * @param page zero-based page
   * @param size page size, at least 1
   * @return the page's videos and the number of matching videos in all
   */
  public Listing list(@Nullable String creator, @Nullable VideoState state, int page, int size) {
    return transactions.execute(status ->
        new Listing(
            repository.list(creator, state, page, size).stream()
                .map(VideoEntity::getDocument)
                .toList(),
            repository.count(creator, state)));
  }

  /**
   * One page of videos.
   *
   * @param items the videos on the page
   * @param total how many videos match in all
   */
  public record Listing(List<Video> items, long total) {}

  /**
   * Changes a video's document, retrying with jittered backoff when another change won the race
   * (optimistic locking on the row's version), so no concurrent change is lost.
   *
   * @param uid the uid
   * @param change computes the new document from the current one
   * @return the new document, or empty if the video no longer exists
   */
  public Optional<Video> update(String uid, UnaryOperator<Video> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transactions.execute(status ->
            repository
                .find(uid)
                .map(entity -> {
                  entity.setDocument(change.apply(entity.getDocument()), clock.instant());
                  return entity.getDocument();
                }));
      } catch (ConcurrencyFailureException e) {
        if (attempt >= UPDATE_RETRIES.maxAttempts()) {
          throw e;
        }
        backOff(attempt);
      }
    }
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(UPDATE_RETRIES.delay(attempt, ThreadLocalRandom.current()).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a video update", e);
    }
  }

  /**
   * Deletes a video and its file; who may is the caller's decision (the web layer checks the
   * creator or staff). Deleting a video that does not exist is not an error.
   *
   * @param uid the uid
   * @return true if it existed
   */
  public boolean delete(String uid) {
    Optional<VideoEntity> found = find(uid);
    if (found.isEmpty()) {
      return false;
    }
    remove(found.get());
    return true;
  }

  private void remove(VideoEntity entity) {
    String uid = entity.getUid();
    transactions.executeWithoutResult(status -> repository.find(uid).ifPresent(repository::delete));
    try {
      storage.delete(entity.getStorageKey());
      storage.delete(TimeIndex.keyFor(entity.getStorageKey()));
    } catch (IOException | MediaNotFoundException e) {
      log.warn("video {} deleted but its file could not be removed: {}", uid, e.toString());
    }
    log.atInfo()
        .setMessage("video {} deleted")
        .addArgument(uid)
        .addKeyValue("uid", uid)
        .addKeyValue("user", entity.getCreator())
        .log();
    events.publishEvent(new VideoDeletedEvent(entity.getDocument().withProvider(PROVIDER)));
  }

  static String extension(String filename, @Nullable String filetype) {
    int dot = filename.lastIndexOf('.');
    if (dot > 0) {
      String ext = filename.substring(dot + 1).toLowerCase(Locale.ROOT);
      if (ext.matches("[a-z0-9]{1,8}")) {
        return ext;
      }
    }
    if (filetype != null) {
      switch (filetype.toLowerCase(Locale.ROOT)) {
        case "video/mp4":
          return "mp4";
        case "video/webm":
          return "webm";
        case "video/quicktime":
          return "mov";
        case "video/x-matroska":
          return "mkv";
        default:
          break;
      }
    }
    return "bin";
  }
}
