package io.videokit.web;

import io.videokit.core.http.ProblemType;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponseException;

/**
 * An error answered by a videokit endpoint as an RFC 9457 problem of the catalogue ({@link
 * ProblemType}); thrown by controllers and services, translated in one place ({@link
 * VideokitExceptionHandler}). Being a Spring {@link ErrorResponseException}, its {@link #getBody()
 * body} is the {@code ProblemDetail} answered and {@link #getHeaders()} the headers sent with it.
 */
public class ApiProblem extends ErrorResponseException {

  private static final long serialVersionUID = 1L;

  private final ProblemType type;

  /**
   * Creates the exception with the entry's status.
   *
   * @param type the catalogue entry
   * @param detail this occurrence explained
   */
  public ApiProblem(ProblemType type, String detail) {
    this(type, type.status(), detail);
  }

  /**
   * Creates the exception for an entry whose status {@linkplain ProblemType#statusVaries() varies}.
   *
   * @param type the catalogue entry
   * @param status the status to answer
   * @param detail this occurrence explained
   * @throws IllegalArgumentException if the entry does not allow that status
   */
  public ApiProblem(ProblemType type, int status, String detail) {
    super(
        HttpStatusCode.valueOf(type.checkedStatus(status)),
        ProblemDetails.of(type, status, detail),
        null);
    this.type = type;
  }

  /**
   * The catalogue entry.
   *
   * @return e.g. {@link ProblemType#VIDEO_NOT_FOUND}
   */
  public ProblemType type() {
    return type;
  }

  /**
   * Adds a header to the answer (e.g. {@code Allow} to a 405).
   *
   * @param name the header name
   * @param value its value
   * @return this exception
   */
  public ApiProblem withHeader(String name, String value) {
    getHeaders().add(name, value);
    return this;
  }

  @Override
  public String getMessage() {
    String detail = getBody().getDetail();
    return type.code() + ": " + (detail == null ? type.title() : detail);
  }

  /**
   * 401: the operation needs an authenticated principal.
   *
   * @param what what was attempted
   * @return the exception
   */
  public static ApiProblem unauthenticated(String what) {
    return new ApiProblem(ProblemType.UNAUTHENTICATED, what + " needs an authenticated principal");
  }

  /**
   * 403: the caller may not do this.
   *
   * @param detail why
   * @return the exception
   */
  public static ApiProblem forbidden(String detail) {
    return new ApiProblem(ProblemType.FORBIDDEN, detail);
  }

  /**
   * 404: no such thing.
   *
   * @param type a 404 entry, e.g. {@link ProblemType#VIDEO_NOT_FOUND}
   * @param detail what was looked for
   * @return the exception
   */
  public static ApiProblem notFound(ProblemType type, String detail) {
    return new ApiProblem(type, detail);
  }

  /**
   * 400: a parameter is wrong.
   *
   * @param detail which and why
   * @return the exception
   */
  public static ApiProblem badRequest(String detail) {
    return new ApiProblem(ProblemType.BAD_REQUEST, detail);
  }
}
