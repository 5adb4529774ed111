package io.videokit.server;

import io.videokit.core.http.Problem;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what on the reference server: pages and playback are public, every write needs a
 * principal (HTTP Basic or the login form), and API errors are RFC 9457 problems, never a login
 * redirect.
 *
 * <p>CSRF: API requests are exempt only when they carry a header a cross-site form cannot send
 * ({@code Authorization}, {@code Tus-Resumable} or {@code X-Requested-With}); browsers only send
 * such headers cross-origin after a CORS preflight, which is refused unless configured.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  private static final String[] PUBLIC_PAGES = {
    "/", "/index.html", "/watch.html", "/staff.html", "/assets/**", "/favicon.ico", "/error"
  };

  private static final String[] PUBLIC_READS = {
    "/api/stream", "/api/stream/", "/api/videos/*", "/api/videos/*/file"
  };

  @Bean
  SecurityFilterChain videokitSecurity(HttpSecurity http) throws Exception {
    RequestMatcher api =
        request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    RequestMatcher csrfSafe =
        request ->
            api.matches(request)
                && (request.getHeader("Authorization") != null
                    || request.getHeader("Tus-Resumable") != null
                    || request.getHeader("X-Requested-With") != null);
    http.authorizeHttpRequests(authorize ->
            authorize
                .requestMatchers(HttpMethod.GET, PUBLIC_PAGES)
                .permitAll()
                .requestMatchers(HttpMethod.GET, PUBLIC_READS)
                .permitAll()
                .requestMatchers(HttpMethod.HEAD, PUBLIC_READS)
                .permitAll()
                .requestMatchers(HttpMethod.OPTIONS, "/api/uploads", "/api/uploads/**")
                .permitAll()
                .anyRequest()
                .authenticated())
        .httpBasic(Customizer.withDefaults())
        .formLogin(form -> form.defaultSuccessUrl("/", false))
        .logout(logout -> logout.logoutSuccessUrl("/"))
        .csrf(csrf -> csrf.ignoringRequestMatchers(csrfSafe))
        .exceptionHandling(exceptions ->
            exceptions
                .defaultAuthenticationEntryPointFor(unauthenticatedProblem(), api)
                .defaultAccessDeniedHandlerFor(forbiddenProblem(), api));
    return http.build();
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
