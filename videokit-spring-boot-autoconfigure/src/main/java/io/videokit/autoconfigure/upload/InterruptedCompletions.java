package io.videokit.autoconfigure.upload;

import io.videokit.core.tus.TusHandler;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Finishes, once the application is ready, the upload completions that a crash (kill -9, power
 * loss, an out-of-memory kill) interrupted: uploads whose bytes all arrived but that never became a
 * video. The cleanup job and each HEAD or PATCH of such an upload do the same later.
 */
public class InterruptedCompletions implements ApplicationListener<ApplicationReadyEvent> {

  private static final Logger log = LoggerFactory.getLogger(InterruptedCompletions.class);

  private final TusHandler handler;

  /**
   * Creates the listener.
   *
   * @param handler the tus handler whose store is scanned
   */
  public InterruptedCompletions(TusHandler handler) {
    this.handler = handler;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    try {
      int resumed = handler.resumeCompletions();
      if (resumed > 0) {
        log.info("finished {} upload completions interrupted by a crash", resumed);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("could not resume interrupted upload completions: {}", e.toString());
    }
  }
}
