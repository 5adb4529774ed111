package io.videokit.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.videokit.broadcast.HlsRemux;
import io.videokit.local.DiscoveredFfprobe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The media tools indicator with videokit's own discovery and the machine's real executables. */
class MediaToolsHealthIndicatorTest {

  @Test
  void foundToolsAreUpWithTheirPaths() {
    DiscoveredFfprobe ffprobe = new DiscoveredFfprobe(null);
    assumeTrue(ffprobe.isAvailable(), "no ffprobe on this machine");
    Path ffmpeg = HlsRemux.discoverFfmpeg(null);
    assumeTrue(ffmpeg != null, "no ffmpeg on this machine");

    Health health =
        new MediaToolsHealthIndicator(
                List.of(
                    new MediaToolsHealthIndicator.Tool(
                        "ffprobe", ffprobe::executable, false, "no durations"),
                    new MediaToolsHealthIndicator.Tool("ffmpeg", () -> ffmpeg, false, "no relay")))
            .health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails().get("ffprobe")).isEqualTo(ffprobe.executable().toString());
    assertThat(Files.isExecutable(Path.of((String) health.getDetails().get("ffprobe")))).isTrue();
    assertThat(health.getDetails().get("ffmpeg")).isEqualTo(ffmpeg.toString());
    assertThat(health.getDetails()).doesNotContainKeys("ffprobeMissing", "ffmpegMissing");
  }

  @Test
  void aToolNotFoundIsStillUpAndSaysWhatIsMissing() {
    Health health =
        new MediaToolsHealthIndicator(
                List.of(
                    new MediaToolsHealthIndicator.Tool(
                        "ffprobe", () -> null, false, "videos play without duration")))
            .health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("ffprobe", "not found")
        .containsEntry("ffprobeMissing", "videos play without duration");
  }

  @Test
  void aConfiguredPathThatIsNotExecutableIsDown() {
    DiscoveredFfprobe configured = new DiscoveredFfprobe(Path.of("/nonexistent/ffprobe"));

    Health health =
        new MediaToolsHealthIndicator(
                List.of(
                    new MediaToolsHealthIndicator.Tool(
                        "ffprobe", configured::executable, true, "no durations")))
            .health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails())
        .containsEntry("ffprobe", "not executable: /nonexistent/ffprobe");
  }
}
