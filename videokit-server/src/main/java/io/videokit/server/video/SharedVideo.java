package io.videokit.server.video;

import io.videokit.video.Video;
import io.videokit.video.VideoOptions;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A video a user shared on the reference server, held by whichever provider it was uploaded to
 * (this server, {@code local}, or Cloudflare Stream): the demo of a {@link Video} entity attribute.
 * The application only sets the uid the browser got back from its upload; videokit's background
 * jobs keep the attribute in step with the provider (provider, state, duration, playback URLs),
 * create the MP4 download where the provider offers one ({@code downloadable}), and delete the
 * provider's video when the row is deleted.
 *
 * <p>The table ({@code server_shared_video}) is created by the server's own Flyway migration
 * ({@code db/server/{vendor}}).
 */
@Entity
@Table(name = "server_shared_video")
public class SharedVideo {

  /** Database identity. */
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  /** Shown in listings. */
  @Column(nullable = false, length = 200)
  private String title;

  /** The principal that shared it. */
  @Column(nullable = false)
  private String owner;

  /** When it was shared. */
  @Column(nullable = false)
  private Instant created;

  /** The video, as a JSON document kept up to date by videokit. */
  @JdbcTypeCode(SqlTypes.JSON)
  @VideoOptions(downloadable = true)
  @Column(nullable = false)
  private Video video;

  /** For JPA. */
  protected SharedVideo() {}

  /**
   * A new shared video.
   *
   * @param title its title
   * @param owner who shares it
   * @param created when
   * @param video the video, usually {@link Video#ofUid(String)}
   */
  public SharedVideo(String title, String owner, Instant created, Video video) {
    this.title = title;
    this.owner = owner;
    this.created = created;
    this.video = video;
  }

  /**
   * Database identity.
   *
   * @return the id, null before the first save
   */
  public Long getId() {
    return id;
  }

  /**
   * The title.
   *
   * @return the title
   */
  public String getTitle() {
    return title;
  }

  /**
   * Who shared it.
   *
   * @return the principal's name
   */
  public String getOwner() {
    return owner;
  }

  /**
   * When it was shared.
   *
   * @return the instant
   */
  public Instant getCreated() {
    return created;
  }

  /**
   * The video as last synchronised.
   *
   * @return the video
   */
  public Video getVideo() {
    return video;
  }
}
