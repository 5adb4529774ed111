package io.videokit.autoconfigure.web;

import io.videokit.core.http.Problem;

/**
 * An error answered by a videokit endpoint as an RFC 9457 problem; thrown by controllers and
 * services, translated in one place ({@link VideokitExceptionHandler}).
 */
public class ApiProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Problem problem;

  /**
   * Creates the exception.
   *
   * @param code stable code, e.g. {@code video/not-found}
   * @param title fixed summary
   * @param status HTTP status
   * @param detail this occurrence explained
   */
  public ApiProblem(String code, String title, int status, String detail) {
    super(detail);
    this.problem = Problem.of(code, title, status, detail);
  }

  /**
   * The problem to answer.
   *
   * @return the problem
   */
  public Problem problem() {
    return problem;
  }

  /**
   * 401: the operation needs an authenticated principal.
   *
   * @param what what was attempted
   * @return the exception
   */
  public static ApiProblem unauthenticated(String what) {
    return new ApiProblem(
        "unauthenticated",
        "Authentication required",
        401,
        what + " needs an authenticated principal");
  }

  /**
   * 403: the caller may not do this.
   *
   * @param detail why
   * @return the exception
   */
  public static ApiProblem forbidden(String detail) {
    return new ApiProblem("forbidden", "Forbidden", 403, detail);
  }

  /**
   * 404: no such thing.
   *
   * @param code e.g. {@code video/not-found}
   * @param detail what was looked for
   * @return the exception
   */
  public static ApiProblem notFound(String code, String detail) {
    return new ApiProblem(code, "Not found", 404, detail);
  }

  /**
   * 400: a parameter is wrong.
   *
   * @param detail which and why
   * @return the exception
   */
  public static ApiProblem badRequest(String detail) {
    return new ApiProblem("bad-request", "Bad request", 400, detail);
  }
}
