package io.videokit.core.media;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a video file's duration and dimensions. */
public interface MediaProbe {

  /**
   * Probes a local file.
   *
   * @param file the file
   * @return duration and dimensions
   * @throws MediaProbeException if the file is not a decodable video
   * @throws IOException if the probe cannot run
   */
  ProbeResult probe(Path file) throws MediaProbeException, IOException;
}
