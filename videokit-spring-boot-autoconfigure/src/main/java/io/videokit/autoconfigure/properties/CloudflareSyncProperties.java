package io.videokit.autoconfigure.properties;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Background synchronisation of Cloudflare videos ({@code videokit.cloudflare.sync.*}). */
@ConfigurationProperties(prefix = CloudflareSyncProperties.PREFIX)
public class CloudflareSyncProperties {

  /** The prefix of these settings. */
  public static final String PREFIX = "videokit.cloudflare.sync";

  /** First wait between two refreshes of an unfinished video. */
  private Duration initialDelay = Duration.ofSeconds(5);

  /** Longest wait between two refreshes. */
  private Duration maxDelay = Duration.ofMinutes(5);

  /** Stop refreshing (and record why) after this long without reaching ready or error. */
  private Duration giveUpAfter = Duration.ofHours(24);

  /** Attempts to delete a video at Cloudflare before giving up. */
  private int deleteAttempts = 10;

  /** Creates the settings with their defaults; used by Spring or by hand. */
  public CloudflareSyncProperties() {}

  /**
   * First wait.
   *
   * @return the duration
   */
  public Duration getInitialDelay() {
    return initialDelay;
  }

  /**
   * Sets the first wait.
   *
   * @param initialDelay the duration
   */
  public void setInitialDelay(Duration initialDelay) {
    this.initialDelay = initialDelay;
  }

  /**
   * Longest wait.
   *
   * @return the duration
   */
  public Duration getMaxDelay() {
    return maxDelay;
  }

  /**
   * Sets the longest wait.
   *
   * @param maxDelay the duration
   */
  public void setMaxDelay(Duration maxDelay) {
    this.maxDelay = maxDelay;
  }

  /**
   * Upper bound of a synchronisation.
   *
   * @return the duration
   */
  public Duration getGiveUpAfter() {
    return giveUpAfter;
  }

  /**
   * Sets the upper bound.
   *
   * @param giveUpAfter the duration
   */
  public void setGiveUpAfter(Duration giveUpAfter) {
    this.giveUpAfter = giveUpAfter;
  }

  /**
   * Delete attempts.
   *
   * @return the count
   */
  public int getDeleteAttempts() {
    return deleteAttempts;
  }

  /**
   * Sets the delete attempts.
   *
   * @param deleteAttempts the count
   */
  public void setDeleteAttempts(int deleteAttempts) {
    this.deleteAttempts = deleteAttempts;
  }
}
