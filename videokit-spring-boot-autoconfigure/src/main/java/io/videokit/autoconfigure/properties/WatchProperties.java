package io.videokit.autoconfigure.properties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Watch sessions ({@code videokit.watch.*}). */
@ConfigurationProperties(prefix = WatchProperties.PREFIX)
public class WatchProperties {

  /** The prefix of these settings. */
  public static final String PREFIX = "videokit.watch";

  /** Whether watch sessions are recorded. */
  private boolean enabled = true;

  /** A viewer's requests for one video belong to one session while no gap is longer than this. */
  private Duration idleTimeout = Duration.ofMinutes(30);

  /**
   * How often buffered watch-session updates are written to the database; 0 writes each response at
   * once (slower streaming, nothing buffered).
   */
  private Duration flushInterval = Duration.ofSeconds(2);

  /**
   * Proxies whose X-Forwarded-For is believed (CIDR blocks or addresses); from anyone else the peer
   * address is the client.
   */
  private List<String> trustedProxies = new ArrayList<>();

  /** Creates the settings with their defaults; used by Spring or by hand. */
  public WatchProperties() {}

  /**
   * Whether recording is on.
   *
   * @return true by default
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Switches recording.
   *
   * @param enabled true to record
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * The idle timeout.
   *
   * @return the duration
   */
  public Duration getIdleTimeout() {
    return idleTimeout;
  }

  /**
   * Sets the idle timeout.
   *
   * @param idleTimeout the duration
   */
  public void setIdleTimeout(Duration idleTimeout) {
    this.idleTimeout = idleTimeout;
  }

  /**
   * The flush interval.
   *
   * @return the duration
   */
  public Duration getFlushInterval() {
    return flushInterval;
  }

  /**
   * Sets the flush interval.
   *
   * @param flushInterval the duration, 0 for none
   */
  public void setFlushInterval(Duration flushInterval) {
    this.flushInterval = flushInterval;
  }

  /**
   * The trusted proxies.
   *
   * @return CIDR blocks
   */
  public List<String> getTrustedProxies() {
    return trustedProxies;
  }

  /**
   * Sets the trusted proxies.
   *
   * @param trustedProxies CIDR blocks or addresses
   */
  public void setTrustedProxies(List<String> trustedProxies) {
    this.trustedProxies = trustedProxies;
  }
}
