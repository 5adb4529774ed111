package io.videokit.core.media;

/**
 * What a media probe found in a file.
 *
 * @param durationSeconds length in seconds, {@code -1} if unknown
 * @param width width of the first video stream in pixels
 * @param height height of the first video stream in pixels
 * @param videoCodec codec name of that stream, e.g. {@code h264}
 */
public record ProbeResult(double durationSeconds, int width, int height, String videoCodec) {}
