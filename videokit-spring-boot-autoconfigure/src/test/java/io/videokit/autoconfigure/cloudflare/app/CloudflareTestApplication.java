package io.videokit.autoconfigure.cloudflare.app;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A small application using the video attribute, with either provider. */
@SpringBootApplication
public class CloudflareTestApplication {

  /** The header naming the test's principal (the app has no Spring Security). */
  public static final String TEST_USER = "X-Test-User";

  /**
   * Authenticates a request as the user named by {@link #TEST_USER}, standing in for the login of a
   * real application.
   *
   * @return the filter
   */
  @Bean
  Filter testPrincipal() {
    return (request, response, chain) -> {
      HttpServletRequest http = (HttpServletRequest) request;
      String user = http.getHeader(TEST_USER);
      if (user == null) {
        chain.doFilter(request, response);
        return;
      }
      Principal principal = () -> user;
      chain.doFilter(
          new HttpServletRequestWrapper(http) {
            @Override
            public Principal getUserPrincipal() {
              return principal;
            }

            @Override
            public String getRemoteUser() {
              return user;
            }
          },
          response);
    };
  }
}
