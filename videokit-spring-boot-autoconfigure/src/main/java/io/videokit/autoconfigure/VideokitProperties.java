package io.videokit.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the self-hosted provider, under {@code videokit.*}: media storage, tus uploads,
 * streaming, watch sessions, media probing and security.
 */
@ConfigurationProperties(prefix = VideokitProperties.PREFIX)
public class VideokitProperties {
  /** Creates the settings with their defaults; used by Spring or by hand. */
  public VideokitProperties() {}

  /** The prefix of every videokit setting. */
  public static final String PREFIX = "videokit";

  private final Storage storage = new Storage();
  private final Uploads uploads = new Uploads();
  private final Streaming streaming = new Streaming();
  private final Watch watch = new Watch();
  private final Media media = new Media();
  private final Security security = new Security();

  /**
   * Media storage settings.
   *
   * @return {@code videokit.storage.*}
   */
  public Storage getStorage() {
    return storage;
  }

  /**
   * tus upload settings.
   *
   * @return {@code videokit.uploads.*}
   */
  public Uploads getUploads() {
    return uploads;
  }

  /**
   * Streaming settings.
   *
   * @return {@code videokit.streaming.*}
   */
  public Streaming getStreaming() {
    return streaming;
  }

  /**
   * Watch-session settings.
   *
   * @return {@code videokit.watch.*}
   */
  public Watch getWatch() {
    return watch;
  }

  /**
   * Media probing settings.
   *
   * @return {@code videokit.media.*}
   */
  public Media getMedia() {
    return media;
  }

  /**
   * Security settings.
   *
   * @return {@code videokit.security.*}
   */
  public Security getSecurity() {
    return security;
  }

  /** {@code videokit.storage.*}. */
  public static class Storage {
    /** Creates the settings with their defaults; used by Spring or by hand. */
    public Storage() {}

    private final Local local = new Local();

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
      /** Creates the settings with their defaults; used by Spring or by hand. */
      public Local() {}

      /**
       * The media root: videos are stored under it, and every file under it is streamable through
       * the path stream endpoint. Relative to the working directory.
       */
      private Path root = Path.of("data", "media");

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

  /** {@code videokit.uploads.*}. */
  public static class Uploads {
    /** Creates the settings with their defaults; used by Spring or by hand. */
    public Uploads() {}

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

    /**
     * How long a request waits for another request writing the same upload before answering 423.
     */
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
     * Space that must stay free on the volumes of the upload directory and the media root: a
     * creation or write that would go below is refused with 507; 0 means no floor.
     */
    private DataSize minFreeSpace = DataSize.ofGigabytes(1);

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
      /** Creates the settings with their defaults; used by Spring or by hand. */
      public Quota() {}

      /**
       * Most bytes one user may hold: their videos plus their unfinished uploads (declared
       * Upload-Length, or bytes received while deferred); over it, 413. 0 (the default) means no
       * quota. Staff are exempt.
       */
      private DataSize perUser = DataSize.ofBytes(0);

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

  /** {@code videokit.streaming.*}. */
  public static class Streaming {
    /** Creates the settings with their defaults; used by Spring or by hand. */
    public Streaming() {}

    /** Path of the path-based stream endpoint (django-sage-streaming's {@code /api/stream/}). */
    private String path = "/api/stream";

    /**
     * Name of the query parameter holding the media path (sage's
     * STREAM_DEFAULT_VIDEO_PATH_URL_VAR).
     */
    private String pathVariable = "path";

    /**
     * Largest body of a single-range 206 answer; 0 means no cap (sage's STREAM_MAX_LOAD_VOLUME).
     */
    private DataSize maxRangeLength = DataSize.ofBytes(0);

    /** Most ranges accepted in one Range header; more are refused with 416. */
    private int maxRanges = 100;

    /** Whether to let the servlet container send local files with sendfile (zero-copy). */
    private boolean zeroCopy = true;

    /** Copy buffer per response when not zero-copy. */
    private DataSize bufferSize = DataSize.ofKilobytes(64);

