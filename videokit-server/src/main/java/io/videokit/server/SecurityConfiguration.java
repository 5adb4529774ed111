package io.videokit.server;

import io.videokit.autoconfigure.properties.SecurityProperties;
import io.videokit.web.security.ProblemAccessDeniedHandler;
import io.videokit.web.security.ProblemAuthenticationEntryPoint;
import io.videokit.web.security.VideokitRequestMatchers;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what on the reference server: pages and playback are public, every write needs a
 * principal (HTTP Basic or the login form), and API errors are RFC 9457 problems, never a login
 * redirect. videokit's paths come from its {@link VideokitRequestMatchers} bean (they follow {@code
 * videokit.uploads.path}, {@code videokit.streaming.path} and the Cloudflare paths), the 401/403
 * answers from its {@link ProblemAuthenticationEntryPoint} and {@link ProblemAccessDeniedHandler}.
 *
 * <p>CSRF: API requests are exempt only when they carry a header a cross-site form cannot send
 * ({@code Authorization}, {@code Tus-Resumable} or {@code X-Requested-With}); browsers only send
 * such headers cross-origin after a CORS preflight, which is refused unless configured.
 *
 * <p>Cloudflare Stream (when configured): the tus creation proxy is an API path (problem bodies,
 * the same CSRF exemption, CORS preflights allowed). Webhook deliveries ({@link
 * VideokitRequestMatchers#webhooks()}) need no login and no CSRF token: their HMAC signature,
 * checked by the endpoint, authenticates them. Reading or registering the webhook ({@code
 * GET}/{@code PUT}) still needs a principal; the endpoint itself checks for staff.
 *
 * <p>Actuator: the health endpoint and its groups (the liveness and readiness probes) are public
 * (Spring Boot shows their details to staff only, {@code management.endpoint.health.roles}); every
 * other actuator endpoint needs the staff role, with problem bodies for 401/403.
 *
 * <p>Users come from {@code videokit.server.users} ({@link
 * io.videokit.server.users.ServerUsersConfiguration}); the login form and the logout confirmation
 * are the server's own pages ({@link io.videokit.server.users.LoginPages}): {@code GET /login},
 * {@code GET /logout}, the form's CSRF token from {@code GET /api/csrf}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  private static final String[] PUBLIC_PAGES = {
    "/",
    "/index.html",
    "/watch.html",
    "/staff.html",
    "/broadcasts.html",
    "/login",
    "/login.html",
    "/logout",
    "/logout.html",
    "/api/csrf",
    "/assets/**",
    "/webjars/**",
    "/favicon.ico",
    "/error",
    // the API description and Swagger UI are public: they describe the public contract and hold
    // no data (calls made from Swagger UI still need a login where the API does)
    "/v3/api-docs",
    "/v3/api-docs/**",
    "/swagger-ui.html",
    "/swagger-ui/**"
  };

  /** The server's own JSON endpoints ({@code /api/me}, the shared-video list) live here too. */
  private static final String OWN_API = "/api/**";

  /** Creates the configuration; used by Spring. */
  public SecurityConfiguration() {}

  @Bean
  SecurityFilterChain videokitSecurity(
      HttpSecurity http,
      PageHeaders pageHeaders,
      VideokitRequestMatchers videokit,
      ProblemAuthenticationEntryPoint unauthenticated,
      ProblemAccessDeniedHandler forbidden,
      SecurityProperties security)
      throws Exception {
    RequestMatcher actuator = EndpointRequest.toAnyEndpoint();
    RequestMatcher api =
        new OrRequestMatcher(
            videokit.api(), PathPatternRequestMatcher.pathPattern(OWN_API), actuator);
    RequestMatcher csrfSafe =
        request ->
            api.matches(request)
                && (request.getHeader("Authorization") != null
                    || request.getHeader("Tus-Resumable") != null
                    || request.getHeader("X-Requested-With") != null);
    http.authorizeHttpRequests(authorize ->
            authorize
                .requestMatchers(EndpointRequest.to(HealthEndpoint.class))
                .permitAll()
                .requestMatchers(actuator)
                .hasRole(security.getStaffRole())
                .requestMatchers(HttpMethod.GET, PUBLIC_PAGES)
                .permitAll()
                .requestMatchers(videokit.publicReads())
                .permitAll()
                .requestMatchers(videokit.preflights())
                .permitAll()
                .requestMatchers(videokit.webhooks())
                .permitAll()
                .requestMatchers(videokit.liveIngest())
                .permitAll()
                .requestMatchers(videokit.writes())
                .authenticated()
                .anyRequest()
                .authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(badCredentials(api, unauthenticated)))
        // the server's own login and logout pages (LoginPages), styled as the app
        .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false))
        .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
        .csrf(csrf ->
            csrf.ignoringRequestMatchers(csrfSafe, videokit.webhooks(), videokit.liveIngest()))
        .exceptionHandling(exceptions ->
            exceptions
                .defaultAuthenticationEntryPointFor(unauthenticated, api)
                .defaultAccessDeniedHandlerFor(forbidden, api))
        .headers(pageHeaders::configure);
    return http.build();
  }

  /**
   * HTTP Basic credentials that are wrong or cannot be decoded: videokit's 401 problem on API
   * paths, the usual {@code WWW-Authenticate} challenge elsewhere.
   */
  private static AuthenticationEntryPoint badCredentials(
      RequestMatcher api, AuthenticationEntryPoint problem) {
    BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();
    challenge.setRealmName("Realm");
    return (request, response, exception) -> {
      if (api.matches(request)) {
        problem.commence(request, response, exception);
      } else {
        challenge.commence(request, response, exception);
      }
    };
  }
}
