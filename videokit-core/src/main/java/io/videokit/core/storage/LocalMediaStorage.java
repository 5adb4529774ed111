package io.videokit.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;

/**
 * Media storage on the local file system, confined to one root directory.
 *
 * <p>A key is resolved under the root, normalised, and its real path (symbolic links followed) must
 * still be under the root's real path; otherwise it is not found. The object found carries the
 * canonical key (its real path relative to the root), so rules keyed on a prefix cannot be dodged
 * through a link or an alias. Writes go to a hidden temporary file in the target directory and are
 * renamed into place atomically.
 */
public final class LocalMediaStorage implements MediaStorage {

  private final Path root;

  /**
   * Creates the storage, creating the root directory if needed.
   *
   * @param root the media root; relative paths are resolved against the working directory
   * @throws IOException if the root cannot be created
   */
  public LocalMediaStorage(Path root) throws IOException {
    Files.createDirectories(root);
    this.root = root.toRealPath();
  }

  /**
   * The root directory.
   *
   * @return the real, absolute path of the media root
   */
  public Path root() {
    return root;
  }

  @Override
  public MediaObject get(String key) throws MediaNotFoundException, IOException {
    // the real path below is checked against the root, so a read needs no walk of the parents
    Path file = underRoot(key);
    Path real;
    try {
      real = file.toRealPath();
    } catch (NoSuchFileException e) {
      throw new MediaNotFoundException("no such media: " + key);
    }
    if (!real.startsWith(root)) {
      throw new MediaNotFoundException("no such media: " + key);
    }
    BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      throw new MediaNotFoundException("no such media: " + key);
    }
    return new LocalMediaObject(canonicalKey(real), real, attributes);
  }

  /** The key of a real path under the root: the one name a file has, whatever link led to it. */
  private String canonicalKey(Path real) {
    String relative = root.relativize(real).toString(); // one string, not one per segment
    String separator = root.getFileSystem().getSeparator();
    return "/".equals(separator) ? relative : relative.replace(separator, "/");
  }

  @Override
  public MediaObject put(String key, Path source) throws MediaNotFoundException, IOException {
    Path target = confined(key);
    Files.createDirectories(target.getParent());
    try {
      Files.move(
          source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(target.getParent());
    } catch (AtomicMoveNotSupportedException e) {
      try (InputStream in = Files.newInputStream(source)) {
        put(key, in);
      }
      Files.deleteIfExists(source);
    }
    return get(key);
  }

  @Override
  public MediaObject put(String key, InputStream content)
      throws MediaNotFoundException, IOException {
    Path target = confined(key);
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), ".put-", ".tmp");
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        content.transferTo(Channels.newOutputStream(out));
        out.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(target.getParent());
    } finally {
      Files.deleteIfExists(temp);
    }
    return get(key);
  }

  @Override
  public boolean delete(String key) throws MediaNotFoundException, IOException {
    Path file = confined(key);
    if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    return Files.deleteIfExists(file);
  }

  /** Makes a rename in this directory durable where the platform allows it (POSIX does). */
  private static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // not supported here (e.g. Windows): the rename is still atomic, only not yet forced
    }
  }

  /** The key's path under the root, by its name only (no link is followed yet). */
  private Path underRoot(String key) throws MediaNotFoundException {
    String safe = MediaKeys.requireSafe(key);
    // a safe key has no '.', '..' or empty segment: resolving it gives a normal path already
    Path resolved = root.resolve(safe);
    if (!resolved.startsWith(root) || resolved.equals(root)) {
      throw new MediaNotFoundException("no such media: " + key);
    }
    return resolved;
  }

  /** The key's path under the root, where the nearest existing directory on the way is too. */
  private Path confined(String key) throws MediaNotFoundException, IOException {
    Path resolved = underRoot(key);
    // a linked directory on the way must not lead out of the root (put and delete follow it)
    Path existing = resolved.getParent();
    while (Files.notExists(existing)) {
      existing = existing.getParent();
    }
    if (!existing.toRealPath().startsWith(root)) {
      throw new MediaNotFoundException("no such media: " + key);
    }
    return resolved;
  }

  private record LocalMediaObject(String key, Path file, BasicFileAttributes attributes)
      implements MediaObject {

    @Override
    public long size() {
      return attributes.size();
    }

    @Override
    public Instant lastModified() {
      return attributes.lastModifiedTime().toInstant();
    }

    @Override
    public String etag() {
      return "\""
          + Long.toHexString(attributes.size())
          + "-"
          + Long.toHexString(attributes.lastModifiedTime().toMillis())
          + "\"";
    }

    @Override
    public String contentType() {
      return MediaTypes.forFileName(file.getFileName().toString());
    }

    @Override
    public InputStream openRange(long first, long last) throws IOException {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      channel.position(first);
      return new BoundedInputStream(Channels.newInputStream(channel), last - first + 1);
    }

    @Override
    public Optional<Path> localFile() {
      return Optional.of(file);
    }
  }
}
