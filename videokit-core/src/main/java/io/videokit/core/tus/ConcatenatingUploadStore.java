package io.videokit.core.tus;

import java.io.IOException;
import java.util.List;

/**
 * A store that can assemble a final upload from partial ones: the tus concatenation extension.
 * Without it the handler refuses {@code Upload-Concat} with 400.
 */
public interface ConcatenatingUploadStore extends UploadStore {

  /**
   * Fills a final upload with the bytes of finished partial uploads, in order. The parts stay; the
   * handler removes them once the final upload is completed (if the store is also a {@link
   * TerminatingUploadStore}).
   *
   * @param finalId the final upload, empty so far
   * @param partIds the partial uploads
   * @return the final upload's length in bytes
   * @throws IOException if copying fails (the final upload stays empty)
   */
  long concatenate(String finalId, List<String> partIds) throws IOException;
}
