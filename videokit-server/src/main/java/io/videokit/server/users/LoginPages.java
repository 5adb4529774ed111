package io.videokit.server.users;

import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The login and logout pages, static files styled as the rest of the app: {@code GET /login} shows
 * {@code login.html} (Spring Security handles the form's {@code POST /login}; a failed login comes
 * back as {@code /login?error}, a logout as {@code /login?logout}), {@code GET /logout} shows
 * {@code logout.html}, which asks before it posts {@code /logout}. The pages have no inline script;
 * they read the CSRF token from {@code GET /api/csrf}.
 */
@Configuration(proxyBeanMethods = false)
public class LoginPages implements WebMvcConfigurer {

  /** Creates the pages; used by Spring. */
  public LoginPages() {}

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addViewController("/login").setViewName("forward:/login.html");
    registry.addViewController("/logout").setViewName("forward:/logout.html");
  }

  /** {@code GET /api/csrf}: the CSRF token the login and logout forms send. */
  @RestController
  public static class CsrfController {

    /** Creates the controller; used by Spring. */
    public CsrfController() {}

    /**
     * The session's CSRF token.
     *
     * @param token Spring Security's token of this request
     * @return {@code {parameterName, headerName, token}}
     */
    @GetMapping("/api/csrf")
    public Map<String, String> csrf(CsrfToken token) {
      return Map.of(
          "parameterName", token.getParameterName(),
          "headerName", token.getHeaderName(),
          "token", token.getToken());
    }
  }
}
