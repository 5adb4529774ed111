package io.videokit.autoconfigure.properties;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The tus creation proxy for direct creator uploads ({@code videokit.cloudflare.upload.*}). */
@ConfigurationProperties(prefix = CloudflareUploadProperties.PREFIX)
public class CloudflareUploadProperties {

  /** The prefix of these settings. */
  public static final String PREFIX = "videokit.cloudflare.upload";

  /** Serve the proxy. */
  private boolean enabled = true;

  /** Path of the proxy, as in the Django package (also served under /api/cloudflare/uploads). */
  private String path = "/cloudflare-stream-upload/";

  /**
   * Origins ({@code scheme://host[:port]}) besides Cloudflare's own upload hosts (https on {@code
   * upload.cloudflarestream.com} or {@code *.cloudflarestream.com}) whose upload URLs are passed to
   * the browser; for tests against a local fake only.
   */
  private List<String> allowedLocationOrigins = new ArrayList<>();

  /** Creates the settings with their defaults; used by Spring or by hand. */
  public CloudflareUploadProperties() {}

  /**
   * Whether the proxy is served.
   *
   * @return the flag
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Turns the proxy on or off.
   *
   * @param enabled the flag
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * The proxy's path.
   *
   * @return e.g. {@code /cloudflare-stream-upload/}
   */
  public String getPath() {
    return path;
  }

  /**
   * Sets the proxy's path.
   *
   * @param path the path
   */
  public void setPath(String path) {
    this.path = path;
  }

  /**
   * Extra origins whose upload URLs are accepted (tests).
   *
   * @return e.g. {@code [http://localhost:54321]}, empty by default
   */
  public List<String> getAllowedLocationOrigins() {
    return allowedLocationOrigins;
  }

  /**
   * Sets the extra origins whose upload URLs are accepted.
   *
   * @param allowedLocationOrigins {@code scheme://host[:port]} each
   */
  public void setAllowedLocationOrigins(List<String> allowedLocationOrigins) {
    this.allowedLocationOrigins = new ArrayList<>(allowedLocationOrigins);
  }
}