    /**
     * A separate origin for media URLs (the video object's {@code playback.file}, the page's {@code
     * <video src>}), e.g. {@code https://media.example-usercontent.com}: a registrable domain of
     * its own, pointing at this server, that shares no cookies with the application. Unset: media
     * URLs are on the application's origin.
     */
    private @Nullable String mediaOrigin;

    private static final Pattern ORIGIN =
        Pattern.compile(
            "(?i)https?://[a-z0-9.-]+(:[0-9]{1,5})?|(?i)https?://\\[[0-9a-f:.]+\\](:[0-9]{1,5})?");

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
            "videokit.streaming.media-origin must be an origin like https://media.example.com: "
                + mediaOrigin);
      }
      this.mediaOrigin = origin.toLowerCase(Locale.ROOT);
    }
  }

  /** {@code videokit.watch.*}. */
  public static class Watch {
    /** Creates the settings with their defaults; used by Spring or by hand. */
    public Watch() {}

    /** Whether watch sessions are recorded. */
    private boolean enabled = true;

    /** A viewer's requests for one video belong to one session while no gap is longer than this. */
    private Duration idleTimeout = Duration.ofMinutes(30);

    /**
     * How often buffered watch-session updates are written to the database; 0 writes each response
     * at once (slower streaming, nothing buffered).
     */
    private Duration flushInterval = Duration.ofSeconds(2);

    /**
     * Proxies whose X-Forwarded-For is believed (CIDR blocks or addresses); from anyone else the
     * peer address is the client.
     */
    private List<String> trustedProxies = new ArrayList<>();

    /**
     * Whether recording is on.
     *
     * @return true by default
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Switches recording.
     *
     * @param enabled true to record
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * The idle timeout.
     *
     * @return the duration
     */
    public Duration getIdleTimeout() {
      return idleTimeout;
    }

    /**
     * Sets the idle timeout.
     *
     * @param idleTimeout the duration
     */
    public void setIdleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
    }

    /**
     * The flush interval.
     *
     * @return the duration
     */
    public Duration getFlushInterval() {
      return flushInterval;
    }

    /**
     * Sets the flush interval.
     *
     * @param flushInterval the duration, 0 for none
     */
    public void setFlushInterval(Duration flushInterval) {
      this.flushInterval = flushInterval;
    }

    /**
     * The trusted proxies.
     *
     * @return CIDR blocks
     */
    public List<String> getTrustedProxies() {
      return trustedProxies;
    }

    /**
     * Sets the trusted proxies.
     *
     * @param trustedProxies CIDR blocks or addresses
     */
    public void setTrustedProxies(List<String> trustedProxies) {
      this.trustedProxies = trustedProxies;
    }
  }

  /** {@code videokit.media.*}. */
  public static class Media {
    /** Creates the settings with their defaults; used by Spring or by hand. */
    public Media() {}

    /**
     * Whether uploaded videos are probed with ffprobe (duration, dimensions, not-a-video errors).
     */
    private boolean probe = true;

    /**
     * Path of the ffprobe executable; when unset, the one bundled by org.bytedeco:ffmpeg (if on the
     * class path) or one on the PATH is used.
     */
    private Path ffprobe;

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
    public Path getFfprobe() {
      return ffprobe;
    }

    /**
     * Sets the ffprobe executable.
     *
     * @param ffprobe the path
     */
    public void setFfprobe(Path ffprobe) {
      this.ffprobe = ffprobe;
    }
  }

  /** {@code videokit.security.*}. */
  public static class Security {
    /** Creates the settings with their defaults; used by Spring or by hand. */
    public Security() {}

    /** Role whose holders are staff: they see watch sessions and may act on anyone's videos. */
    private String staffRole = "ADMIN";

    /**
     * The staff role.
     *
     * @return e.g. {@code ADMIN}
     */
    public String getStaffRole() {
      return staffRole;
    }

    /**
     * Sets the staff role.
     *
     * @param staffRole a role name without the {@code ROLE_} prefix
     */
    public void setStaffRole(String staffRole) {
      this.staffRole = staffRole;
    }
  }
}
