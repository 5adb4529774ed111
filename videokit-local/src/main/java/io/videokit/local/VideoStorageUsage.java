package io.videokit.local;

import io.videokit.core.tus.UserUsage;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The per-user quota's stored bytes on the self-hosted provider: the sizes of the user's videos.
 * (Their unfinished uploads are counted by the tus handler from the upload store.)
 */
public class VideoStorageUsage implements UserUsage {

  private final VideoRepository repository;
  private final TransactionTemplate transactions;

  /**
   * Creates the usage source.
   *
   * @param repository the videos
   * @param transactions runs the query in a read-only transaction
   */
  public VideoStorageUsage(VideoRepository repository, TransactionTemplate transactions) {
    this.repository = repository;
    this.transactions = transactions;
    transactions.setReadOnly(true);
  }

  @Override
  public long storedBytes(String user) {
    Long bytes = transactions.execute(status -> repository.storedBytes(user));
    return bytes == null ? 0 : bytes;
  }
}
