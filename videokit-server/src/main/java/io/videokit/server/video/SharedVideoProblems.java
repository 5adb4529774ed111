package io.videokit.server.video;

import io.videokit.autoconfigure.cloudflare.CloudflareAttachDeniedException;
import io.videokit.autoconfigure.web.ApiProblem;
import io.videokit.core.http.Problem;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of {@link SharedVideoController} as RFC 9457 problems, like videokit's own endpoints
 * answer them. In particular videokit's attach policy refusing a uid ({@link
 * CloudflareAttachDeniedException}, thrown while the row is inserted) becomes 403.
 */
@RestControllerAdvice(assignableTypes = SharedVideoController.class)
public class SharedVideoProblems {

  private static final Logger log = LoggerFactory.getLogger(SharedVideoProblems.class);
  private static final MediaType PROBLEM = MediaType.parseMediaType(Problem.MEDIA_TYPE);

  /** Creates the advice; used by Spring. */
  public SharedVideoProblems() {}

  /**
   * A problem the controller raised.
   *
   * @param e the problem
   * @return its body with its status
   */
  @ExceptionHandler(ApiProblem.class)
  public ResponseEntity<Map<String, Object>> problem(ApiProblem e) {
    return answer(e.problem());
  }

  /**
   * The caller may not attach that Cloudflare video: someone else uploaded it.
   *
   * @param e the refusal
   * @return 403
   */
  @ExceptionHandler(CloudflareAttachDeniedException.class)
  public ResponseEntity<Map<String, Object>> attachDenied(CloudflareAttachDeniedException e) {
    log.info("refused sharing Cloudflare video {}: not uploaded by the caller", e.uid());
    return answer(
        Problem.of(
            "cloudflare/attach-denied",
            "Forbidden",
            403,
            "video "
                + e.uid()
                + " was not uploaded by you; only its uploader or staff may share it"));
  }

  /**
   * A body that is not the expected JSON, or a malformed parameter.
   *
   * @param e what Spring MVC found
   * @return 400
   */
  @ExceptionHandler({
    HttpMessageNotReadableException.class,
    MethodArgumentTypeMismatchException.class,
    MissingServletRequestParameterException.class
  })
  public ResponseEntity<Map<String, Object>> badRequest(Exception e) {
    String detail =
        e instanceof HttpMessageNotReadableException
            ? "the body must be a JSON object {\"uid\", \"title\"}"
            : e.getMessage();
    return answer(Problem.of("bad-request", "Bad request", 400, detail));
  }

  private static ResponseEntity<Map<String, Object>> answer(Problem problem) {
    return ResponseEntity.status(problem.status()).contentType(PROBLEM).body(problem.toMap());
  }
}
