package io.videokit.autoconfigure.properties;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * videokit's Actuator health contributors ({@code videokit.health.*}). Each contributor is switched
 * off like Spring Boot's own, with {@code management.health.<name>.enabled=false}.
 */
@ConfigurationProperties(prefix = HealthProperties.PREFIX)
public class HealthProperties {

  /** The prefix of these settings. */
  public static final String PREFIX = "videokit.health";

  private final Jobs jobs = new Jobs();

  private final Cloudflare cloudflare = new Cloudflare();

  /** Creates the settings with their defaults; used by Spring or by hand. */
  public HealthProperties() {}

  /**
   * The job engine's contributor.
   *
   * @return its settings
   */
  public Jobs getJobs() {
    return jobs;
  }

  /**
   * The Cloudflare contributor.
   *
   * @return its settings
   */
  public Cloudflare getCloudflare() {
    return cloudflare;
  }

  /** The job engine's contributor ({@code videokit.health.jobs.*}). */
  public static class Jobs {

    /**
     * An execution due longer ago than this and not picked by any scheduler is overdue (the job
     * engine is not polling, or not keeping up): OUT_OF_SERVICE.
     */
    private Duration overdueAfter = Duration.ofMinutes(10);

    /**
     * A picked execution whose heartbeat is older than this is dead (its scheduler stopped and no
     * other revived it): DOWN. Unset: twice db-scheduler's own limit, heartbeat-interval times
     * missed-heartbeats-limit.
     */
    private @Nullable Duration deadAfter;

    /** Creates the settings with their defaults. */
    public Jobs() {}

    /**
     * The overdue threshold.
     *
     * @return 10 minutes by default
     */
    public Duration getOverdueAfter() {
      return overdueAfter;
    }

    /**
     * Sets the overdue threshold.
     *
     * @param overdueAfter the threshold
     */
    public void setOverdueAfter(Duration overdueAfter) {
      this.overdueAfter = overdueAfter;
    }

    /**
     * The dead threshold.
     *
     * @return the threshold, or null to derive it from db-scheduler's settings
     */
    public @Nullable Duration getDeadAfter() {
      return deadAfter;
    }

    /**
     * Sets the dead threshold.
     *
     * @param deadAfter the threshold, or null to derive it
     */
    public void setDeadAfter(@Nullable Duration deadAfter) {
      this.deadAfter = deadAfter;
    }
  }

  /** The Cloudflare contributor ({@code videokit.health.cloudflare.*}). */
  public static class Cloudflare {

    /**
     * How long one answer of the Cloudflare API is reused, so that health checks (a load balancer
     * polling every few seconds) do not spend the account's rate limit.
     */
    private Duration cacheFor = Duration.ofSeconds(30);

    /** Creates the settings with their defaults. */
    public Cloudflare() {}

    /**
     * How long a check's result is reused.
     *
     * @return 30 seconds by default
     */
    public Duration getCacheFor() {
      return cacheFor;
    }

    /**
     * Sets how long a check's result is reused.
     *
     * @param cacheFor the duration ({@code 0}: every health request calls Cloudflare)
     */
    public void setCacheFor(Duration cacheFor) {
      this.cacheFor = cacheFor;
    }
  }
}
