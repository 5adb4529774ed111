package io.videokit.core.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * An RFC 9457 problem detail, written as {@code application/problem+json} by the servlet-level
 * handlers (tus, range streaming, the security entry points, the web server's error report). Its
 * type, title and status come from the catalogue, {@link ProblemType}.
 *
 * @param type a URI naming the problem kind, e.g. {@code
 *     https://videokit.io/problems/tus/mismatched-offset}
 * @param title a short, fixed summary of the problem kind
 * @param status the HTTP status code
 * @param detail this occurrence explained for a person (never a stack trace, path or secret)
 */
public record Problem(URI type, String title, int status, String detail) {

  /** The media type of problem bodies (RFC 9457 §3). */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** Base of the {@code type} URIs of videokit's problems. */
  public static final String TYPE_BASE = "https://videokit.io/problems/";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * The problem of a catalogue entry, with its catalogued status.
   *
   * @param type the entry
   * @param detail explanation of this occurrence
   * @return the problem
   */
  public static Problem of(ProblemType type, String detail) {
    return type.problem(detail);
  }

  /**
   * The JSON members of this problem.
   *
   * @return {@code type, title, status, detail} in that order
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("type", type.toString());
    map.put("title", title);
    map.put("status", status);
    map.put("detail", detail);
    return map;
  }

  /**
   * This problem as a JSON document.
   *
   * @return the UTF-8 bytes of {@link #toMap()}
   */
  public byte[] toJson() {
    return JSON.writeValueAsBytes(toMap());
  }

  /**
   * Sets the status, {@code Cache-Control: no-store} and writes this problem as the body, unless
   * the response is already committed (then nothing can be said any more and the call does
   * nothing). Whatever was buffered but not yet sent is discarded first, so the body is the problem
   * alone.
   *
   * @param response the response to write
   * @param method the request method; a {@code HEAD} answer gets headers only
   * @throws IOException if writing fails
   */
  public void write(HttpServletResponse response, String method) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    byte[] body = toJson();
    response.resetBuffer();
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType(MEDIA_TYPE);
    response.setContentLength(body.length);
    if (!"HEAD".equals(method)) {
      response.getOutputStream().write(body);
    }
  }
}
