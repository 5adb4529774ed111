package io.videokit.autoconfigure.web;

import io.videokit.core.http.Problem;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The one place where errors of videokit's controllers become RFC 9457 problem bodies. Unexpected
 * exceptions are logged and answered 500 without a stack trace.
 */
@RestControllerAdvice(annotations = VideokitEndpoint.class)
public class VideokitExceptionHandler {
  /** Creates the instance; used by Spring or by hand. */
  public VideokitExceptionHandler() {}

  private static final Logger log = LoggerFactory.getLogger(VideokitExceptionHandler.class);
  private static final MediaType PROBLEM = MediaType.parseMediaType(Problem.MEDIA_TYPE);

  /**
   * Answers a videokit problem.
   *
   * @param e the problem
   * @return its body with its status
   */
  @ExceptionHandler(ApiProblem.class)
  public ResponseEntity<Map<String, Object>> problem(ApiProblem e) {
    return answer(e.problem());
  }

  /**
   * Answers a missing or malformed request parameter with 400.
   *
   * @param e what Spring MVC found
   * @return a 400 problem
   */
  @ExceptionHandler({
    MissingServletRequestParameterException.class,
    MethodArgumentTypeMismatchException.class
  })
  public ResponseEntity<Map<String, Object>> badParameter(Exception e) {
    return answer(Problem.of("bad-request", "Bad request", 400, e.getMessage()));
  }

  /**
   * Answers anything unexpected with 500, logging it.
   *
   * @param e the exception
   * @return a 500 problem with no internals
   */
  @ExceptionHandler(Exception.class)
  public ResponseEntity<Map<String, Object>> unexpected(Exception e) {
    log.error("unexpected error in a videokit endpoint", e);
    return answer(
        Problem.of("internal", "Internal error", 500, "the server failed; the error was logged"));
  }

  private static ResponseEntity<Map<String, Object>> answer(Problem problem) {
    return ResponseEntity.status(problem.status()).contentType(PROBLEM).body(problem.toMap());
  }
}
