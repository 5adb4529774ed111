package io.videokit.local;

import io.videokit.video.Video;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A self-hosted video: its Cloudflare-shaped JSON document plus the columns needed to find and
 * store it. The document is a JSON column ({@code json} on H2, {@code jsonb} on PostgreSQL),
 * queryable with HQL {@code json_value(v.document, '$.status.state')}.
 */
@Entity
@Table(name = "videokit_video")
public class VideoEntity {

  @Id
  @Column(length = 32)
  private String uid;

  @Column(nullable = false)
  private String creator;

  @Column(name = "storage_key", length = 1024)
  private String storageKey;

  @Column(nullable = false)
  private Instant created;

  @Column(nullable = false)
  private Instant updated;

  @Version private long version;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  private Video document;

  /** For JPA. */
  protected VideoEntity() {}

  /**
   * A new row for a video.
   *
   * @param document the video
   * @param storageKey where its file is in media storage
   */
  public VideoEntity(Video document, String storageKey) {
    this.uid = document.uid();
    this.creator = document.creator();
    this.created = document.created();
    this.updated = document.created();
    this.storageKey = storageKey;
    this.document = document;
  }

  /**
   * The uid.
   *
   * @return 32 hex characters
   */
  public String getUid() {
    return uid;
  }

  /**
   * The uploader.
   *
   * @return the principal's name
   */
  public String getCreator() {
    return creator;
  }

  /**
   * The file's key in media storage.
   *
   * @return e.g. {@code videos/<uid>.mp4}
   */
  public String getStorageKey() {
    return storageKey;
  }

  /**
   * The video document.
   *
   * @return the document
   */
  public Video getDocument() {
    return document;
  }

  /**
   * Replaces the document.
   *
   * @param document the new document (same uid)
   * @param now the change instant
   */
  public void setDocument(Video document, Instant now) {
    if (!document.uid().equals(uid)) {
      throw new IllegalArgumentException("uid cannot change");
    }
    this.document = document;
    this.updated = now;
  }

  /**
   * Last change.
   *
   * @return the instant (UTC)
   */
  public Instant getUpdated() {
    return updated;
  }
}
