package io.videokit.web.broadcast;

import io.videokit.live.HlsPutHandler;
import io.videokit.web.VideokitEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The live ingest, {@code <videokit.broadcast.ingest-base-path>/<broadcast>/<file>}: publishers PUT
 * (and DELETE) HLS segments and their playlist with the broadcast's bearer secret, viewers GET
 * them. Every method goes to the {@link HlsPutHandler}, which checks the secret and answers its own
 * problems; the security chain lets these requests through without login or CSRF token ({@link
 * io.videokit.web.security.VideokitRequestMatchers#liveIngest()}).
 */
@RestController
@VideokitEndpoint
public class LiveIngestController {

  private final HlsPutHandler handler;

  /**
   * Creates the controller.
   *
   * @param handler the HLS-over-PUT handler
   */
  public LiveIngestController(HlsPutHandler handler) {
    this.handler = handler;
  }

  /**
   * One file of one broadcast, any method (the handler answers 405 with {@code Allow} to those it
   * does not serve).
   *
   * @param request the request
   * @param response the response
   * @throws IOException if the response cannot be written
   */
  @RequestMapping({
    "${videokit.broadcast.ingest-base-path:/live}/{broadcast}/{file}",
    // a reconnected publisher's segments, s<N>/<file>, which viewers fetch from the playlist
    "${videokit.broadcast.ingest-base-path:/live}/{broadcast}/{session}/{file}"
  })
  public void file(HttpServletRequest request, HttpServletResponse response) throws IOException {
    handler.handle(request, response);
  }
}
