package io.videokit.web.security;

import io.videokit.core.http.Problem;
import io.videokit.core.http.ProblemType;
import io.videokit.web.LogText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers a request Spring Security's firewall rejected (an encoded slash, {@code ;} or {@code ..}
 * in the path, a method it does not know …) with a 400 problem and logs one line, without a stack
 * trace: it is the client's error.
 */
public final class ProblemRequestRejectedHandler implements RequestRejectedHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemRequestRejectedHandler.class);

  /** Creates the handler. */
  public ProblemRequestRejectedHandler() {}

  /**
   * The problem answered for a rejected request.
   *
   * @return a 400 problem of type {@code request-rejected}
   */
  public static Problem problem() {
    return Problem.of(
        ProblemType.REQUEST_REJECTED,
        "the request was rejected: its URL, method or headers are not allowed");
  }

  /**
   * Logs the rejection as one line.
   *
   * @param request the request
   * @param exception why it was rejected
   */
  static void logRejected(HttpServletRequest request, RequestRejectedException exception) {
    log.info(
        "rejected {} {}: {}",
        LogText.of(request.getMethod()),
        LogText.of(request.getRequestURI()),
        LogText.of(exception.getMessage()));
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException exception)
      throws IOException {
    logRejected(request, exception);
    problem().write(response, request.getMethod());
  }
}
