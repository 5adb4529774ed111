package io.videokit.core.storage;

import org.apache.tika.Tika;

/** Media types of stored files, by file name (Apache Tika's registry). */
public final class MediaTypes {

  /** Sent when nothing better is known. */
  public static final String OCTET_STREAM = "application/octet-stream";

  private static final Tika TIKA = new Tika();

  private MediaTypes() {}

  /**
   * The media type for a file name, from its extension.
   *
   * @param fileName e.g. {@code clip.mp4}
   * @return e.g. {@code video/mp4}; {@link #OCTET_STREAM} when unknown
   */
  public static String forFileName(String fileName) {
    String detected = TIKA.detect(fileName);
    return detected == null ? OCTET_STREAM : detected;
  }
}
