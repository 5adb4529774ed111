package io.videokit.autoconfigure.cloudflare.app;

import io.videokit.video.Video;
import io.videokit.video.VideoOptions;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A second entity: not downloadable, not trimmed, keeps its video at Cloudflare when removed. */
@Entity
@Table(name = "test_note")
public class Note {

  @Id @GeneratedValue private Long id;

  @JdbcTypeCode(SqlTypes.JSON)
  @VideoOptions(trim = false, deleteWhenRemoved = false)
  private Video attachment;

  /** For JPA. */
  protected Note() {}

  /**
   * A note.
   *
   * @param attachment its video
   */
  public Note(Video attachment) {
    this.attachment = attachment;
  }

  /**
   * Id.
   *
   * @return the id
   */
  public Long getId() {
    return id;
  }

  /**
   * Attachment.
   *
   * @return the video
   */
  public Video getAttachment() {
    return attachment;
  }
}
