package io.videokit.autoconfigure.cloudflare.app;

import io.videokit.video.Video;
import io.videokit.video.VideoOptions;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An application entity with a downloadable Cloudflare video attribute. */
@Entity
@Table(name = "test_post")
public class Post {

  @Id @GeneratedValue private Long id;

  private String title;

  @JdbcTypeCode(SqlTypes.JSON)
  @VideoOptions(downloadable = true)
  private Video video;

  /** For JPA. */
  protected Post() {}

  /**
   * A post.
   *
   * @param title its title
   * @param video its video, or null
   */
  public Post(String title, Video video) {
    this.title = title;
    this.video = video;
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
   * Title.
   *
   * @return the title
   */
  public String getTitle() {
    return title;
  }

  /**
   * Video.
   *
   * @return the video
   */
  public Video getVideo() {
    return video;
  }

  /**
   * Sets the video.
   *
   * @param video the video
   */
  public void setVideo(Video video) {
    this.video = video;
  }
}
