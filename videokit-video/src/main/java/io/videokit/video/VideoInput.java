package io.videokit.video;

/**
 * Dimensions of the uploaded video ({@code input}); {@code -1} while unknown.
 *
 * @param width width in pixels
 * @param height height in pixels
 */
public record VideoInput(int width, int height) {

  /** Dimensions not known yet. */
  public static final VideoInput UNKNOWN = new VideoInput(-1, -1);
}
