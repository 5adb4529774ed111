package io.videokit.web.tomcat;

import io.videokit.core.http.Problem;
import io.videokit.core.http.ProblemType;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat's error report as an RFC 9457 problem instead of an HTML page. Tomcat answers some
 * requests itself, before any servlet or filter runs: a request line or header section over {@code
 * server.max-http-request-header-size} (8 KB by default), a malformed request line or header, an
 * encoded slash in the path. Like the valve it replaces it reports only an error status with no
 * body written yet, and never shows a stack trace or the server's version.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

  /** Creates the valve (Tomcat may also instantiate it by class name). */
  public ProblemErrorReportValve() {}

  @Override
  protected void report(Request request, Response response, @Nullable Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    String body = new String(problem(status).toJson(), StandardCharsets.UTF_8);
    try {
      response.setContentType(Problem.MEDIA_TYPE);
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the response was committed meanwhile: nothing more can be said
    }
  }

  /**
   * The problem reported for a status Tomcat set itself.
   *
   * @param status the status, {@code >= 400}
   * @return the problem, of the catalogue's type {@code http/<status>} (or its fallback)
   */
  static Problem problem(int status) {
    String detail =
        status == 400
            ? "the request could not be read: it is malformed, or its request line or headers are"
                + " too large"
            : status >= 500
                ? "the server failed; the error was logged"
                : "the web server refused the request before the application saw it";
    return ProblemType.ofHttpStatus(status).problem(status, detail);
  }
}
