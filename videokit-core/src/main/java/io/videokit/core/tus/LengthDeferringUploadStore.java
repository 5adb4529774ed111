package io.videokit.core.tus;

import java.io.IOException;

/**
 * A store that can keep an upload whose length is not known yet and learn it later: the tus
 * creation-defer-length extension. Without it the handler refuses {@code Upload-Defer-Length} with
 * 400, so such a store is only ever asked to {@link #create} uploads with a length.
 */
public interface LengthDeferringUploadStore extends UploadStore {

  /**
   * Fixes the length of an upload created without one; called once, under the upload's lock.
   *
   * @param info the upload's current state, its length still null
   * @param length the total length in bytes, at least the offset
   * @return the new state
   * @throws IOException if it cannot be persisted
   */
  UploadInfo declareLength(UploadInfo info, long length) throws IOException;
}
