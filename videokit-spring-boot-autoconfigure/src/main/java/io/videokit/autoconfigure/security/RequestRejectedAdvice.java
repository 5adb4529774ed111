package io.videokit.autoconfigure.security;

import io.videokit.autoconfigure.web.VideokitEndpoint;
import io.videokit.core.http.Problem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A firewall rejection raised while a videokit endpoint reads the request (the firewall checks
 * headers and parameters lazily, when they are read) is the 400 problem of {@link
 * ProblemRequestRejectedHandler}, not a 500. Ordered before {@code VideokitExceptionHandler}.
 */
@RestControllerAdvice(annotations = VideokitEndpoint.class)
public class RequestRejectedAdvice implements Ordered {

  /** Creates the advice. */
  public RequestRejectedAdvice() {}

  /**
   * Answers the rejection.
   *
   * @param exception the firewall's rejection
   * @param request the request
   * @return a 400 problem
   */
  @ExceptionHandler(RequestRejectedException.class)
  public ResponseEntity<Map<String, Object>> rejected(
      RequestRejectedException exception, HttpServletRequest request) {
    ProblemRequestRejectedHandler.logRejected(request, exception);
    Problem problem = ProblemRequestRejectedHandler.problem();
    return ResponseEntity.status(problem.status())
        .contentType(MediaType.parseMediaType(Problem.MEDIA_TYPE))
        .body(problem.toMap());
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
