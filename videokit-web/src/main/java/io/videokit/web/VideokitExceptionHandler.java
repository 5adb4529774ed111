package io.videokit.web;

import io.videokit.core.http.ProblemType;
import io.videokit.core.stream.RangeStreamer;
import io.videokit.jpa.VideoAttachDeniedException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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
 * The one place where errors of videokit's controllers (and of any controller annotated {@link
 * VideokitEndpoint}) become RFC 9457 problem bodies: Spring {@link ProblemDetail}s whose type,
 * title and status come from the catalogue ({@link ProblemType}), as {@code
 * application/problem+json}. Client errors (4xx) log one line without a stack trace; unexpected
 * exceptions are logged with theirs and answered 500 without one.
 */
@RestControllerAdvice(annotations = VideokitEndpoint.class)
public class VideokitExceptionHandler {
  /** Creates the instance; used by Spring or by hand. */
  public VideokitExceptionHandler() {}

  private static final Logger log = LoggerFactory.getLogger(VideokitExceptionHandler.class);

  /** Problems are never stored by a cache. */
  private static final String NO_STORE = "no-store";

  /**
   * Answers a videokit problem.
   *
   * @param e the problem
   * @return its body with its status and headers
   */
  @ExceptionHandler(ApiProblem.class)
  public ResponseEntity<ProblemDetail> problem(ApiProblem e) {
    return answer(e.getBody(), e.getHeaders());
  }

  /**
   * Answers the client errors Spring MVC reports itself (unsupported method or media type, missing
   * header …) with their status, as the catalogue's {@code http/<status>} entry, keeping the
   * headers Spring adds ({@code Allow}, {@code Accept}).
   *
   * @param e what Spring MVC found
   * @return a problem with Spring's status
   */
  @ExceptionHandler({ErrorResponseException.class, ServletException.class})
  public ResponseEntity<ProblemDetail> springClientError(Exception e) {
    if (e instanceof ErrorResponse error && error.getStatusCode().is4xxClientError()) {
      int status = error.getStatusCode().value();
      String detail = error.getBody().getDetail();
      return answer(
          ProblemDetails.of(
              ProblemType.ofHttpStatus(status),
              status,
              detail == null ? "the request was not accepted" : detail),
          error.getHeaders());
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
  public ResponseEntity<ProblemDetail> unreadableBody(HttpMessageNotReadableException e) {
    return answer(
        ProblemDetails.of(
            ProblemType.BAD_REQUEST,
            "the request body is not readable: malformed, or not the JSON expected"),
        HttpHeaders.EMPTY);
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
  public ResponseEntity<ProblemDetail> badParameter(Exception e) {
    return answer(
        ProblemDetails.of(ProblemType.BAD_REQUEST, String.valueOf(e.getMessage())),
        HttpHeaders.EMPTY);
  }

  /**
   * Answers the attach policy refusing a Cloudflare uid (thrown while an entity holding it is
   * written) with 403.
   *
   * @param e the refusal
   * @return a 403 problem
   */
  @ExceptionHandler(VideoAttachDeniedException.class)
  public ResponseEntity<ProblemDetail> attachDenied(VideoAttachDeniedException e) {
    return answer(
        ProblemDetails.of(
            ProblemType.CLOUDFLARE_ATTACH_DENIED,
            "video "
                + e.uid()
                + " was not uploaded by you; only its uploader or staff may share it"),
        HttpHeaders.EMPTY);
  }

  /**
   * Answers anything unexpected with 500, logging it.
   *
   * @param e the exception
   * @return a 500 problem with no internals
   */
  @ExceptionHandler(Exception.class)
  public ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("unexpected error in a videokit endpoint", e);
    cancelZeroCopy();
    return answer(
        ProblemDetails.of(ProblemType.INTERNAL, "the server failed; the error was logged"),
        HttpHeaders.EMPTY);
  }

  /**
   * The answer for a problem, logging one line for a client error, with {@code Cache-Control:
   * no-store} (replacing what a media route had set). Other advice that must stay apart (it names a
   * class of an optional library) answers through this too.
   *
   * @param problem the problem
   * @param headers headers to send with it
   * @return the response entity
   */
  public static ResponseEntity<ProblemDetail> answer(ProblemDetail problem, HttpHeaders headers) {
    if (problem.getStatus() < 500) {
      logClientError(problem);
    }
    HttpHeaders all = new HttpHeaders();
    all.putAll(headers);
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current
        && current.getResponse() != null) {
      // replaces a media route's Cache-Control set before the failure
      current.getResponse().setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
    } else {
      all.setCacheControl(NO_STORE);
    }
    return ResponseEntity.status(problem.getStatus())
        .headers(all)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /** A body handed to sendfile must not go out under an error status. */
  private static void cancelZeroCopy() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current) {
      RangeStreamer.cancelZeroCopy(current.getRequest());
    }
  }

  private static void logClientError(ProblemDetail problem) {
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
        problem.getStatus(),
        problem.getType().getPath(),
        LogText.of(request),
        LogText.of(problem.getDetail()));
  }
}
