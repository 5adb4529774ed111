package io.videokit.core.tus;

import java.io.IOException;

/**
 * A store that can remove uploads: the tus termination extension ({@code DELETE}). Without it the
 * handler answers {@code DELETE} with 405, and uploads it refused half-way through their creation,
 * or partial uploads a final upload replaced, stay in the store.
 */
public interface TerminatingUploadStore extends UploadStore {

  /**
   * Deletes an upload's bytes and state.
   *
   * @param id the upload id (any string; ids not of the store's shape are simply not found)
   * @return true if it existed
   * @throws IOException if deleting fails
   */
  boolean delete(String id) throws IOException;
}
