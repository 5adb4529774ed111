package io.videokit.web.cloudflare;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which upload URLs Cloudflare returned may be handed to the browser (which then sends the user's
 * file there): https on a Cloudflare Stream upload host ({@code upload.cloudflarestream.com},
 * {@code *.cloudflarestream.com}), or one of a few extra origins configured for tests against a
 * local fake.
 *
 * @param extraOrigins {@code scheme://host[:port]} each; trailing slashes and case do not matter
 */
public record UploadLocationPolicy(List<String> extraOrigins) {

  /**
   * Validates and copies the origins.
   *
   * @param extraOrigins {@code scheme://host[:port]} each
   */
  public UploadLocationPolicy {
    extraOrigins =
        extraOrigins.stream().map(o -> o.replaceAll("/+$", "").toLowerCase(Locale.ROOT)).toList();
  }

  /**
   * Whether an upload URL may be passed on.
   *
   * @param location the {@code Location} of the tus creation answer
   * @return true when it may be passed on
   */
  public boolean allows(URI location) {
    String scheme = location.getScheme();
    String host = location.getHost();
    if (scheme == null || host == null || location.getRawUserInfo() != null) {
      return false;
    }
    String lowerHost = host.toLowerCase(Locale.ROOT);
    if ("https".equalsIgnoreCase(scheme)
        && (lowerHost.equals("upload.cloudflarestream.com")
            || lowerHost.endsWith(".cloudflarestream.com"))) {
      return true;
    }
    String origin =
        scheme.toLowerCase(Locale.ROOT)
            + "://"
            + lowerHost
            + (location.getPort() < 0 ? "" : ":" + location.getPort());
    return extraOrigins.contains(origin);
  }
}
