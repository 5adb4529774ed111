package io.videokit.cloudflare.sync;

import io.videokit.cloudflare.sync.CloudflareVideoRecord.SyncState;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link CloudflareVideoSync} reads and writes of videokit's own record of a Cloudflare video:
 * its synchronisation state, and the creating calls asked for (recorded before they are sent).
 * {@link CloudflareVideoRecords} implements it on JDBC; tests implement it in memory.
 */
public interface CloudflareSyncRecords {

  /**
   * The record of a uid.
   *
   * @param uid the video's uid
   * @return the record, or empty
   */
  Optional<CloudflareVideoRecord> find(String uid);

  /**
   * The record of a uid, created (without a creator) if absent.
   *
   * @param uid the video's uid
   * @return the record
   */
  CloudflareVideoRecord getOrCreate(String uid);

  /**
   * Counts one more attempt of the running synchronisation, or starts counting a new one (attempt
   * 1, started now) when none is running ({@code SYNCING} or {@code PENDING}); creates the record
   * if absent.
   *
   * @param uid the video's uid
   * @return the record after counting
   */
  CloudflareVideoRecord countAttempt(String uid);

  /**
   * Sets the synchronisation state.
   *
   * @param uid the video's uid
   * @param state the new state
   * @param note why, or null
   */
  void mark(String uid, SyncState state, @Nullable String note);

  /**
   * Records a clip made to replace an original (owned by the original's creator, replacing it), and
   * the clip on the original, now {@code TRIMMING}.
   *
   * @param clipUid the clip's uid
   * @param original the original's record
   */
  void recordClip(String clipUid, CloudflareVideoRecord original);

  /**
   * Clears the link between a clip and the original it replaced.
   *
   * @param clipUid the clip
   * @param originalUid the original
   */
  void finishReplacement(String clipUid, String originalUid);

  /**
   * Records, before the request is sent, that the automatic-trim clip of a video is being asked
   * for.
   *
   * @param uid the original's uid
   * @return when (UTC)
   */
  Instant markClipRequested(String uid);

  /**
   * Forgets a clip request Cloudflare certainly did not act on (refused, or never sent).
   *
   * @param uid the original's uid
   */
  void clearClipRequested(String uid);

  /**
   * Records, before the request is sent, that the MP4 download of a video is being asked for.
   *
   * @param uid the video's uid
   * @return when (UTC)
   */
  Instant markDownloadRequested(String uid);

  /**
   * Forgets a download request Cloudflare certainly did not act on (refused, or never sent).
   *
   * @param uid the video's uid
   */
  void clearDownloadRequested(String uid);
}
