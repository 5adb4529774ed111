package io.videokit.autoconfigure.properties;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Which provider new uploads go to: {@code videokit.provider}. */
@ConfigurationProperties(prefix = ProviderProperties.PREFIX)
public class ProviderProperties {

  /** The prefix of this setting. */
  public static final String PREFIX = "videokit";

  /**
   * The provider new uploads go to: {@code local} (this server) or {@code cloudflare} (Cloudflare
   * Stream, needs its account id and API token). Videos remember their provider, so videos of both
   * keep working when this changes.
   */
  private String provider = "local";

  /** Creates the settings with their defaults; used by Spring or by hand. */
  public ProviderProperties() {}

  /**
   * The provider new uploads go to.
   *
   * @return {@code local} by default
   */
  public String getProvider() {
    return provider;
  }

  /**
   * Sets the provider new uploads go to.
   *
   * @param provider a configured provider's name
   */
  public void setProvider(String provider) {
    this.provider = provider;
  }
}
