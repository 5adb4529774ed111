package io.videokit.core.tus;

import java.io.IOException;

/**
 * How many bytes a user already keeps outside the upload store: the per-user quota ({@link
 * TusSettings#quotaPerUser()}) adds these to the bytes of the user's unfinished uploads, which the
 * handler counts itself from the {@link UploadStore}.
 *
 * <p>The self-hosted provider answers with the sizes of the user's videos.
 */
@FunctionalInterface
public interface UserUsage {

  /** Nothing stored outside the upload store: only unfinished uploads count. */
  UserUsage NONE = user -> 0;

  /**
   * The bytes a user's finished uploads occupy (e.g. their videos in media storage).
   *
   * @param user the principal's name, as recorded as an upload's creator
   * @return bytes, {@code >= 0}
   * @throws IOException if the figure cannot be read
   */
  long storedBytes(String user) throws IOException;
}
