package io.videokit.web;

import io.videokit.core.http.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;

/**
 * Spring {@link ProblemDetail}s of the problem catalogue ({@link ProblemType}): the one factory the
 * Spring MVC advice ({@link VideokitExceptionHandler}) and the Spring Security handlers use, and
 * the writer for handlers that answer outside Spring MVC (a security filter's entry point).
 */
public final class ProblemDetails {

  /** Spring's Jackson converter, which renders a {@link ProblemDetail} as Spring MVC does. */
  private static final JacksonJsonHttpMessageConverter JSON = new JacksonJsonHttpMessageConverter();

  private ProblemDetails() {}

  /**
   * The problem detail of a catalogue entry, with its catalogued status.
   *
   * @param type the entry
   * @param detail this occurrence explained for a person (never a stack trace, path or secret)
   * @return a new problem detail with type, title, status and detail set
   */
  public static ProblemDetail of(ProblemType type, String detail) {
    return of(type, type.status(), detail);
  }

  /**
   * The problem detail of a catalogue entry whose status {@linkplain ProblemType#statusVaries()
   * varies}.
   *
   * @param type the entry
   * @param status the status to answer
   * @param detail this occurrence explained
   * @return a new problem detail
   * @throws IllegalArgumentException if the entry does not allow that status
   */
  public static ProblemDetail of(ProblemType type, int status, String detail) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatusCode.valueOf(type.checkedStatus(status)), detail);
    problem.setType(URI.create(type.uri()));
    problem.setTitle(type.title());
    return problem;
  }

  /**
   * Writes a problem as the response, as Spring MVC would answer it from a controller advice
   * ({@code application/problem+json}, {@code instance} = the request path, {@code Cache-Control:
   * no-store}), unless the response is committed. Whatever was buffered is discarded first; a
   * {@code HEAD} answer gets headers only.
   *
   * @param problem the problem
   * @param request the request
   * @param response the response
   * @throws IOException if writing fails
   */
  public static void write(
      ProblemDetail problem, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    if (problem.getInstance() == null) {
      problem.setInstance(URI.create(request.getRequestURI()));
    }
    response.resetBuffer();
    response.setStatus(problem.getStatus());
    response.setHeader("Cache-Control", "no-store");
    if ("HEAD".equals(request.getMethod())) {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      return;
    }
    ServletServerHttpResponse output = new ServletServerHttpResponse(response);
    JSON.write(problem, MediaType.APPLICATION_PROBLEM_JSON, output);
    output.flush();
  }
}
