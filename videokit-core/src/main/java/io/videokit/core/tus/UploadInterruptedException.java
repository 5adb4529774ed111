package io.videokit.core.tus;

import java.io.IOException;

/**
 * A request body ended before its declared end; the bytes received up to {@link #offset()} are
 * kept.
 */
final class UploadInterruptedException extends IOException {

  private static final long serialVersionUID = 1L;

  private final long offset;

  UploadInterruptedException(long offset, IOException cause) {
    super("upload interrupted at offset " + offset, cause);
    this.offset = offset;
  }

  long offset() {
    return offset;
  }
}
