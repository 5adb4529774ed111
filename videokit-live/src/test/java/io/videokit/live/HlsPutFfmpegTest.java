package io.videokit.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.core.storage.LocalMediaStorage;
import io.videokit.core.watch.ClientAddressResolver;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
  private final ExecutorService thumbnailer = Executors.newSingleThreadExecutor();

  @BeforeEach
  void start() throws Exception {
    storage = new LocalMediaStorage(dir.resolve("media"));
    handler =
        new HlsPutHandler(
            "/live",
            storage,
            targets,
            dir.resolve("tmp"),
            Clock.systemUTC(),
            new LiveThumbnails(storage, FFMPEG, dir.resolve("tmp"), thumbnailer),
            new ClientAddressResolver(List.of()));
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
    thumbnailer.shutdownNow();
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
    Path log = dir.resolve("ffmpeg-" + broadcastId + "-" + System.nanoTime() + ".log");
    Process ffmpeg = startPublisher(broadcastId, secret, seconds, log);
    if (!ffmpeg.waitFor(seconds + 15L, TimeUnit.SECONDS)) {
      ffmpeg.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      throw new AssertionError("ffmpeg did not finish in time: " + Files.readString(log));
    }
    servlet.awaitQuiet();
    return Files.readString(log);
  }

  /**
   * Starts ffmpeg publishing {@code seconds} of test pattern and tone, a live window of 3 segments,
   * deleting the segments that leave it.
   */
  private Process startPublisher(String broadcastId, String secret, int seconds, Path log)
      throws IOException {
    return new ProcessBuilder(
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
            "omit_endlist+delete_segments",
            "-hls_list_size",
            "3",
            "-method",
            "PUT",
            "-headers",
            "Authorization: Bearer " + secret + "\r\n",
            "http://127.0.0.1:" + port + "/live/" + broadcastId + "/index.m3u8")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
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
    assertThat(servlet.answers).isNotEmpty().allMatch(answer -> answer.endsWith(" 401"));
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
        .allMatch(f ->
            f.getFileName().toString().matches("index[0-9]*\\.ts|(index|vod)\\.m3u8|thumb\\.jpg"));
    assertThat(handler.lastActivity("good")).isPresent();

    assertThat(servlet.answers)
        .as(log)
        .allMatch(answer -> answer.matches("(PUT|DELETE) /live/good/.* 20[14]"));
    assertThat(handler.endBroadcast("good")).isTrue();
    assertThat(Files.readString(playlistFile)).endsWith("#EXT-X-ENDLIST\n");
    assertThat(MediaPlaylist.parse(Files.readAllBytes(playlistFile)).segmentUris())
        .isEqualTo(playlist.segmentUris());
    assertThat(handler.endBroadcast("good")).isFalse();
  }

  /** Runs a tool (ffmpeg, ffprobe) to its end; returns its output. */
  private static String run(Path log, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    String output = Files.readString(log);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void aKilledPublisherThatReconnectsContinuesTheSameBroadcast() throws Exception {
    assertThat(FFMPEG).as("ffmpeg is needed: apt-get install ffmpeg").isExecutable();
    targets.register(LiveTarget.of("re"), "right-secret");
    Path live = storage.root().resolve("live/re");

    Path firstLog = dir.resolve("ffmpeg-first.log");
    Process first = startPublisher("re", "right-secret", 60, firstLog);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline
        && (!Files.exists(live.resolve("vod.m3u8"))
            || MediaPlaylist.parse(Files.readAllBytes(live.resolve("vod.m3u8"))).segments().size()
                < 4)) {
      Thread.sleep(100);
    }
    first.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    servlet.awaitQuiet();
    int firstSession =
        MediaPlaylist.parse(Files.readAllBytes(live.resolve("vod.m3u8"))).segments().size();
    assertThat(firstSession).as(Files.readString(firstLog)).isGreaterThanOrEqualTo(4);

    String log = publish("re", "right-secret", 6);
    assertThat(handler.endBroadcast("re")).isTrue();

    MediaPlaylist vod = MediaPlaylist.parse(Files.readAllBytes(live.resolve("vod.m3u8")));
    assertThat(vod.ended()).isTrue();
    assertThat(vod.segments()).as(log).hasSizeGreaterThan(firstSession + 1);
    assertThat(vod.segments().subList(0, firstSession))
        .allMatch(segment -> segment.uri().matches("index[0-9]+\\.ts"));
    assertThat(vod.segments().get(firstSession).discontinuity()).isTrue();
    assertThat(vod.segments().subList(firstSession, vod.segments().size()))
        .allMatch(segment -> segment.uri().matches("s1/index[0-9]+\\.ts"));
    assertThat(vod.segments().stream().filter(MediaPlaylist.Segment::discontinuity)).hasSize(1);
    for (MediaPlaylist.Segment segment : vod.segments()) {
      assertThat(live.resolve(segment.uri())).as("deleted by ffmpeg but kept").isRegularFile();
    }
    String index = Files.readString(live.resolve("index.m3u8"));
    assertThat(index).contains("#EXT-X-DISCONTINUITY-SEQUENCE:").endsWith("#EXT-X-ENDLIST\n");
    assertThat(MediaPlaylist.parse(index).mediaSequence()).isGreaterThan(firstSession - 3L);

    // the recording plays: remuxed whole, its duration is the sum of the segments' ±1 segment
    Path mp4 = dir.resolve("recording.mp4");
    run(
        dir.resolve("remux.log"),
        FFMPEG.toString(),
        "-hide_banner",
        "-nostdin",
        "-loglevel",
        "error",
        "-i",
        live.resolve("vod.m3u8").toString(),
        "-c",
        "copy",
        mp4.toString());
    String duration =
        run(
                dir.resolve("probe.log"),
                "ffprobe",
                "-v",
                "error",
                "-show_entries",
                "format=duration",
                "-of",
                "default=noprint_wrappers=1:nokey=1",
                mp4.toString())
            .strip();
    double expected = vod.duration().doubleValue();
    assertThat(Double.parseDouble(duration))
        .isBetween(expected - vod.targetDuration(), expected + vod.targetDuration());

    // the first segment's thumbnail
    Path thumb = live.resolve("thumb.jpg");
    thumbnailer.shutdown();
    assertThat(thumbnailer.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    byte[] jpeg = Files.readAllBytes(thumb);
    assertThat(jpeg[0]).isEqualTo((byte) 0xff);
    assertThat(jpeg[1]).isEqualTo((byte) 0xd8);
  }
}
