package io.videokit.core.tus;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * A store that can list uploads past their expiry, so that {@link TusHandler#removeExpired()} can
 * remove them: the tus expiration extension. Removing needs {@link #delete}, so an expiring store
 * is also a terminating one. Without it the handler sends no {@code Upload-Expires} and uploads do
 * not expire.
 */
public interface ExpiringUploadStore extends TerminatingUploadStore {

  /**
   * Uploads due for removal: unfinished ones past their expiry, and completed ones whose state has
   * been kept past their expiry.
   *
   * @param now the current instant
   * @return their ids
   * @throws IOException if the store cannot be listed
   */
  List<String> expired(Instant now) throws IOException;
}
