package io.videokit.web.security;

import io.videokit.core.http.ProblemType;
import io.videokit.web.ProblemDetails;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers an API request Spring Security refused (a role missing, a missing or wrong CSRF token)
 * with the catalogue's 403 problem ({@link ProblemType#FORBIDDEN}). Registered as a bean by
 * videokit; use it for videokit's paths with {@code
 * exceptionHandling().defaultAccessDeniedHandlerFor}.
 */
public final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

  /** Creates the handler. */
  public ProblemAccessDeniedHandler() {}

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
      throws IOException {
    ProblemDetails.write(
        ProblemDetails.of(
            ProblemType.FORBIDDEN,
            "this request is not allowed (for a browser: missing CSRF token?)"),
        request,
        response);
  }
}
