package io.videokit.autoconfigure.properties;

import io.videokit.broadcast.EndpointKind;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Live broadcasts ({@code videokit.broadcast.*}). */
@ConfigurationProperties(prefix = BroadcastProperties.PREFIX)
public class BroadcastProperties {

  /** The prefix of these settings. */
  public static final String PREFIX = "videokit.broadcast";

  /** Whether broadcasts (the service and its endpoints) are on. */
  private boolean enabled = true;

  /**
   * Where publishers send media, before {@code /<id>/index.m3u8}: a path of this application (made
   * absolute with the request's origin) or an absolute URL.
   */
  private String ingestBasePath = "/live";

  /** How many live broadcasts one user may have at once; 0 for no limit. */
  private int maxLivePerUser = 0;

  /** The endpoint kind of a start that names none (one whose ingest is configured). */
  private EndpointKind defaultKind = EndpointKind.HLS_PUT;

  /**
   * How long a live broadcast may go without media before it is stopped (its publisher vanished); a
   * publisher reconnecting within this window continues the same broadcast.
   */
  private Duration idleTimeout = Duration.ofSeconds(60);

  /** How long after its stop a broadcast's recording may take to become a video. */
  private Duration recordingTimeout = Duration.ofHours(6);

  /** How often idle broadcasts are looked for and recordings collected. */
  private Duration maintenanceInterval = Duration.ofSeconds(10);

  /** Creates the settings with their defaults; used by Spring or by hand. */
  public BroadcastProperties() {}

  /**
   * Whether broadcasts are on.
   *
   * @return true by default
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Switches broadcasts.
   *
   * @param enabled true to serve them
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * The ingest base.
   *
   * @return {@code /live} by default
   */
  public String getIngestBasePath() {
    return ingestBasePath;
  }

  /**
   * Sets the ingest base.
   *
   * @param ingestBasePath a path or an absolute URL
   */
  public void setIngestBasePath(String ingestBasePath) {
    this.ingestBasePath = ingestBasePath;
  }

  /**
   * The cap on live broadcasts per user.
   *
   * @return 0 (none) by default
   */
  public int getMaxLivePerUser() {
    return maxLivePerUser;
  }

  /**
   * Sets the cap on live broadcasts per user.
   *
   * @param maxLivePerUser the cap, 0 for none
   */
  public void setMaxLivePerUser(int maxLivePerUser) {
    this.maxLivePerUser = maxLivePerUser;
  }

  /**
   * The default endpoint kind.
   *
   * @return HLS_PUT by default
   */
  public EndpointKind getDefaultKind() {
    return defaultKind;
  }

  /**
   * Sets the default endpoint kind.
   *
   * @param defaultKind the kind
   */
  public void setDefaultKind(EndpointKind defaultKind) {
    this.defaultKind = defaultKind;
  }

  /**
   * The idle timeout, which is also the reconnect window.
   *
   * @return 60 s by default
   */
  public Duration getIdleTimeout() {
    return idleTimeout;
  }

  /**
   * Sets the idle timeout.
   *
   * @param idleTimeout how long a broadcast may go without media
   */
  public void setIdleTimeout(Duration idleTimeout) {
    this.idleTimeout = idleTimeout;
  }

  /**
   * How long a recording may take.
   *
   * @return 6 h by default
   */
  public Duration getRecordingTimeout() {
    return recordingTimeout;
  }

  /**
   * Sets how long a recording may take.
   *
   * @param recordingTimeout the time after the stop
   */
  public void setRecordingTimeout(Duration recordingTimeout) {
    this.recordingTimeout = recordingTimeout;
  }

  /**
   * How often maintenance runs.
   *
   * @return 10 s by default
   */
  public Duration getMaintenanceInterval() {
    return maintenanceInterval;
  }

  /**
   * Sets how often maintenance runs.
   *
   * @param maintenanceInterval the delay between runs
   */
  public void setMaintenanceInterval(Duration maintenanceInterval) {
    this.maintenanceInterval = maintenanceInterval;
  }
}
