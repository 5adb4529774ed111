package io.videokit.autoconfigure.properties;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SRT and RTMP endpoint kinds ({@code videokit.broadcast.relay.*}): ffmpeg listeners on public
 * ports relaying into the HLS-over-PUT ingest. Off unless enabled, since they open ports.
 */
@ConfigurationProperties(prefix = RelayProperties.PREFIX)
public class RelayProperties {

  /** The prefix of these settings. */
  public static final String PREFIX = "videokit.broadcast.relay";

  /** Whether the SRT and RTMP kinds are offered (they need ffmpeg and open public ports). */
  private boolean enabled = false;

  /** The public ports listeners bind, {@code first-last}; a port in use is skipped. */
  private String portRange = "40000-40099";

  /** The host publishers are told to connect to; by default the ingest base's host. */
  private @Nullable String publicHost;

  /** The ffmpeg executable; by default {@code ffmpeg} on the {@code PATH}. */
  private @Nullable String ffmpeg;

  /**
   * videokit's HLS-over-PUT ingest as the listeners reach it, e.g. {@code
   * http://127.0.0.1:8080/live}; by default loopback on the server's port and context path.
   */
  private @Nullable String loopbackBase;

  /** Creates the settings with their defaults; used by Spring or by hand. */
  public RelayProperties() {}

  /**
   * Whether the kinds are offered.
   *
   * @return false by default
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Switches the kinds.
   *
   * @param enabled true to offer SRT and RTMP
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * The public port range.
   *
   * @return {@code 40000-40099} by default
   */
  public String getPortRange() {
    return portRange;
  }

  /**
   * Sets the public port range.
   *
   * @param portRange {@code first-last}
   */
  public void setPortRange(String portRange) {
    this.portRange = portRange;
  }

  /**
   * The public host.
   *
   * @return the host, or null for the ingest base's
   */
  public @Nullable String getPublicHost() {
    return publicHost;
  }

  /**
   * Sets the public host.
   *
   * @param publicHost a host name or address
   */
  public void setPublicHost(@Nullable String publicHost) {
    this.publicHost = publicHost;
  }

  /**
   * The ffmpeg executable.
   *
   * @return its path, or null for the {@code PATH}'s
   */
  public @Nullable String getFfmpeg() {
    return ffmpeg;
  }

  /**
   * Sets the ffmpeg executable.
   *
   * @param ffmpeg its path
   */
  public void setFfmpeg(@Nullable String ffmpeg) {
    this.ffmpeg = ffmpeg;
  }

  /**
   * The ingest base on loopback.
   *
   * @return the URL, or null to discover it
   */
  public @Nullable String getLoopbackBase() {
    return loopbackBase;
  }

  /**
   * Sets the ingest base on loopback.
   *
   * @param loopbackBase an absolute URL
   */
  public void setLoopbackBase(@Nullable String loopbackBase) {
    this.loopbackBase = loopbackBase;
  }
}
