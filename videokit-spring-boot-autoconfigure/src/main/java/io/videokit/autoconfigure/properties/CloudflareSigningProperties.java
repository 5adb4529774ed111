package io.videokit.autoconfigure.properties;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Signed playback URLs ({@code videokit.cloudflare.signing.*}). */
@ConfigurationProperties(prefix = CloudflareSigningProperties.PREFIX)
public class CloudflareSigningProperties {

  /** The prefix of these settings. */
  public static final String PREFIX = "videokit.cloudflare.signing";

  /** Signing key id ({@code POST /stream/keys} → id); unset = use the token endpoint. */
  private @Nullable String keyId;

  /** The key: base64 of its JWK or PEM as Cloudflare returned it. Secret. */
  private @Nullable String key;

  /** Lifetime of a playback token. */
  private Duration tokenTtl = Duration.ofHours(1);

  /** Creates the settings with their defaults; used by Spring or by hand. */
  public CloudflareSigningProperties() {}

  /**
   * Key id.
   *
   * @return the id, or null
   */
  public @Nullable String getKeyId() {
    return keyId;
  }

  /**
   * Sets the key id.
   *
   * @param keyId the id
   */
  public void setKeyId(@Nullable String keyId) {
    this.keyId = keyId;
  }

  /**
   * The key.
   *
   * @return the key, or null
   */
  public @Nullable String getKey() {
    return key;
  }

  /**
   * Sets the key.
   *
   * @param key base64 of the JWK or PEM
   */
  public void setKey(@Nullable String key) {
    this.key = key;
  }

  /**
   * Token lifetime.
   *
   * @return the duration
   */
  public Duration getTokenTtl() {
    return tokenTtl;
  }

  /**
   * Sets the token lifetime.
   *
   * @param tokenTtl the duration
   */
  public void setTokenTtl(Duration tokenTtl) {
    this.tokenTtl = tokenTtl;
  }
}
