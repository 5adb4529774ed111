package io.videokit.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.core.storage.LocalMediaStorage;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a real ffmpeg publishes a live test pattern with tone over HLS PUT (chunked bodies)
 * to the handler in an embedded Tomcat.
 */
class HlsPutFfmpegTest {

  private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");

  @TempDir Path dir;

  private Tomcat tomcat;
  private int port;
  private LocalMediaStorage storage;
  private final InMemoryLiveTargets targets = new InMemoryLiveTargets();
  private HlsPutHandler handler;
  private LiveServlet servlet;

  @BeforeEach
  void start() throws Exception {
    storage = new LocalMediaStorage(dir.resolve("media"));
    handler = new HlsPutHandler("/live", storage, targets, dir.resolve("tmp"), Clock.systemUTC());
    tomcat = new Tomcat();
    tomcat.setBaseDir(dir.resolve("tomcat").toString());
    Connector connector = new Connector();
    connector.setPort(0);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", null);
    servlet = new LiveServlet(handler);
    Tomcat.addServlet(context, "live", servlet);
    context.addServletMappingDecoded("/*", "live");
    tomcat.start();
    port = connector.getLocalPort();
  }

  @AfterEach
  void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }

  /** Every method goes to the handler. */
  private static final class LiveServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient HlsPutHandler handler;
    private final transient Queue<String> answers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();
    private volatile long lastAnswer = System.nanoTime();

    LiveServlet(HlsPutHandler handler) {
      this.handler = handler;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      running.incrementAndGet();
      try {
        handler.handle(request, response);
        answers.add(
            request.getMethod() + " " + request.getRequestURI() + " " + response.getStatus());
      } finally {
        lastAnswer = System.nanoTime();
        running.decrementAndGet();
      }
    }

    /**
     * Waits until no request has run for a second: ffmpeg exits without waiting for the answers to
     * its last PUTs.
     */
    void awaitQuiet() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      lastAnswer = System.nanoTime();
      while (System.nanoTime() < deadline
          && (running.get() > 0 || System.nanoTime() - lastAnswer < 1_000_000_000L)) {
        Thread.sleep(50);
      }
    }
  }

  /** Runs ffmpeg publishing {@code seconds} of test pattern and tone; returns its log. */
  private String publish(String broadcastId, String secret, int seconds) throws Exception {
    Path log = dir.resolve("ffmpeg-" + broadcastId + ".log");
    Process ffmpeg =
        new ProcessBuilder(
                FFMPEG.toString(),
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "warning",
                "-re",
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=320x240:rate=25",
                "-f",
                "lavfi",
                "-i",
                "sine",
                "-t",
                Integer.toString(seconds),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-g",
                "50",
                "-c:a",
                "aac",
                "-f",
                "hls",
                "-hls_time",
                "2",
                // a publisher that vanishes never ends its playlist: endBroadcast must
                "-hls_flags",
                "omit_endlist",
                "-method",
                "PUT",
                "-headers",
                "Authorization: Bearer " + secret + "\r\n",
                "http://127.0.0.1:" + port + "/live/" + broadcastId + "/index.m3u8")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!ffmpeg.waitFor(seconds + 15L, TimeUnit.SECONDS)) {
      ffmpeg.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      throw new AssertionError("ffmpeg did not finish in time: " + Files.readString(log));
    }
    servlet.awaitQuiet();
    return Files.readString(log);
  }

  private List<Path> stored(String broadcastId) throws IOException {
    Path prefix = storage.root().resolve("live").resolve(broadcastId);
    if (!Files.exists(prefix)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(prefix)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void ffmpegPublishesOverHlsPutAndAWrongSecretStoresNothing() throws Exception {
    assertThat(FFMPEG).as("ffmpeg is needed: apt-get install ffmpeg").isExecutable();
    targets.register(LiveTarget.of("good"), "right-secret");
    targets.register(LiveTarget.of("bad"), "right-secret");

    publish("bad", "wrong-secret", 2);
    // ffmpeg 5.1 does not log the answers to its PUTs: the server's answers show the refusal
    assertThat(servlet.answers).isNotEmpty().allMatch(answer -> answer.endsWith(" 403"));
    assertThat(servlet.answers).anyMatch(answer -> answer.startsWith("PUT /live/bad/index"));
    servlet.answers.clear();
    assertThat(stored("bad")).isEmpty();
    assertThat(handler.lastActivity("bad")).isEmpty();

    String log = publish("good", "right-secret", 6);

    Path playlistFile = storage.root().resolve("live/good/index.m3u8");
    assertThat(playlistFile).as(log).exists();
    MediaPlaylist playlist = MediaPlaylist.parse(Files.readAllBytes(playlistFile));
    assertThat(new PlaylistRules(LiveLimits.defaults()).check(null, playlist)).isEmpty();
    assertThat(playlist.targetDuration()).isBetween(2L, 3L);
    assertThat(playlist.segments()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(playlist.duration().doubleValue()).isBetween(4.0, 8.0);
    assertThat(playlist.ended()).isFalse();
    for (String uri : playlist.segmentUris()) {
      byte[] segment = Files.readAllBytes(storage.root().resolve("live/good/" + uri));
      assertThat(segment.length).as(uri).isGreaterThan(188);
      assertThat(segment[0]).as("%s starts with the MPEG-TS sync byte", uri).isEqualTo((byte) 0x47);
    }
    assertThat(stored("good"))
        .allMatch(f -> f.getFileName().toString().matches("index[0-9]*\\.(ts|m3u8)"));
    assertThat(handler.lastActivity("good")).isPresent();

    assertThat(servlet.answers)
        .as(log)
        .allMatch(answer -> answer.startsWith("PUT /live/good/") && answer.matches(".* 20[14]"));
    assertThat(handler.endBroadcast("good")).isTrue();
    assertThat(Files.readString(playlistFile)).endsWith("#EXT-X-ENDLIST\n");
    assertThat(MediaPlaylist.parse(Files.readAllBytes(playlistFile)).segmentUris())
        .isEqualTo(playlist.segmentUris());
    assertThat(handler.endBroadcast("good")).isFalse();
  }
}
