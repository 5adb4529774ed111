package io.videokit.autoconfigure.properties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** The tus upload endpoint ({@code videokit.uploads.*}, with {@code videokit.uploads.quota.*}). */
@ConfigurationProperties(prefix = UploadProperties.PREFIX)
public class UploadProperties {

  /** The prefix of these settings. */
  public static final String PREFIX = "videokit.uploads";

  /** Whether the tus upload endpoint is on. */
  private boolean enabled = true;

  /** Path of the tus endpoint (the collection URL; uploads live at {@code <path>/<id>}). */
  private String path = "/api/uploads";

  /** Where unfinished uploads are kept; keep it outside the media root. */
  private Path directory = Path.of("data", "uploads");

  /** Largest upload accepted (advertised as Tus-Max-Size). */
  private DataSize maxSize = DataSize.ofGigabytes(10);

  /** How long an unfinished upload lives after its last write before it is removed. */
  private Duration expiration = Duration.ofHours(24);

  /** How long a request waits for another request writing the same upload before answering 423. */
  private Duration lockWait = Duration.ofSeconds(3);

  /** How often expired uploads are removed. */
  private Duration cleanupInterval = Duration.ofMinutes(15);

  /** Origins allowed to upload from a browser (CORS); empty means same-origin only. */
  private List<String> allowedOrigins = new ArrayList<>();

  /** Per-user storage quota ({@code videokit.uploads.quota.*}). */
  private final Quota quota = new Quota();

  /**
   * Most unfinished uploads one user may have at once (more: 429); 0 means no limit. Staff are
   * exempt.
   */
  private int maxConcurrentPerUser = 10;

  /**
   * Space that must stay free on the volumes of the upload directory and the media root: a creation
   * or write that would go below is refused with 507; 0 means no floor.
   */
  private DataSize minFreeSpace = DataSize.ofGigabytes(1);

  /** Creates the settings with their defaults; used by Spring or by hand. */
  public UploadProperties() {}

  /**
   * Whether the tus endpoint is on.
   *
   * @return true by default
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Switches the tus endpoint on or off.
   *
   * @param enabled true to serve it
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * The tus collection path.
   *
   * @return e.g. {@code /api/uploads}
   */
  public String getPath() {
    return path;
  }

  /**
   * Sets the tus collection path.
   *
   * @param path e.g. {@code /api/uploads}
   */
  public void setPath(String path) {
    this.path = path;
  }

  /**
   * The upload directory.
   *
   * @return the directory
   */
  public Path getDirectory() {
    return directory;
  }

  /**
   * Sets the upload directory.
   *
   * @param directory the directory
   */
  public void setDirectory(Path directory) {
    this.directory = directory;
  }

  /**
   * The largest upload.
   *
   * @return the size
   */
  public DataSize getMaxSize() {
    return maxSize;
  }

  /**
   * Sets the largest upload.
   *
   * @param maxSize the size
   */
  public void setMaxSize(DataSize maxSize) {
    this.maxSize = maxSize;
  }

  /**
   * Upload lifetime after the last write.
   *
   * @return the duration
   */
  public Duration getExpiration() {
    return expiration;
  }

  /**
   * Sets the upload lifetime.
   *
   * @param expiration the duration
   */
  public void setExpiration(Duration expiration) {
    this.expiration = expiration;
  }

  /**
   * Lock wait.
   *
   * @return the duration
   */
  public Duration getLockWait() {
    return lockWait;
  }

  /**
   * Sets the lock wait.
   *
   * @param lockWait the duration
   */
  public void setLockWait(Duration lockWait) {
    this.lockWait = lockWait;
  }

  /**
   * Cleanup interval.
   *
   * @return the duration
   */
  public Duration getCleanupInterval() {
    return cleanupInterval;
  }

  /**
   * Sets the cleanup interval.
   *
   * @param cleanupInterval the duration
   */
  public void setCleanupInterval(Duration cleanupInterval) {
    this.cleanupInterval = cleanupInterval;
  }

  /**
   * CORS origins.
   *
   * @return the origins
   */
  public List<String> getAllowedOrigins() {
    return allowedOrigins;
  }

  /**
   * Sets the CORS origins.
   *
   * @param allowedOrigins e.g. {@code https://app.example.com}
   */
  public void setAllowedOrigins(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
  }

  /**
   * The per-user quota.
   *
   * @return its settings
   */
  public Quota getQuota() {
    return quota;
  }

  /**
   * Most unfinished uploads per user.
   *
   * @return the limit, 0 for none
   */
  public int getMaxConcurrentPerUser() {
    return maxConcurrentPerUser;
  }

  /**
   * Sets the most unfinished uploads per user.
   *
   * @param maxConcurrentPerUser the limit, 0 for none
   */
  public void setMaxConcurrentPerUser(int maxConcurrentPerUser) {
    this.maxConcurrentPerUser = maxConcurrentPerUser;
  }

  /**
   * The free-space floor.
   *
   * @return the size, 0 for none
   */
  public DataSize getMinFreeSpace() {
    return minFreeSpace;
  }

  /**
   * Sets the free-space floor.
   *
   * @param minFreeSpace the size, 0 for none
   */
  public void setMinFreeSpace(DataSize minFreeSpace) {
    this.minFreeSpace = minFreeSpace;
  }

  /** {@code videokit.uploads.quota.*}. */
  public static class Quota {

    /**
     * Most bytes one user may hold: their videos plus their unfinished uploads (declared
     * Upload-Length, or bytes received while deferred); over it, 413. 0 (the default) means no
     * quota. Staff are exempt.
     */
    private DataSize perUser = DataSize.ofBytes(0);

    /** Creates the settings with their defaults; used by Spring or by hand. */
    public Quota() {}

    /**
     * The per-user quota.
     *
     * @return the size, 0 for none
     */
    public DataSize getPerUser() {
      return perUser;
    }

    /**
     * Sets the per-user quota.
     *
     * @param perUser the size, 0 for none
     */
    public void setPerUser(DataSize perUser) {
      this.perUser = perUser;
    }
  }
}
