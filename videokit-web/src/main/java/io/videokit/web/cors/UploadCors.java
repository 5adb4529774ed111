package io.videokit.web.cors;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * CORS for browser uploads from other sites (<a
 * href="https://fetch.spec.whatwg.org/#http-cors-protocol">Fetch, CORS protocol</a>): the tus
 * endpoint ({@code POST} creation, {@code HEAD}/{@code PATCH}/{@code DELETE} of an upload) and,
 * when configured, the Cloudflare creation proxy ({@code POST} only; it answers its path with and
 * without the trailing slash, and so does CORS). Credentials are allowed, preflights cached for a
 * day. Nothing is registered without allowed origins.
 */
public class UploadCors implements WebMvcConfigurer {

  /** Request headers a browser tus client sends (tus 1.0.0 + common extras). */
  public static final List<String> TUS_REQUEST_HEADERS =
      List.of(
          "Tus-Resumable",
          "Upload-Length",
          "Upload-Offset",
          "Upload-Metadata",
          "Upload-Defer-Length",
          "Upload-Concat",
          "Upload-Checksum",
          "Content-Type",
          "X-HTTP-Method-Override",
          "X-Request-ID",
          "Authorization",
          "X-XSRF-TOKEN");

  /** Response headers a browser tus client must be able to read. */
  public static final List<String> TUS_EXPOSED_HEADERS =
      List.of(
          "Location",
          "Upload-Offset",
          "Upload-Length",
          "Upload-Metadata",
          "Upload-Expires",
          "Tus-Version",
          "Tus-Resumable",
          "Tus-Max-Size",
          "Tus-Extension",
          "Stream-Media-ID");

  /** Request headers the Cloudflare creation proxy accepts from a browser. */
  public static final List<String> PROXY_REQUEST_HEADERS =
      List.of(
          "Tus-Resumable",
          "Upload-Length",
          "Upload-Metadata",
          "Upload-Creator",
          "Content-Type",
          "Authorization",
          "X-Requested-With",
          "X-XSRF-TOKEN");

  /** The proxy's second, JSON-API path. */
  public static final String PROXY_API_PATH = "/api/cloudflare/uploads";

  private final List<String> origins;
  private final @Nullable String tusPath;
  private final @Nullable String proxyPath;

  /**
   * The CORS rules.
   *
   * @param origins allowed origins, e.g. {@code https://app.example.com}; none registers nothing
   * @param tusPath the tus endpoint's path, or null when uploads to this server are off
   * @param proxyPath the Cloudflare creation proxy's path, or null when it is not served
   */
  public UploadCors(List<String> origins, @Nullable String tusPath, @Nullable String proxyPath) {
    this.origins = List.copyOf(origins);
    this.tusPath = tusPath;
    this.proxyPath = proxyPath;
  }

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    if (origins.isEmpty()) {
      return;
    }
    String[] allowed = origins.toArray(String[]::new);
    if (tusPath != null) {
      String path = tusPath.replaceAll("/+$", "");
      for (String pattern : new String[] {path, path + "/**"}) {
        registry
            .addMapping(pattern)
            .allowedOrigins(allowed)
            .allowedMethods("POST", "HEAD", "PATCH", "DELETE", "OPTIONS")
            .allowedHeaders(TUS_REQUEST_HEADERS.toArray(String[]::new))
            .exposedHeaders(TUS_EXPOSED_HEADERS.toArray(String[]::new))
            .allowCredentials(true)
            .maxAge(86400);
      }
    }
    if (proxyPath != null) {
      List<String> paths = new ArrayList<>(List.of(proxyPath, PROXY_API_PATH));
      String other = proxyPath.endsWith("/") ? proxyPath.replaceAll("/+$", "") : proxyPath + "/";
      if (!other.isEmpty()) {
        paths.add(other);
      }
      for (String path : paths) {
        registry
            .addMapping(path)
            .allowedOrigins(allowed)
            .allowedMethods("POST", "OPTIONS")
            .allowedHeaders(PROXY_REQUEST_HEADERS.toArray(String[]::new))
            .exposedHeaders("Location", "Stream-Media-ID", "Tus-Resumable")
            .allowCredentials(true)
            .maxAge(86400);
      }
    }
  }
}
