package io.videokit.autoconfigure.properties;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Range streaming ({@code videokit.streaming.*}). */
@ConfigurationProperties(prefix = StreamingProperties.PREFIX)
public class StreamingProperties {

  /** The prefix of these settings. */
  public static final String PREFIX = "videokit.streaming";

  private static final Pattern ORIGIN =
      Pattern.compile(
          "(?i)https?://[a-z0-9.-]+(:[0-9]{1,5})?|(?i)https?://\\[[0-9a-f:.]+\\](:[0-9]{1,5})?");

  /** Path of the path-based stream endpoint (django-sage-streaming's {@code /api/stream/}). */
  private String path = "/api/stream";

  /**
   * Name of the query parameter holding the media path (sage's STREAM_DEFAULT_VIDEO_PATH_URL_VAR).
   */
  private String pathVariable = "path";

  /** Largest body of a single-range 206 answer; 0 means no cap (sage's STREAM_MAX_LOAD_VOLUME). */
  private DataSize maxRangeLength = DataSize.ofBytes(0);

  /** Most ranges accepted in one Range header; more are refused with 416. */
  private int maxRanges = 100;

  /** Whether to let the servlet container send local files with sendfile (zero-copy). */
  private boolean zeroCopy = true;

  /**
   * Whether Tomcat's connector reports how many bytes each sendfile transfer wrote, so that watch
   * sessions keep sendfile for answers over 1 MiB instead of copying them (it sets the connector's
   * protocol to {@code io.videokit.web.tomcat.SendfileReportingProtocol} unless the application
   * chose another one).
   */
  private boolean reportSendfile = true;

  /** Copy buffer per response when not zero-copy. */
  private DataSize bufferSize = DataSize.ofKilobytes(64);

  /**
   * A separate origin for media URLs (the video object's {@code playback.file}, the page's {@code
   * <video src>}), e.g. {@code https://media.example-usercontent.com}: a registrable domain of its
   * own, pointing at this server, that shares no cookies with the application. Unset: media URLs
   * are on the application's origin.
   */
  private @Nullable String mediaOrigin;

  /** Creates the settings with their defaults; used by Spring or by hand. */
  public StreamingProperties() {}

  /**
   * The path endpoint.
   *
   * @return e.g. {@code /api/stream}
   */
  public String getPath() {
    return path;
  }

  /**
   * Sets the path endpoint.
   *
   * @param path e.g. {@code /api/stream}
   */
  public void setPath(String path) {
    this.path = path;
  }

  /**
   * The query parameter name.
   *
   * @return e.g. {@code path}
   */
  public String getPathVariable() {
    return pathVariable;
  }

  /**
   * Sets the query parameter name.
   *
   * @param pathVariable e.g. {@code path}
   */
  public void setPathVariable(String pathVariable) {
    this.pathVariable = pathVariable;
  }

  /**
   * The single-range cap.
   *
   * @return the size, 0 for none
   */
  public DataSize getMaxRangeLength() {
    return maxRangeLength;
  }

  /**
   * Sets the single-range cap.
   *
   * @param maxRangeLength the size, 0 for none
   */
  public void setMaxRangeLength(DataSize maxRangeLength) {
    this.maxRangeLength = maxRangeLength;
  }

  /**
   * The range count limit.
   *
   * @return the limit
   */
  public int getMaxRanges() {
    return maxRanges;
  }

  /**
   * Sets the range count limit.
   *
   * @param maxRanges the limit
   */
  public void setMaxRanges(int maxRanges) {
    this.maxRanges = maxRanges;
  }

  /**
   * Whether zero-copy is used.
   *
   * @return true by default
   */
  public boolean isZeroCopy() {
    return zeroCopy;
  }

  /**
   * Switches zero-copy.
   *
   * @param zeroCopy true to use sendfile when available
   */
  public void setZeroCopy(boolean zeroCopy) {
    this.zeroCopy = zeroCopy;
  }

  /**
   * Whether Tomcat's connector reports sendfile transfers.
   *
   * @return true by default
   */
  public boolean isReportSendfile() {
    return reportSendfile;
  }

  /**
   * Switches the reports of sendfile transfers (watch sessions then copy answers over 1 MiB).
   *
   * @param reportSendfile true to let the connector report them
   */
  public void setReportSendfile(boolean reportSendfile) {
    this.reportSendfile = reportSendfile;
  }

  /**
   * The copy buffer.
   *
   * @return the size
   */
  public DataSize getBufferSize() {
    return bufferSize;
  }

  /**
   * Sets the copy buffer.
   *
   * @param bufferSize the size
   */
  public void setBufferSize(DataSize bufferSize) {
    this.bufferSize = bufferSize;
  }

  /**
   * The separate origin media URLs use, or null for the application's own.
   *
   * @return e.g. {@code https://media.example-usercontent.com}
   */
  public @Nullable String getMediaOrigin() {
    return mediaOrigin;
  }

  /**
   * Sets the separate media origin.
   *
   * @param mediaOrigin {@code https://host[:port]} (or {@code http://}), no path; blank for none
   * @throws IllegalArgumentException if it is not an origin
   */
  public void setMediaOrigin(@Nullable String mediaOrigin) {
    if (mediaOrigin == null || mediaOrigin.isBlank()) {
      this.mediaOrigin = null;
      return;
    }
    String origin = mediaOrigin.strip();
    if (origin.endsWith("/")) {
      origin = origin.substring(0, origin.length() - 1);
    }
    if (!ORIGIN.matcher(origin).matches()) {
      throw new IllegalArgumentException(
          PREFIX
              + ".media-origin must be an origin like https://media.example.com: "
              + mediaOrigin);
    }
    this.mediaOrigin = origin.toLowerCase(Locale.ROOT);
  }
}
