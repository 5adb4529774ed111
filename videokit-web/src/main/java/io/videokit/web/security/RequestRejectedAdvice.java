package io.videokit.web.security;

import io.videokit.core.http.ProblemType;
import io.videokit.web.ProblemDetails;
import io.videokit.web.VideokitEndpoint;
import io.videokit.web.VideokitExceptionHandler;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A firewall rejection raised while a videokit endpoint reads the request (the firewall checks
 * headers and parameters lazily, when they are read) is the 400 problem of {@link
 * ProblemRequestRejectedHandler}, not a 500. Ordered before {@code VideokitExceptionHandler} and
 * answered through it ({@link VideokitExceptionHandler#answer}); it is an advice of its own only
 * because it names a class of Spring Security, which is optional.
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
  public ResponseEntity<ProblemDetail> rejected(
      RequestRejectedException exception, HttpServletRequest request) {
    ProblemRequestRejectedHandler.logRejected(request, exception);
    return VideokitExceptionHandler.answer(
        ProblemDetails.of(
            ProblemType.REQUEST_REJECTED, ProblemRequestRejectedHandler.problem().detail()),
        HttpHeaders.EMPTY);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
