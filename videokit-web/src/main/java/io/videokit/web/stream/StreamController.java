package io.videokit.web.stream;

import io.videokit.core.stream.ServedMedia;
import io.videokit.web.ApiProblem;
import io.videokit.web.VideokitEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Range-streaming endpoints: {@code GET|HEAD /api/videos/{uid}/file} and django-sage-streaming's
 * {@code GET|HEAD /api/stream/?path=<relative path>} (path and parameter name configurable).
 */
@RestController
@VideokitEndpoint
public class StreamController {

  private final StreamingService streaming;
  private final String pathVariable;

  /**
   * Creates the controller.
   *
   * @param streaming the streaming service
   * @param pathVariable the query parameter holding the media path
   */
  public StreamController(StreamingService streaming, String pathVariable) {
    this.streaming = streaming;
    this.pathVariable = pathVariable;
  }

  /**
   * Streams a video's file by uid.
   *
   * @param uid the video uid
   * @param request the request
   * @param response the response
   * @throws IOException if the file cannot be read
   */
  @RequestMapping(
      path = "/api/videos/{uid}/file",
      method = {RequestMethod.GET, RequestMethod.HEAD})
  public void video(
      @PathVariable String uid, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    streaming.streamVideo(request, response, uid); // protects every answer it gives
  }

  /**
   * Streams a file under the media root, named by the {@code path} query parameter.
   *
   * @param request the request
   * @param response the response
   * @throws IOException if the file cannot be read
   */
  @RequestMapping(
      path = {"${videokit.streaming.path:/api/stream}", "${videokit.streaming.path:/api/stream}/"},
      method = {RequestMethod.GET, RequestMethod.HEAD})
  public void path(HttpServletRequest request, HttpServletResponse response) throws IOException {
    // streamPath protects every answer it gives; the answers refused before it, here
    String variable = pathVariable;
    String path;
    try {
      path = request.getParameter(variable); // may be refused by a firewall's rule for values
      if (path == null || path.isEmpty()) {
        throw ApiProblem.badRequest("the '" + variable + "' query parameter is required");
      }
    } catch (RuntimeException refused) {
      ServedMedia.protect(response);
      throw refused;
    }
    streaming.streamPath(request, response, path);
  }
}
