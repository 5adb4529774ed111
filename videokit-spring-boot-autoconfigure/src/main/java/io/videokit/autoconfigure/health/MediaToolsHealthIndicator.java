package io.videokit.autoconfigure.health;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Which media tools videokit found: {@code ffprobe} (probing uploads) and {@code ffmpeg} (live
 * thumbnails, recordings, the SRT/RTMP relay), as the paths their own discovery resolves.
 *
 * <p>A tool that is not found is <em>not</em> DOWN: videos still upload and play (without duration
 * or dimensions, without broadcast thumbnails and recordings), so the application is healthy and a
 * load balancer must keep it; the details say {@code "not found"} and what is missing. Only a tool
 * whose path was configured explicitly and is not executable is DOWN: that is a broken setting
 * (every upload's processing would fail), not an optional tool left out.
 */
public final class MediaToolsHealthIndicator implements HealthIndicator {

  /**
   * One tool.
   *
   * @param name its name in the details ({@code ffprobe}, {@code ffmpeg})
   * @param path resolves its executable (null when none is found); called on every check, so it
   *     should cache a costly discovery
   * @param configured whether the path was configured explicitly (then a missing one is DOWN)
   * @param withoutIt what does not work without the tool, for the details
   */
  public record Tool(
      String name, Supplier<@Nullable Path> path, boolean configured, String withoutIt) {}

  private final List<Tool> tools;

  /**
   * Creates the indicator.
   *
   * @param tools the tools to report
   */
  public MediaToolsHealthIndicator(List<Tool> tools) {
    this.tools = List.copyOf(tools);
  }

  @Override
  public Health health() {
    Health.Builder builder = Health.up();
    boolean broken = false;
    for (Tool tool : tools) {
      Path path = tool.path().get();
      if (path != null && Files.isExecutable(path)) {
        builder.withDetail(tool.name(), path.toString());
      } else if (path != null && tool.configured()) {
        builder.withDetail(tool.name(), "not executable: " + path);
        broken = true;
      } else {
        builder.withDetail(tool.name(), "not found");
        builder.withDetail(tool.name() + "Missing", tool.withoutIt());
      }
    }
    return broken ? builder.down().build() : builder.build();
  }
}
