package io.videokit.core.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

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

  /**
   * Builds the byte-offset to presentation-time index of a local video file, for watch heatmaps.
   * Probes that cannot list packets return empty (the default).
   *
   * @param file the file (already probed as a video)
   * @return the index, or empty when this probe cannot build one
   * @throws IOException if the packet listing fails
   */
  default Optional<TimeIndex> timeIndex(Path file) throws IOException {
    return Optional.empty();
  }
}
