package io.videokit.autoconfigure.properties;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Cloudflare's webhook deliveries ({@code videokit.cloudflare.webhook.*}). */
@ConfigurationProperties(prefix = CloudflareWebhookProperties.PREFIX)
public class CloudflareWebhookProperties {

  /** The prefix of these settings. */
  public static final String PREFIX = "videokit.cloudflare.webhook";

  /** Path that receives Cloudflare's deliveries. */
  private String path = "/api/cloudflare/webhook";

  /** Signing secret; when unset, the one stored by the last registration is used. */
  private @Nullable String secret;

  /** Largest accepted distance between a delivery's signed time and now. */
  private Duration tolerance = Duration.ofMinutes(5);

  /** Creates the settings with their defaults; used by Spring or by hand. */
  public CloudflareWebhookProperties() {}

  /**
   * Delivery path.
   *
   * @return the path
   */
  public String getPath() {
    return path;
  }

  /**
   * Sets the delivery path.
   *
   * @param path the path
   */
  public void setPath(String path) {
    this.path = path;
  }

  /**
   * Configured secret.
   *
   * @return the secret, or null
   */
  public @Nullable String getSecret() {
    return secret;
  }

  /**
   * Sets the secret.
   *
   * @param secret the secret
   */
  public void setSecret(@Nullable String secret) {
    this.secret = secret;
  }

  /**
   * Staleness tolerance.
   *
   * @return the duration
   */
  public Duration getTolerance() {
    return tolerance;
  }

  /**
   * Sets the staleness tolerance.
   *
   * @param tolerance the duration
   */
  public void setTolerance(Duration tolerance) {
    this.tolerance = tolerance;
  }
}
