package io.videokit.web.watch;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One viewer watching one video (or file): every range request of a viewing adds to the same row,
 * unlike django-sage-streaming's one row per request.
 */
@Entity
@Table(name = "videokit_watch_session")
public class WatchSessionEntity {

  @Id
  @Column(length = 36)
  private String id;

  @Column(name = "video_uid", length = 32)
  private String videoUid;

  @Column(name = "media_key", nullable = false, length = 1024)
  private String mediaKey;

  @Column(name = "viewer_key", nullable = false, length = 80)
  private String viewerKey;

  private String username;

  @Column(nullable = false)
  private boolean authenticated;

  @Column(name = "client_ip", nullable = false, length = 64)
  private String clientIp;

  @Column(name = "user_agent", length = 512)
  private String userAgent;

  @Column(nullable = false)
  private Instant started;

  @Column(name = "last_seen", nullable = false)
  private Instant lastSeen;

  @Column(name = "bytes_served", nullable = false)
  private long bytesServed;

  @Column(nullable = false)
  private int requests;

  /** The seconds of the video this session was served (see {@link WatchedSeconds}), or null. */
  @Column(name = "watched_seconds")
  private byte @Nullable [] watchedSeconds;

  /** For JPA. */
  protected WatchSessionEntity() {}

  WatchSessionEntity(WatchEvent event, String viewerKey) {
    this.id = UUID.randomUUID().toString();
    this.videoUid = event.videoUid();
    this.mediaKey = event.mediaKey();
    this.viewerKey = viewerKey;
    this.username = event.username();
    this.authenticated = event.username() != null;
    this.clientIp = event.clientIp();
    this.userAgent = truncate(event.userAgent(), 512);
    this.started = event.at();
    this.lastSeen = event.at();
    this.bytesServed = event.bytes();
    this.requests = 1;
  }

  void add(Instant at, long bytes, int moreRequests) {
    if (at.isAfter(lastSeen)) {
      this.lastSeen = at;
    }
    this.bytesServed += bytes;
    this.requests += moreRequests;
  }

  void watch(WatchedSeconds seconds) {
    if (!seconds.isEmpty()) {
      this.watchedSeconds = WatchedSeconds.of(watchedSeconds).plus(seconds).toBytes();
    }
  }

  /**
   * This session as the API shows it.
   *
   * @return the view
   */
  public WatchSessionView toView() {
    return new WatchSessionView(
        id,
        videoUid,
        mediaKey,
        username,
        authenticated,
        clientIp,
        userAgent,
        started,
        lastSeen,
        bytesServed,
        requests);
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
