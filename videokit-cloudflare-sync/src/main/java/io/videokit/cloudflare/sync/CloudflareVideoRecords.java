package io.videokit.cloudflare.sync;

import io.videokit.cloudflare.sync.CloudflareVideoRecord.SyncState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code videokit_cloudflare_video} table: upload ownership and synchronisation state, one row
 * per Cloudflare video uid. Joins the caller's transaction when there is one.
 */
public class CloudflareVideoRecords implements CloudflareSyncRecords {

  private static final int NOTE_LENGTH = 1000;

  private final JdbcClient jdbc;
  private final Clock clock;

  /**
   * The store.
   *
   * @param jdbc a client on videokit's data source
   * @param clock the clock
   */
  public CloudflareVideoRecords(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Records a new direct creator upload.
   *
   * @param uid the video's uid
   * @param creator the uploading principal
   */
  public void recordUpload(String uid, String creator) {
    insertIfAbsent(uid, creator, null);
  }

  /**
   * Records a clip made to replace an original, owned by the original's creator.
   *
   * @param clipUid the clip's uid
   * @param original the original's record
   */
  @Override
  public void recordClip(String clipUid, CloudflareVideoRecord original) {
    insertIfAbsent(clipUid, original.creator(), original.uid());
    jdbc.sql(
            "update videokit_cloudflare_video set clip_uid = ?, sync_state = ?, updated = ? where uid = ?")
        .params(clipUid, SyncState.TRIMMING.name(), now(), original.uid())
        .update();
  }

  /**
   * The record of a uid, created (without a creator) if absent.
   *
   * @param uid the video's uid
   * @return the record
   */
  @Override
  public CloudflareVideoRecord getOrCreate(String uid) {
    return find(uid)
        .orElseGet(() -> {
          insertIfAbsent(uid, null, null);
          return find(uid).orElseThrow();
        });
  }

  /**
   * The record of a uid.
   *
   * @param uid the video's uid
   * @return the record, or empty
   */
  @Override
  public Optional<CloudflareVideoRecord> find(String uid) {
    return jdbc.sql("select * from videokit_cloudflare_video where uid = ?")
        .param(uid)
        .query(CloudflareVideoRecords::map)
        .optional();
  }

  /**
   * Starts counting a synchronisation if none is running.
   *
   * @param uid the video's uid
   * @return the record after counting one more attempt
   */
  @Override
  public CloudflareVideoRecord countAttempt(String uid) {
    CloudflareVideoRecord record = getOrCreate(uid);
    boolean fresh =
        record.syncStarted() == null
            || record.syncState() != SyncState.SYNCING && record.syncState() != SyncState.PENDING;
    OffsetDateTime now = now();
    jdbc.sql(
            "update videokit_cloudflare_video set attempts = ?, sync_started = ?, updated = ? where uid = ?")
        .params(
            fresh ? 1 : record.attempts() + 1,
            fresh ? now : OffsetDateTime.ofInstant(record.syncStarted(), ZoneOffset.UTC),
            now,
            uid)
        .update();
    return find(uid).orElseThrow();
  }

  /**
   * Sets the synchronisation state.
   *
   * @param uid the video's uid
   * @param state the new state
   * @param note why, or null
   */
  @Override
  public void mark(String uid, SyncState state, @Nullable String note) {
    String trimmed =
        note != null && note.length() > NOTE_LENGTH ? note.substring(0, NOTE_LENGTH) : note;
    jdbc.sql(
            "update videokit_cloudflare_video set sync_state = ?, sync_note = ?, updated = ? where uid = ?")
        .params(state.name(), trimmed, now(), uid)
        .update();
  }

  /**
   * Records, before the request is sent, that the automatic-trim clip of a video is being asked for
   * (committed at once unless the caller holds a transaction).
   *
   * @param uid the original's uid
   * @return when (UTC)
   */
  @Override
  public Instant markClipRequested(String uid) {
    return markRequested(uid, "clip_requested");
  }

  /**
   * Forgets a clip request Cloudflare certainly did not act on (refused, or never sent).
   *
   * @param uid the original's uid
   */
  @Override
  public void clearClipRequested(String uid) {
    clearRequested(uid, "clip_requested");
  }

  /**
   * Records, before the request is sent, that the MP4 download of a video is being asked for.
   *
   * @param uid the video's uid
   * @return when (UTC)
   */
  @Override
  public Instant markDownloadRequested(String uid) {
    return markRequested(uid, "download_requested");
  }

  /**
   * Forgets a download request Cloudflare certainly did not act on (refused, or never sent).
   *
   * @param uid the video's uid
   */
  @Override
  public void clearDownloadRequested(String uid) {
    clearRequested(uid, "download_requested");
  }

  private Instant markRequested(String uid, String column) {
    OffsetDateTime now = now();
    jdbc.sql("update videokit_cloudflare_video set " + column + " = ?, updated = ? where uid = ?")
        .params(now, now, uid)
        .update();
    return now.toInstant();
  }

  private void clearRequested(String uid, String column) {
    jdbc.sql(
            "update videokit_cloudflare_video set " + column + " = null, updated = ? where uid = ?")
        .params(now(), uid)
        .update();
  }

  /**
   * Clears the link between a clip and the original it replaced.
   *
   * @param clipUid the clip
   * @param originalUid the original
   */
  @Override
  public void finishReplacement(String clipUid, String originalUid) {
    jdbc.sql("update videokit_cloudflare_video set replaces_uid = null, updated = ? where uid = ?")
        .params(now(), clipUid)
        .update();
    jdbc.sql("update videokit_cloudflare_video set clip_uid = null, updated = ? where uid = ?")
        .params(now(), originalUid)
        .update();
  }

  private void insertIfAbsent(String uid, @Nullable String creator, @Nullable String replaces) {
    if (find(uid).isPresent()) {
      return;
    }
    OffsetDateTime now = now();
    try {
      jdbc.sql(
              "insert into videokit_cloudflare_video (uid, creator, created, updated, sync_state,"
                  + " attempts, replaces_uid) values (?, ?, ?, ?, ?, 0, ?)")
          .params(uid, creator, now, now, SyncState.PENDING.name(), replaces)
          .update();
    } catch (DuplicateKeyException raced) {
      // another node recorded it first: fine
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private static CloudflareVideoRecord map(ResultSet rs, int row) throws SQLException {
    return new CloudflareVideoRecord(
        rs.getString("uid"),
        rs.getString("creator"),
        Objects.requireNonNull(instant(rs, "created")),
        Objects.requireNonNull(instant(rs, "updated")),
        SyncState.valueOf(rs.getString("sync_state")),
        rs.getString("sync_note"),
        rs.getInt("attempts"),
        instant(rs, "sync_started"),
        rs.getString("replaces_uid"),
        rs.getString("clip_uid"),
        instant(rs, "clip_requested"),
        instant(rs, "download_requested"));
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
