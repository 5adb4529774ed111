package io.videokit.core.tus;

import io.videokit.core.storage.MediaNotFoundException;
import io.videokit.core.storage.MediaObject;
import io.videokit.core.storage.MediaStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * Uploads on the local disk: {@code <id>.bin} holds the bytes received, {@code <id>.json} the
 * state. The offset is the size of {@code <id>.bin}, so it can never disagree with the bytes after
 * a crash. State files are replaced atomically; appends are forced to disk before a PATCH is
 * acknowledged, so an acknowledged byte survives a crash, and a state file is forced with its
 * directory before a creation, a declared length or a completion is answered.
 *
 * <p>A finished upload's bytes are handed to media storage through a hard link (a copy where the
 * file system has none) and {@code <id>.bin} is removed only once the upload's state says {@code
 * completed}: until then a crash at any step leaves the bytes here and the completion can run
 * again.
 *
 * <p>It implements every optional part of the store SPI: termination, concatenation,
 * creation-defer-length and expiration.
 */
public final class LocalUploadStore
    implements ExpiringUploadStore, ConcatenatingUploadStore, LengthDeferringUploadStore {

  /** Idle copy buffers kept for the next PATCHes (more are made while busier). */
  private static final int POOLED_BUFFERS = 4;

  private final Path directory;
  private final Opener opener;
  private final UploadStateFiles states;

  /**
   * Bytes of a PATCH body between two background write-backs ({@link BodyAppender}'s sync-ahead),
   * so the PATCH's final force finds at most about this much left to write.
   */
  static final long SYNC_AHEAD_BYTES = 8L * 1024 * 1024;

  /** Runs the background forces of all stores: daemon threads, gone after a minute idle. */
  private static final ExecutorService SYNCS =
      Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "videokit-upload-sync");
        thread.setDaemon(true);
        return thread;
      });

  private final BodyAppender appender =
      new BodyAppender(BodyAppender.BUFFER, POOLED_BUFFERS, SYNC_AHEAD_BYTES, SYNCS);

  /**
   * Creates the store, creating its directory if needed.
   *
   * @param directory where uploads are kept; should not be inside the media root
   * @throws IOException if the directory cannot be created
   */
  public LocalUploadStore(Path directory) throws IOException {
    this(directory, FileChannel::open);
  }

  /** Creates the store with the given way to open the files it writes and forces (tests). */
  LocalUploadStore(Path directory, Opener opener) throws IOException {
    Files.createDirectories(directory);
    this.directory = directory.toRealPath();
    this.opener = opener;
    this.states = new UploadStateFiles(this.directory, opener);
  }

  /**
   * Opens the files the store writes and forces (appends, state files, the directory for its
   * entries); {@link FileChannel#open} outside tests.
   */
  @FunctionalInterface
  interface Opener {
    FileChannel open(Path path, OpenOption... options) throws IOException;
  }

  @Override
  public UploadInfo create(NewUpload upload) throws IOException {
    String id = UploadIds.random();
    Files.createFile(data(id));
    UploadInfo info =
        new UploadInfo(
            id,
            upload.length(),
            0,
            upload.metadata(),
            upload.creator(),
            upload.created(),
            upload.expires(),
            upload.concat(),
            upload.parts(),
            false);
    states.write(info, true);
    return info;
  }

  @Override
  public Optional<UploadInfo> find(String id) throws IOException {
    if (!UploadIds.isValid(id)) {
      return Optional.empty();
    }
    // The bytes first, then the state: completion writes the completed state before it removes
    // <id>.bin, so a missing <id>.bin read before the state means the state read after it is the
    // completed one (or the upload is gone). The other order loses an upload being completed
    // under an unlocked HEAD: the old state, then no bytes (LocalUploadStoreConcurrencyTest).
    long size;
    try {
      size = Files.size(data(id));
    } catch (NoSuchFileException e) {
      size = -1;
    }
    UploadStateFiles.Stored stored;
    try {
      stored = states.read(state(id));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    long offset;
    if (stored.completed() && stored.length() != null) {
      offset = stored.length();
    } else if (size >= 0) {
      offset = size;
    } else {
      return Optional.empty();
    }
    if (stored.length() != null && offset > stored.length()) {
      offset = stored.length();
    }
    return Optional.of(stored.toInfo(offset));
  }

  @Override
  public long append(String id, InputStream body, long maxBytes, @Nullable UploadChecksum checksum)
      throws TusException, IOException {
    Path target = data(id);
    if (checksum == null) {
      try (FileChannel out =
          opener.open(target, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        long[] copied = {0};
        try {
          appender.copy(body, out, maxBytes, null, copied, true);
        } finally {
          out.force(false); // what makes the PATCH durable, before the offset is answered
        }
        return copied[0];
      }
    }
    Path chunk = directory.resolve(id + ".chunk");
    try {
      MessageDigest digest = checksum.algorithm().newDigest();
      long[] copied = {0};
      try (FileChannel out =
          opener.open(
              chunk,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        appender.copy(body, out, maxBytes, digest, copied);
      }
      if (!MessageDigest.isEqual(digest.digest(), checksum.expected())) {
        throw new TusException(
            TusError.CHECKSUM_MISMATCH,
            "the "
                + copied[0]
                + " bytes received do not match the "
                + checksum.algorithm().tusName()
                + " checksum; the chunk was discarded, the offset is unchanged");
      }
      try (FileChannel in = FileChannel.open(chunk, StandardOpenOption.READ);
          FileChannel out =
              opener.open(target, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        long position = 0;
        while (position < copied[0]) {
          position += in.transferTo(position, copied[0] - position, out);
        }
        out.force(false);
      }
      return copied[0];
    } finally {
      Files.deleteIfExists(chunk);
    }
  }

  @Override
  public void update(UploadInfo info) throws IOException {
    states.write(info, info.completed()); // a completion, forced; else a PATCH's new expiry
    if (info.completed()) {
      Files.deleteIfExists(data(info.id())); // handed to media storage; the state keeps the length
    }
  }

  @Override
  public UploadInfo declareLength(UploadInfo info, long length) throws IOException {
    UploadInfo declared = info.withLength(length);
    states.write(declared, true);
    return declared;
  }

  @Override
  public long concatenate(String finalId, List<String> partIds) throws IOException {
    Path target = data(finalId);
    long total = 0;
    try (FileChannel out =
        FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      for (String part : partIds) {
        try (FileChannel in = FileChannel.open(data(part), StandardOpenOption.READ)) {
          long size = in.size();
          long position = 0;
          while (position < size) {
            position += in.transferTo(position, size - position, out);
          }
          total += size;
        }
      }
      out.force(false);
    } catch (IOException e) {
      Files.write(target, new byte[0]);
      throw e;
    }
    return total;
  }

  @Override
  public InputStream openData(String id) throws IOException {
    return Files.newInputStream(data(id));
  }

  @Override
  public MediaObject transferTo(String id, MediaStorage storage, String key)
      throws MediaNotFoundException, IOException {
    Path staged = directory.resolve(id + ".publish");
    Files.deleteIfExists(staged);
    try {
      try {
        Files.createLink(staged, data(id)); // same bytes under a second name: no copy
      } catch (UnsupportedOperationException | FileSystemException e) {
        copyDurably(data(id), staged);
      }
      return storage.put(key, staged); // moves the staged name; <id>.bin stays until completed
    } finally {
      Files.deleteIfExists(staged);
    }
  }

  private static void copyDurably(Path source, Path target) throws IOException {
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
        FileChannel out =
            FileChannel.open(
                target,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
      long size = in.size();
      long position = 0;
      while (position < size) {
        position += in.transferTo(position, size - position, out);
      }
      out.force(true);
    }
  }

  @Override
  public List<String> ids() throws IOException {
    List<String> ids = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
      for (Path state : files) {
        String id = state.getFileName().toString().replace(".json", "");
        if (UploadIds.isValid(id)) {
          ids.add(id);
        }
      }
    }
    return ids;
  }

  @Override
  public boolean delete(String id) throws IOException {
    if (!UploadIds.isValid(id)) {
      return false;
    }
    boolean existed = Files.deleteIfExists(state(id));
    Files.deleteIfExists(data(id));
    Files.deleteIfExists(directory.resolve(id + ".chunk"));
    Files.deleteIfExists(directory.resolve(id + ".publish"));
    return existed;
  }

  @Override
  public List<String> expired(Instant now) throws IOException {
    List<String> ids = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
      for (Path state : files) {
        String id = state.getFileName().toString().replace(".json", "");
        try {
          UploadStateFiles.Stored stored = states.read(state);
          if (now.isAfter(stored.expires())) {
            ids.add(id);
          }
        } catch (NoSuchFileException e) {
          // removed meanwhile
        }
      }
    }
    return ids;
  }

  @Override
  public List<UploadInfo> unfinished(String creator) throws IOException {
    List<UploadInfo> uploads = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
      for (Path state : files) {
        try {
          UploadStateFiles.Stored stored = states.read(state);
          if (!stored.completed() && stored.creator().equals(creator)) {
            find(stored.id()).ifPresent(uploads::add);
          }
        } catch (NoSuchFileException e) {
          // removed meanwhile
        }
      }
    }
    return uploads;
  }

  private Path data(String id) {
    return directory.resolve(id + ".bin");
  }

  private Path state(String id) {
    return states.path(id);
  }
}
