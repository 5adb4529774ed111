package io.videokit.core.tus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The state files of {@link LocalUploadStore}: {@code <id>.json} in the upload directory, holding
 * everything about an upload but its offset (which is the size of {@code <id>.bin}). A state file
 * is replaced atomically, never edited in place: a reader sees the old state or the new one.
 */
final class UploadStateFiles {

  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  private final Path directory;
  private final LocalUploadStore.Opener opener;
  private final JsonMapper json = JsonMapper.builder().build();

  /**
   * @param directory the upload directory (real path)
   * @param opener how the files written and forced are opened
   */
  UploadStateFiles(Path directory, LocalUploadStore.Opener opener) {
    this.directory = directory;
    this.opener = opener;
  }

  /** The state file of an upload, whether it exists or not. */
  Path path(String id) {
    return directory.resolve(id + ".json");
  }

  /**
   * Reads a state file.
   *
   * @throws java.nio.file.NoSuchFileException if there is none (the upload is gone)
   * @throws IOException if it cannot be read
   */
  Stored read(Path state) throws IOException {
    return json.readValue(Files.readAllBytes(state), Stored.class);
  }

  /**
   * Replaces the upload's state file atomically: a temporary file, renamed over it. A durable write
   * also forces the temporary file before the rename and the directory after it, so that the state
   * and the directory entries (the state's and, at creation, {@code <id>.bin}'s) survive a power
   * loss once the caller answers: a creation's 201, a declared length, a completion. The expiry a
   * PATCH moves forward is not forced: losing it only brings the expiry back.
   *
   * @throws IOException if the state cannot be written, forced or renamed
   */
  void write(UploadInfo info, boolean durable) throws IOException {
    Path temp = directory.resolve(info.id() + ".json.tmp");
    ByteBuffer bytes = ByteBuffer.wrap(json.writeValueAsBytes(Stored.of(info)));
    try (FileChannel out =
        opener.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      if (durable) {
        out.force(true);
      }
    }
    Files.move(
        temp, path(info.id()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    if (durable) {
      forceDirectory();
    }
  }

  /**
   * Forces the directory's entries to disk ({@code fsync} of the directory, as POSIX requires for a
   * created or renamed file to survive a power loss). Windows cannot open a directory as a channel,
   * and NTFS journals its entries itself: skipped there.
   */
  private void forceDirectory() throws IOException {
    if (WINDOWS) {
      return;
    }
    try (FileChannel entries = opener.open(directory, StandardOpenOption.READ)) {
      entries.force(true);
    }
  }

  /** The JSON shape of a state file. */
  record Stored(
      String id,
      @Nullable Long length,
      Map<String, String> metadata,
      String creator,
      Instant created,
      Instant expires,
      ConcatType concat,
      List<String> parts,
      boolean completed) {

    static Stored of(UploadInfo info) {
      return new Stored(
          info.id(),
          info.length(),
          info.metadata().values(),
          info.creator(),
          info.created(),
          info.expires(),
          info.concat(),
          info.parts(),
          info.completed());
    }

    UploadInfo toInfo(long offset) {
      return new UploadInfo(
          id,
          length,
          offset,
          new UploadMetadata(metadata),
          creator,
          created,
          expires,
          concat,
          parts,
          completed);
    }
  }
}
