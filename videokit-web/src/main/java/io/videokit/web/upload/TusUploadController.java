package io.videokit.web.upload;

import io.videokit.core.tus.TusHandler;
import io.videokit.web.Caller;
import io.videokit.web.VideokitEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tus 1.0.0 endpoint: {@code POST|OPTIONS <path>} creates uploads, {@code
 * HEAD|PATCH|DELETE|OPTIONS <path>/<id>} resumes, writes and terminates them. The path is {@code
 * videokit.uploads.path} ({@code /api/uploads} by default).
 */
@RestController
@VideokitEndpoint
public class TusUploadController {

  private final TusHandler handler;
  private final String staffRole;

  /**
   * Creates the controller.
   *
   * @param handler the protocol handler
   * @param staffRole the role whose holders are staff
   */
  public TusUploadController(TusHandler handler, String staffRole) {
    this.handler = handler;
    this.staffRole = staffRole;
  }

  /**
   * The collection URL: creation and discovery.
   *
   * @param request the request
   * @param response the response
   * @throws IOException if the response cannot be written
   */
  @RequestMapping(
      path = {"${videokit.uploads.path:/api/uploads}", "${videokit.uploads.path:/api/uploads}/"},
      method = {RequestMethod.POST, RequestMethod.OPTIONS})
  public void collection(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    handler.handle(request, response, null, caller(request));
  }

  /**
   * An upload URL: offset, write, terminate.
   *
   * @param id the upload id
   * @param request the request
   * @param response the response
   * @throws IOException if the response cannot be written
   */
  @RequestMapping(
      path = "${videokit.uploads.path:/api/uploads}/{id}",
      method = {
        RequestMethod.HEAD,
        RequestMethod.PATCH,
        RequestMethod.DELETE,
        RequestMethod.OPTIONS,
        RequestMethod.POST
      })
  public void upload(
      @PathVariable String id, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    handler.handle(request, response, id, caller(request));
  }

  private io.videokit.core.tus.@org.jspecify.annotations.Nullable TusCaller caller(
      HttpServletRequest request) {
    return Caller.of(request, staffRole).toTusCaller();
  }
}
