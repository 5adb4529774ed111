package io.videokit.server;

import io.videokit.autoconfigure.properties.CloudflareProperties;
import io.videokit.autoconfigure.properties.StreamingProperties;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * The security headers of the server's pages: a {@code Content-Security-Policy} that runs only the
 * server's own script files (no inline script), plays media from this origin, the media origin
 * ({@code videokit.streaming.media-origin}) and {@code blob:}, connects to this origin and — when
 * Cloudflare Stream is on — to Cloudflare's upload hosts (the page sends the bytes straight to
 * Cloudflare's tus URL) and plays from Cloudflare's delivery hosts (HLS, in browsers that play it
 * natively), and may not be framed; and {@code Referrer-Policy: strict-origin-when-cross-origin}.
 *
 * <p>Swagger UI ({@code /swagger-ui/**}) gets the same policy with {@code style-src 'self'
 * 'unsafe-inline'}: it adds a {@code <style>} element at run time.
 *
 * <p>Media routes set their own, stricter policy ({@code sandbox; default-src 'none'}), which
 * Spring Security leaves in place.
 */
@Component
public class PageHeaders {

  /** Where Cloudflare Stream's tus upload URLs point. */
  static final List<String> CLOUDFLARE_UPLOAD_ORIGINS =
      List.of("https://upload.cloudflarestream.com", "https://upload.videodelivery.net");

  /**
   * Where Cloudflare Stream's playback URLs point ({@code customer-<code>.cloudflarestream.com}).
   */
  static final List<String> CLOUDFLARE_MEDIA_ORIGINS =
      List.of("https://*.cloudflarestream.com", "https://videodelivery.net");

  /** Swagger UI's page and files (springdoc). */
  static final String SWAGGER_UI = "/swagger-ui/**";

  private final String contentSecurityPolicy;

  /**
   * The pages' policy with inline styles allowed: Swagger UI adds a {@code <style>} element at run
   * time (scripts stay {@code 'self'} only).
   */
  private final String swaggerUiPolicy;

  /**
   * Builds the headers from the settings.
   *
   * @param streaming streaming settings (the media origin)
   * @param cloudflare the Cloudflare settings, present only when Cloudflare Stream is on
   */
  public PageHeaders(
      StreamingProperties streaming, ObjectProvider<CloudflareProperties> cloudflare) {
    List<String> media = new ArrayList<>(List.of("'self'", "blob:"));
    String mediaOrigin = streaming.getMediaOrigin();
    if (mediaOrigin != null) {
      media.add(mediaOrigin);
    }
    List<String> connect = new ArrayList<>(List.of("'self'"));
    CloudflareProperties properties = cloudflare.getIfAvailable();
    if (properties != null) {
      media.addAll(CLOUDFLARE_MEDIA_ORIGINS);
      connect.addAll(CLOUDFLARE_UPLOAD_ORIGINS);
      String apiOrigin = origin(properties.getBaseUrl());
      if (!connect.contains(apiOrigin)) {
        connect.add(apiOrigin);
      }
    }
    this.contentSecurityPolicy =
        String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "media-src " + String.join(" ", media),
            "connect-src " + String.join(" ", connect),
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    this.swaggerUiPolicy =
        contentSecurityPolicy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
  }

  /**
   * The pages' policy.
   *
   * @return the {@code Content-Security-Policy} value
   */
  public String contentSecurityPolicy() {
    return contentSecurityPolicy;
  }

  /**
   * Adds the policy and the referrer policy to Spring Security's headers (they apply to every
   * response that does not set its own).
   *
   * @param headers Spring Security's header configuration
   */
  public void configure(HeadersConfigurer<HttpSecurity> headers) {
    RequestMatcher swaggerUi = PathPatternRequestMatcher.pathPattern(SWAGGER_UI);
    headers
        .addHeaderWriter(
            new DelegatingRequestMatcherHeaderWriter(
                new NegatedRequestMatcher(swaggerUi),
                new ContentSecurityPolicyHeaderWriter(contentSecurityPolicy)))
        .addHeaderWriter(
            new DelegatingRequestMatcherHeaderWriter(
                swaggerUi, new ContentSecurityPolicyHeaderWriter(swaggerUiPolicy)))
        .referrerPolicy(
            referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN));
  }

  /** {@code scheme://host[:port]} of a URL, as CSP source expressions write it. */
  private static String origin(URI url) {
    String origin = url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost();
    return url.getPort() < 0 ? origin : origin + ":" + url.getPort();
  }
}
