package io.videokit.autoconfigure.health;

import io.videokit.core.tus.UsableSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether videokit can store what it receives: for each of its directories (the local media root,
 * the tus upload directory), that it exists, that a probe file can be written and deleted in it,
 * and that its volume's usable space is above the free-space floor ({@code
 * videokit.uploads.min-free-space}, the same floor below which tus uploads answer 507).
 *
 * <p>DOWN when any directory is missing, not writable, or below the floor; details per directory:
 * {@code path}, {@code writable}, {@code free} and {@code floor} (bytes).
 */
public final class StorageHealthIndicator extends AbstractHealthIndicator {

  /** Prefix of the probe file: hidden, so that path streaming never serves it. */
  static final String PROBE_PREFIX = ".videokit-health-";

  private final Map<String, Path> directories;
  private final long floor;
  private final UsableSpace space;

  /**
   * Creates the indicator.
   *
   * @param directories the directories to check, by the name their details appear under
   * @param floor the free-space floor in bytes ({@code 0}: none)
   * @param space where usable space is measured (the tus handler's source)
   */
  public StorageHealthIndicator(Map<String, Path> directories, long floor, UsableSpace space) {
    super("storage check failed");
    this.directories = Collections.unmodifiableMap(new LinkedHashMap<>(directories));
    this.floor = floor;
    this.space = space;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    if (directories.isEmpty()) {
      builder.unknown().withDetail("error", "no local directories (a replaced store)");
      return;
    }
    boolean healthy = true;
    for (Map.Entry<String, Path> entry : directories.entrySet()) {
      Map<String, Object> details = new LinkedHashMap<>();
      healthy &= check(entry.getValue().toAbsolutePath().normalize(), details);
      builder.withDetail(entry.getKey(), details);
    }
    if (healthy) {
      builder.up();
    } else {
      builder.down();
    }
  }

  private boolean check(Path directory, Map<String, Object> details) {
    details.put("path", directory.toString());
    if (!Files.isDirectory(directory)) {
      details.put("writable", false);
      details.put("error", "not a directory");
      return false;
    }
    boolean writable = writable(directory, details);
    details.put("writable", writable);
    details.put("floor", floor);
    try {
      long free = space.usableBytes(directory);
      details.put("free", free);
      if (free < floor) {
        details.put("error", "usable space below the floor");
        return false;
      }
    } catch (IOException e) {
      details.put("error", "usable space unknown: " + e.getMessage());
      return false;
    }
    return writable;
  }

  /** Writes one byte to a fresh probe file and deletes it again. */
  private static boolean writable(Path directory, Map<String, Object> details) {
    Path probe = null;
    try {
      probe = Files.createTempFile(directory, PROBE_PREFIX, ".probe");
      Files.write(probe, new byte[] {1});
      return true;
    } catch (IOException | SecurityException e) {
      details.put("error", "cannot write: " + e);
      return false;
    } finally {
      if (probe != null) {
        try {
          Files.deleteIfExists(probe);
        } catch (IOException e) {
          details.put("error", "cannot delete a probe file: " + e);
        }
      }
    }
  }
}
