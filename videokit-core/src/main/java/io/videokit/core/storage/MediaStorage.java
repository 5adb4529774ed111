package io.videokit.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where videos live: a root under which objects are addressed by relative keys.
 *
 * <p>Every implementation confines keys to its root ({@link MediaKeys#requireSafe}); a key that
 * escapes is reported as not found, never served.
 */
public interface MediaStorage {

  /**
   * Looks an object up for streaming.
   *
   * @param key relative key, e.g. {@code videos/abc.mp4}
   * @return the object
   * @throws MediaNotFoundException if there is no such object or the key is not allowed
   * @throws IOException if the storage cannot be read
   */
  MediaObject get(String key) throws MediaNotFoundException, IOException;

  /**
   * Stores a local file under a key, moving it when possible (same file system) and copying
   * otherwise. The object appears whole or not at all.
   *
   * @param key relative key to store under
   * @param source a local file, consumed by this call
   * @return the stored object
   * @throws MediaNotFoundException if the key is not allowed
   * @throws IOException if storing fails; nothing is left under the key then
   */
  MediaObject put(String key, Path source) throws MediaNotFoundException, IOException;

  /**
   * Stores bytes from a stream under a key, atomically.
   *
   * @param key relative key to store under
   * @param content the bytes; read to the end, not closed
   * @return the stored object
   * @throws MediaNotFoundException if the key is not allowed
   * @throws IOException if storing fails; nothing is left under the key then
   */
  MediaObject put(String key, InputStream content) throws MediaNotFoundException, IOException;

  /**
   * Deletes an object if it exists.
   *
   * @param key relative key
   * @return true if something was deleted
   * @throws MediaNotFoundException if the key is not allowed
   * @throws IOException if deleting fails
   */
  boolean delete(String key) throws MediaNotFoundException, IOException;
}
