package io.videokit.autoconfigure.properties;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Who is staff ({@code videokit.security.*}). */
@ConfigurationProperties(prefix = SecurityProperties.PREFIX)
public class SecurityProperties {

  /** The prefix of these settings. */
  public static final String PREFIX = "videokit.security";

  /** Role whose holders are staff: they see watch sessions and may act on anyone's videos. */
  private String staffRole = "ADMIN";

  /** Creates the settings with their defaults; used by Spring or by hand. */
  public SecurityProperties() {}

  /**
   * The staff role.
   *
   * @return e.g. {@code ADMIN}
   */
  public String getStaffRole() {
    return staffRole;
  }

  /**
   * Sets the staff role.
   *
   * @param staffRole a role name without the {@code ROLE_} prefix
   */
  public void setStaffRole(String staffRole) {
    this.staffRole = staffRole;
  }
}
