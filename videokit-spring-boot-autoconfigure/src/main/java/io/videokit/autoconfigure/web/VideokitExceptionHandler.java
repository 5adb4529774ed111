package io.videokit.autoconfigure.web;

import io.videokit.core.http.Problem;
import io.videokit.core.stream.RangeStreamer;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The one place where errors of videokit's controllers become RFC 9457 problem bodies. Client
 * errors (4xx) log one line without a stack trace; unexpected exceptions are logged with theirs and
 * answered 500 without one.
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
   * Answers the client errors Spring MVC reports itself (unsupported method or media type, missing
   * header, unreadable body …) with their status.
   *
   * @param e what Spring MVC found
   * @return a problem with Spring's status
   */
  @ExceptionHandler({ErrorResponseException.class, ServletException.class})
  public ResponseEntity<Map<String, Object>> springClientError(Exception e) {
    if (e instanceof ErrorResponse error && error.getStatusCode().is4xxClientError()) {
      int status = error.getStatusCode().value();
      HttpStatus known = HttpStatus.resolve(status);
      String detail = error.getBody().getDetail();
      return answer(
          Problem.of(
              "http/" + status,
              known == null ? "Client error" : known.getReasonPhrase(),
              status,
              detail == null ? "the request was not accepted" : detail));
    }
    return unexpected(e);
  }

  /**
   * Answers a request body that cannot be read (malformed JSON …) with 400.
   *
   * @param e what the message converter found
   * @return a 400 problem
   */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  public ResponseEntity<Map<String, Object>> unreadableBody(HttpMessageNotReadableException e) {
    return answer(
        Problem.of("bad-request", "Bad request", 400, "the request body is not readable"));
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
    cancelZeroCopy();
    return answer(
        Problem.of("internal", "Internal error", 500, "the server failed; the error was logged"));
  }

  /** A body handed to sendfile must not go out under an error status. */
  private static void cancelZeroCopy() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current) {
      RangeStreamer.cancelZeroCopy(current.getRequest());
    }
  }

  private static void logClientError(Problem problem) {
    if (!log.isInfoEnabled()) {
      return;
    }
    String request = "-";
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current) {
      HttpServletRequest servletRequest = current.getRequest();
      request = servletRequest.getMethod() + " " + servletRequest.getRequestURI();
    }
    log.info(
        "{} {} for {}: {}",
        problem.status(),
        problem.type().getPath(),
        LogText.of(request),
        LogText.of(problem.detail()));
  }

  private static ResponseEntity<Map<String, Object>> answer(Problem problem) {
    if (problem.status() < 500) {
      logClientError(problem);
    }
    return ResponseEntity.status(problem.status()).contentType(PROBLEM).body(problem.toMap());
  }
}
