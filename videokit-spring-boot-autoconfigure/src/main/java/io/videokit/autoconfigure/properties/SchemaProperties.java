package io.videokit.autoconfigure.properties;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** videokit's own tables ({@code videokit.schema.*}). */
@ConfigurationProperties(prefix = SchemaProperties.PREFIX)
public class SchemaProperties {

  /** The prefix of these settings. */
  public static final String PREFIX = "videokit.schema";

  /**
   * Whether videokit migrates its tables with Flyway (history table videokit_schema_history) before
   * JPA and the job scheduler start.
   */
  private boolean enabled = true;

  /** Creates the settings with their defaults; used by Spring or by hand. */
  public SchemaProperties() {}

  /**
   * Whether the migration runs.
   *
   * @return true by default
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Switches the migration.
   *
   * @param enabled false when the application migrates videokit's tables itself
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }
}
