package io.videokit.web.security;

import io.videokit.core.http.ProblemType;
import io.videokit.web.ProblemDetails;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers an API request that needs a principal with the catalogue's 401 problem ({@link
 * ProblemType#UNAUTHENTICATED}), never a login redirect or a browser's Basic dialog: "log in, or
 * send HTTP Basic credentials" when none were sent, "the credentials were not accepted" when they
 * were wrong or unreadable. Registered as a bean by videokit; use it for videokit's paths ({@link
 * VideokitRequestMatchers#api()}) with {@code
 * exceptionHandling().defaultAuthenticationEntryPointFor} and as the HTTP Basic entry point.
 */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

  /** Creates the entry point. */
  public ProblemAuthenticationEntryPoint() {}

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    String detail =
        exception instanceof InsufficientAuthenticationException
            ? "log in, or send HTTP Basic credentials"
            : "the credentials were not accepted";
    ProblemDetails.write(ProblemDetails.of(ProblemType.UNAUTHENTICATED, detail), request, response);
  }
}
