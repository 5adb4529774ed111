package io.videokit.autoconfigure.properties;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Media probing ({@code videokit.media.*}). */
@ConfigurationProperties(prefix = MediaProperties.PREFIX)
public class MediaProperties {

  /** The prefix of these settings. */
  public static final String PREFIX = "videokit.media";

  /** Whether uploaded videos are probed with ffprobe (duration, dimensions, not-a-video errors). */
  private boolean probe = true;

  /**
   * Path of the ffprobe executable; when unset, the one bundled by org.bytedeco:ffmpeg (if on the
   * class path) or one on the PATH is used.
   */
  private @Nullable Path ffprobe;

  /** Creates the settings with their defaults; used by Spring or by hand. */
  public MediaProperties() {}

  /**
   * Whether probing is on.
   *
   * @return true by default
   */
  public boolean isProbe() {
    return probe;
  }

  /**
   * Switches probing.
   *
   * @param probe true to probe
   */
  public void setProbe(boolean probe) {
    this.probe = probe;
  }

  /**
   * The ffprobe executable.
   *
   * @return the path, or null to discover it
   */
  public @Nullable Path getFfprobe() {
    return ffprobe;
  }

  /**
   * Sets the ffprobe executable.
   *
   * @param ffprobe the path
   */
  public void setFfprobe(@Nullable Path ffprobe) {
    this.ffprobe = ffprobe;
  }
}
