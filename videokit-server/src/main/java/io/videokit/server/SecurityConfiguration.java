package io.videokit.server;

import io.videokit.core.http.Problem;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what on the reference server: pages and playback are public, every write needs a
 * principal (HTTP Basic or the login form), and API errors are RFC 9457 problems, never a login
 * redirect.
 *
 * <p>CSRF: API requests are exempt only when they carry a header a cross-site form cannot send
 * ({@code Authorization}, {@code Tus-Resumable} or {@code X-Requested-With}); browsers only send
 * such headers cross-origin after a CORS preflight, which is refused unless configured.
 *
 * <p>Cloudflare Stream (when configured): the tus creation proxy ({@code
 * videokit.cloudflare.upload.path}, default {@code /cloudflare-stream-upload/}) is treated as an
 * API path (problem bodies, the same CSRF exemption, CORS preflights allowed). Webhook deliveries
 * ({@code POST videokit.cloudflare.webhook.path}, default {@code /api/cloudflare/webhook}) need no
 * login and no CSRF token: their HMAC signature, checked by the endpoint, authenticates them.
 * Reading or registering the webhook ({@code GET}/{@code PUT}) still needs a principal; the
 * endpoint itself checks for staff.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  private static final String[] PUBLIC_PAGES = {
    "/", "/index.html", "/watch.html", "/staff.html", "/assets/**", "/favicon.ico", "/error"
  };

  private static final String[] PUBLIC_READS = {
    "/api/stream", "/api/stream/", "/api/videos/*", "/api/videos/*/file"
  };

  private final String cloudflareUploadPath;
  private final String cloudflareWebhookPath;

  /**
   * The configuration.
   *
   * @param cloudflareUploadPath path of the Cloudflare tus creation proxy
   * @param cloudflareWebhookPath path that receives Cloudflare's webhook deliveries
   */
  public SecurityConfiguration(
      @Value("${videokit.cloudflare.upload.path:/cloudflare-stream-upload/}")
          String cloudflareUploadPath,
      @Value("${videokit.cloudflare.webhook.path:/api/cloudflare/webhook}")
          String cloudflareWebhookPath) {
    this.cloudflareUploadPath = cloudflareUploadPath;
    this.cloudflareWebhookPath = cloudflareWebhookPath;
  }

  @Bean
  SecurityFilterChain videokitSecurity(HttpSecurity http) throws Exception {
    RequestMatcher cloudflareProxy = path(cloudflareUploadPath);
    RequestMatcher webhook = path(cloudflareWebhookPath);
    RequestMatcher webhookDelivery =
        request -> HttpMethod.POST.matches(request.getMethod()) && webhook.matches(request);
    RequestMatcher api =
        request ->
            request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || cloudflareProxy.matches(request)
                || webhook.matches(request);
    RequestMatcher csrfSafe =
        request ->
            api.matches(request)
                && (request.getHeader("Authorization") != null
                    || request.getHeader("Tus-Resumable") != null
                    || request.getHeader("X-Requested-With") != null);
    RequestMatcher preflight =
        request ->
            HttpMethod.OPTIONS.matches(request.getMethod()) && cloudflareProxy.matches(request);
    http.authorizeHttpRequests(authorize ->
            authorize
                .requestMatchers(HttpMethod.GET, PUBLIC_PAGES)
                .permitAll()
                .requestMatchers(HttpMethod.GET, PUBLIC_READS)
                .permitAll()
                .requestMatchers(HttpMethod.HEAD, PUBLIC_READS)
                .permitAll()
                .requestMatchers(
                    HttpMethod.OPTIONS,
                    "/api/uploads",
                    "/api/uploads/**",
                    "/api/cloudflare/uploads")
                .permitAll()
                .requestMatchers(preflight)
                .permitAll()
                .requestMatchers(webhookDelivery)
                .permitAll()
                .anyRequest()
                .authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(wrongCredentials(api)))
        .formLogin(form -> form.defaultSuccessUrl("/", false))
        .logout(logout -> logout.logoutSuccessUrl("/"))
        .csrf(csrf -> csrf.ignoringRequestMatchers(csrfSafe, webhookDelivery))
        .exceptionHandling(exceptions ->
            exceptions
                .defaultAuthenticationEntryPointFor(unauthenticatedProblem(), api)
                .defaultAccessDeniedHandlerFor(forbiddenProblem(), api));
    return http.build();
  }

  /**
   * Matches one path of the application, with or without a trailing slash.
   *
   * @param path e.g. {@code /cloudflare-stream-upload/}
   * @return the matcher
   */
  static RequestMatcher path(String path) {
    String bare = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return request -> {
      String uri = request.getRequestURI().substring(request.getContextPath().length());
      return uri.equals(bare) || uri.equals(bare + "/");
    };
  }

  /**
   * Wrong Basic credentials: a problem on API paths (the Cloudflare proxy too), else a challenge.
   */
  private static AuthenticationEntryPoint wrongCredentials(RequestMatcher api) {
    BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();
    challenge.setRealmName("Realm");
    AuthenticationEntryPoint problem = unauthenticatedProblem();
    return (request, response, exception) ->
        (api.matches(request) ? problem : challenge).commence(request, response, exception);
  }

  private static AuthenticationEntryPoint unauthenticatedProblem() {
    return (request, response, exception) ->
        Problem.of(
                "unauthenticated",
                "Authentication required",
                401,
                "log in, or send HTTP Basic credentials")
            .write(response, method(request));
  }

  private static AccessDeniedHandler forbiddenProblem() {
    return (request, response, exception) ->
        Problem.of(
                "forbidden",
                "Forbidden",
                403,
                "this request is not allowed (for a browser: missing CSRF token?)")
            .write(response, method(request));
  }

  private static String method(HttpServletRequest request) {
    return request.getMethod();
  }
}
