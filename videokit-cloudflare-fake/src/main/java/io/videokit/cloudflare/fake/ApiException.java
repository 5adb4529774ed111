package io.videokit.cloudflare.fake;

/** Thrown inside the fake to answer with a Cloudflare failure envelope. */
final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final int code;

  ApiException(int status, int code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, FakeResponse.INVALID_REQUEST, message);
  }

  static ApiException notFound(String what) {
    return new ApiException(404, FakeResponse.NOT_FOUND, "Not Found: " + what);
  }

  int status() {
    return status;
  }

  FakeResponse toResponse() {
    return FakeResponse.failure(status, code, getMessage());
  }
}
