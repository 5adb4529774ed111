package io.videokit.local;

import io.videokit.core.media.FfprobeMediaProbe;
import io.videokit.core.media.MediaProbe;
import io.videokit.core.media.MediaProbeException;
import io.videokit.core.media.ProbeResult;
import io.videokit.core.media.TimeIndex;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MediaProbe} that finds ffprobe on first use: the configured path, else the executable
 * bundled in {@code org.bytedeco:ffmpeg} when that is on the class path, else {@code ffprobe} on
 * the {@code PATH}. Without any, probing is skipped and videos become ready with unknown duration.
 */
public final class DiscoveredFfprobe implements MediaProbe {

  private static final Logger log = LoggerFactory.getLogger(DiscoveredFfprobe.class);

  private final @Nullable Path configured;
  private volatile @Nullable MediaProbe delegate;
  private volatile boolean resolved;
  private volatile @Nullable Path executable;

  /**
   * Creates the probe.
   *
   * @param configured {@code videokit.media.ffprobe}, or null to discover
   */
  public DiscoveredFfprobe(@Nullable Path configured) {
    this.configured = configured;
  }

  /**
   * Whether an ffprobe executable was found (resolving it now if needed).
   *
   * @return true if probing will run
   */
  public boolean isAvailable() {
    return resolve() != null;
  }

  /**
   * The ffprobe executable probing uses: the configured one, else the discovered one (resolving it
   * now if needed). Health checks report it; nothing here checks that it still runs.
   *
   * @return the executable, or null if none was configured or found
   */
  public @Nullable Path executable() {
    resolve();
    return executable;
  }

  @Override
  public ProbeResult probe(Path file) throws MediaProbeException, IOException {
    MediaProbe probe = resolve();
    if (probe == null) {
      throw new IOException("no ffprobe executable found");
    }
    return probe.probe(file);
  }

  @Override
  public Optional<TimeIndex> timeIndex(Path file) throws IOException {
    MediaProbe probe = resolve();
    return probe == null ? Optional.empty() : probe.timeIndex(file);
  }

  private @Nullable MediaProbe resolve() {
    if (!resolved) {
      synchronized (this) {
        if (!resolved) {
          Path path = configured != null ? configured : discover();
          executable = path;
          delegate = path == null ? null : new FfprobeMediaProbe(path);
          resolved = true;
          if (path == null) {
            log.warn("no ffprobe found: videos will become ready without duration or dimensions");
          } else {
            log.info("probing videos with {}", path);
          }
        }
      }
    }
    return delegate;
  }

  /**
   * Looks for ffprobe: bytedeco's bundled executable, then the {@code PATH}.
   *
   * @return the executable, or null
   */
  public static @Nullable Path discover() {
    try {
      Class<?> loader = Class.forName("org.bytedeco.javacpp.Loader");
      Class<?> ffprobe = Class.forName("org.bytedeco.ffmpeg.ffprobe");
      Object path = loader.getMethod("load", Class.class).invoke(null, ffprobe);
      if (path != null) {
        return Path.of(path.toString());
      }
    } catch (ReflectiveOperationException | LinkageError e) {
      log.debug("bytedeco ffprobe not available: {}", e.toString());
    }
    String pathVariable = System.getenv("PATH");
    if (pathVariable != null) {
      for (String dir : pathVariable.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, "ffprobe");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }
}
