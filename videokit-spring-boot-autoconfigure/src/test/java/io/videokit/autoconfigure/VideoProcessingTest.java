package io.videokit.autoconfigure;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.core.storage.MediaStorage;
import io.videokit.local.VideoEntity;
import io.videokit.local.VideoProcessor;
import io.videokit.local.VideoRepository;
import io.videokit.local.VideoService;
import io.videokit.video.Video;
import io.videokit.video.VideoState;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 7: only real moving video becomes {@code ready}. Files made with the real ffmpeg, probed by
 * the real ffprobe, through the real {@link VideoProcessor}.
 */
class VideoProcessingTest {

  private static final AtomicInteger UIDS = new AtomicInteger(0x7000);

  @TempDir static Path inputs;
  @TempDir Path data;

  @BeforeAll
  static void makeInputs() throws Exception {
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x48:rate=1", "-frames:v", "1", "still.png");
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x48:rate=1", "-frames:v", "1", "still.jpg");
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=64x48:rate=1",
        "-frames:v",
        "1",
        "-c:v",
        "mjpeg",
        "-f",
        "mjpeg",
        "still.mjpeg");
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x48:rate=5", "-t", "1", "animated.gif");
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=1", "audio.mp3");
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac", "audio.m4a");
    ffmpeg(
        "-i",
        "audio.mp3",
        "-i",
        "still.png",
        "-map",
        "0",
        "-map",
        "1",
        "-c",
        "copy",
        "-disposition:v",
        "attached_pic",
        "cover-art.mp3");
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=64x48:rate=10",
        "-t",
        "1",
        "-c:v",
        "libx264",
        "-pix_fmt",
        "yuv420p",
        "h264.mp4");
    String svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
            + "<script>fetch('/api/me')</script><rect width=\"5\" height=\"5\"/></svg>";
    String html = "<!doctype html><html><body><script>fetch('/api/me')</script></body></html>";
    Files.writeString(inputs.resolve("evil.svg"), svg, UTF_8);
    Files.writeString(inputs.resolve("page.html"), html, UTF_8);
    Files.writeString(inputs.resolve("page-renamed.mp4"), html, UTF_8);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      text.append(i).append('\n');
    }
    // ffprobe opens a long .txt as ANSI art (the tty demuxer) with a positive duration
    Files.writeString(inputs.resolve("notes.txt"), text, UTF_8);
  }

  static Stream<Arguments> notVideos() {
    return Stream.of(
            "evil.svg",
            "still.png",
            "still.jpg",
            "still.mjpeg",
            "animated.gif",
            "page.html",
            "page-renamed.mp4",
            "notes.txt",
            "audio.mp3",
            "audio.m4a",
            "cover-art.mp3")
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("notVideos")
  void filesThatAreNotMovingVideoEndInErrorNonVideo(String name) {
    runner()
        .run(context -> {
          Video processed = process(context.getBean(VideoRepository.class), context, name);

          assertThat(processed.state()).contains(VideoState.ERROR);
          assertThat(processed.status().errorReasonCode()).isEqualTo("ERR_NON_VIDEO");
          assertThat(processed.readyToStream()).isFalse();
        });
  }

  @Test
  void aRealH264VideoBecomesReady() {
    runner()
        .run(context -> {
          Video processed = process(context.getBean(VideoRepository.class), context, "h264.mp4");

          assertThat(processed.state()).contains(VideoState.READY);
          assertThat(processed.duration()).isGreaterThan(0.5);
          assertThat(processed.input().width()).isEqualTo(64);
          assertThat(processed.input().height()).isEqualTo(48);
        });
  }

  @Test
  void anImportedFileBecomesOneReadyVideoEvenWhenTheImportIsRepeated() {
    runner()
        .run(context -> {
          VideoService videos = context.getBean(VideoService.class);
          String uid = String.format("%032x", UIDS.incrementAndGet());
          Path first = Files.copy(inputs.resolve("h264.mp4"), data.resolve("first.mp4"));

          Video imported = videos.importFile(uid, "alice", "Live show", first);

          assertThat(imported.state()).contains(VideoState.QUEUED);
          assertThat(imported.creator()).isEqualTo("alice");
          assertThat(imported.meta()).containsEntry("name", "Live show");
          assertThat(imported.size()).isEqualTo(Files.size(inputs.resolve("h264.mp4")));
          assertThat(first).as("moved into the media store").doesNotExist();
          assertThat(context.getBean(MediaStorage.class).get("videos/" + uid + ".mp4").size())
              .isEqualTo(imported.size());

          Path again = Files.copy(inputs.resolve("h264.mp4"), data.resolve("again.mp4"));
          assertThat(videos.importFile(uid, "alice", "Live show", again)).isEqualTo(imported);
          assertThat(again).as("the repeat's file is dropped").doesNotExist();
          assertThat(videos.list("alice", null, 0, 100).items())
              .filteredOn(v -> v.uid().equals(uid))
              .hasSize(1);

          context.getBean(VideoProcessor.class).process(uid);
          Video processed = videos.find(uid).orElseThrow().getDocument();
          assertThat(processed.state()).contains(VideoState.READY);
          assertThat(processed.duration()).isGreaterThan(0.5);
        });
  }

  private static Video process(
      VideoRepository repository,
      org.springframework.context.ApplicationContext context,
      String name)
      throws Exception {
    String uid = String.format("%032x", UIDS.incrementAndGet());
    String extension = name.substring(name.lastIndexOf('.') + 1);
    String key = "videos/" + uid + "." + extension;
    try (InputStream in = Files.newInputStream(inputs.resolve(name))) {
      context.getBean(MediaStorage.class).put(key, in);
    }
    Video video = Video.uploaded(uid, "local", "alice", Map.of("filename", name), 1, Instant.now());
    new TransactionTemplate(context.getBean(PlatformTransactionManager.class))
        .executeWithoutResult(s -> repository.insert(new VideoEntity(video, key)));

    context.getBean(VideoProcessor.class).process(uid);

    return context.getBean(VideoService.class).find(uid).orElseThrow().getDocument();
  }

  private ApplicationContextRunner runner() {
    return Databases.persistence("h2", data)
        .withPropertyValues(
            "videokit.media.probe=true", "videokit.media.ffprobe=" + onPath("ffprobe"));
  }

  private static Path onPath(String executable) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, executable);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(executable + " is not on the PATH (.ci/run installs ffmpeg)");
  }

  private static void ffmpeg(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-v", "error", "-y"));
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command).directory(inputs.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("ffmpeg " + command + " failed: " + output);
    }
  }
}
