package io.videokit.autoconfigure.properties;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Media storage ({@code videokit.storage.*}). */
@ConfigurationProperties(prefix = StorageProperties.PREFIX)
public class StorageProperties {

  /** The prefix of these settings. */
  public static final String PREFIX = "videokit.storage";

  /** Local file-system storage ({@code videokit.storage.local.*}). */
  private final Local local = new Local();

  /** Creates the settings with their defaults; used by Spring or by hand. */
  public StorageProperties() {}

  /**
   * Local file-system storage.
   *
   * @return {@code videokit.storage.local.*}
   */
  public Local getLocal() {
    return local;
  }

  /** {@code videokit.storage.local.*}. */
  public static class Local {

    /**
     * The media root: videos are stored under it, and every file under it is streamable through the
     * path stream endpoint. Relative to the working directory.
     */
    private Path root = Path.of("data", "media");

    /** Creates the settings with their defaults; used by Spring or by hand. */
    public Local() {}

    /**
     * The media root.
     *
     * @return the directory
     */
    public Path getRoot() {
      return root;
    }

    /**
     * Sets the media root.
     *
     * @param root the directory
     */
    public void setRoot(Path root) {
      this.root = root;
    }
  }
}
