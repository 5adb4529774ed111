package io.videokit.broadcast.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.videokit.broadcast.BroadcastException;
import io.videokit.broadcast.BroadcastLiveTargets;
import io.videokit.broadcast.BroadcastService;
import io.videokit.broadcast.DefaultBroadcast;
import io.videokit.broadcast.EndpointKind;
import io.videokit.broadcast.HlsPutIngest;
import io.videokit.broadcast.InMemoryBroadcastStore;
import io.videokit.broadcast.Requester;
import io.videokit.core.storage.LocalMediaStorage;
import io.videokit.live.HlsPutHandler;
import io.videokit.live.LiveLimits;
import io.videokit.live.MediaPlaylist;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionOperations;

/**
 * End to end with real ffmpeg on both sides: a publisher sends a test pattern with tone over SRT or
 * RTMP, the supervised ffmpeg listener relays it with {@code -c copy} into the real HLS-over-PUT
 * handler in an embedded Tomcat, authorized by the broadcast's bearer secret.
 */
class RelayFfmpegTest {

  private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
  private static final Requester ALICE = new Requester("alice", false);

  @TempDir Path dir;

  private Tomcat tomcat;
  private LocalMediaStorage storage;
  private RelaySupervisor relays;
  private BroadcastService<DefaultBroadcast> service;
  private String ingestBase;
  private final Queue<String> answers = new ConcurrentLinkedQueue<>();

  @BeforeEach
  void start() throws Exception {
    assertThat(FFMPEG).as("ffmpeg is needed: apt-get install ffmpeg").isExecutable();
    storage = new LocalMediaStorage(Files.createDirectories(dir.resolve("media")));
    AtomicReference<BroadcastService<?>> self = new AtomicReference<>();
    HlsPutHandler handler =
        new HlsPutHandler(
            "/live",
            storage,
            new BroadcastLiveTargets(self::get, LiveLimits.defaults()),
            Files.createDirectories(dir.resolve("tmp")),
            Clock.systemUTC());
    tomcat = new Tomcat();
    tomcat.setBaseDir(dir.resolve("tomcat").toString());
    Connector connector = new Connector();
    connector.setPort(0);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "live", new LiveServlet(handler, answers));
    context.addServletMappingDecoded("/*", "live");
    tomcat.start();
    ingestBase = "http://127.0.0.1:" + connector.getLocalPort() + "/live";
    int first = freePort();
    relays =
        new RelaySupervisor(
            () -> FFMPEG,
            new PortRange(first, first + 3),
            () -> ingestBase,
            Duration.ofMillis(200));
    HlsPutIngest hlsPut = new HlsPutIngest(handler, storage);
    service =
        new BroadcastService<>(
            new InMemoryBroadcastStore<>(DefaultBroadcast::new),
            TransactionOperations.withoutTransaction(),
            Clock.systemUTC(),
            new BroadcastService.Settings("/live", 0, EndpointKind.HLS_PUT),
            List.of(
                hlsPut,
                new SrtIngest(relays, hlsPut, null),
                new RtmpIngest(relays, hlsPut, "127.0.0.1")));
    self.set(service);
  }

  @AfterEach
  void stop() throws Exception {
    relays.close();
    tomcat.stop();
    tomcat.destroy();
  }

  /** Every request goes to the handler; its answers are kept. */
  private static final class LiveServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient HlsPutHandler handler;
    private final transient Queue<String> answers;

    LiveServlet(HlsPutHandler handler, Queue<String> answers) {
      this.handler = handler;
      this.answers = answers;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      handler.handle(request, response);
      answers.add(request.getMethod() + " " + request.getRequestURI() + " " + response.getStatus());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  /** Publishes {@code seconds} of test pattern and tone; returns ffmpeg's exit code. */
  private int publish(String format, String url, int seconds) throws Exception {
    Path log = Files.createTempFile(dir, "publisher", ".log");
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
                "25",
                "-c:a",
                "aac",
                "-f",
                format,
                url)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!ffmpeg.waitFor(seconds + 15L, TimeUnit.SECONDS)) {
      ffmpeg.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      throw new AssertionError("publisher did not finish: " + Files.readString(log));
    }
    if (ffmpeg.exitValue() != 0) {
      System.out.println(
          "publisher to "
              + format
              + " exited "
              + ffmpeg.exitValue()
              + ": "
              + Files.readString(log));
    }
    return ffmpeg.exitValue();
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.walk(storage.root())) {
      return files.filter(f -> f.toString().endsWith(".ts")).toList();
    }
  }

  private static List<ProcessHandle> listeners(String secret) {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains(secret))
        .toList();
  }

  /**
   * The secret with its first character changed: a fixed replacement would equal the secret
   * whenever it already starts with that character (1 in 64 for base64url).
   */
  private static String wrong(String secret) {
    char first = secret.charAt(0) == 'W' ? 'X' : 'W';
    String wrong = first + secret.substring(1);
    assertThat(wrong).isNotEqualTo(secret);
    return wrong;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  private MediaPlaylist relayed(DefaultBroadcast broadcast, String publisherLog) throws Exception {
    Path playlist = storage.root().resolve(broadcast.getStoragePrefix() + "index.m3u8");
    await(
        "two relayed segments " + publisherLog + " " + answers,
        () -> {
          try {
            return Files.exists(playlist)
                && MediaPlaylist.parse(Files.readAllBytes(playlist)).segments().size() >= 2;
          } catch (Exception e) {
            return false;
          }
        });
    MediaPlaylist parsed = MediaPlaylist.parse(Files.readAllBytes(playlist));
    for (String uri : parsed.segmentUris()) {
      byte[] segment =
          Files.readAllBytes(storage.root().resolve(broadcast.getStoragePrefix() + uri));
      assertThat(segment[0]).as("%s is MPEG-TS", uri).isEqualTo((byte) 0x47);
      assertThat(uri).as("named by its run").matches("r[0-9]+_[0-9]+\\.ts");
    }
    return parsed;
  }

  @Test
  void srtWithThePassphraseIsRelayedAWrongOneStoresNothingAndStopKillsTheListener()
      throws Exception {
    var started = service.start("alice", "srt", EndpointKind.SRT, ingestBase);
    DefaultBroadcast broadcast = started.broadcast();
    String passphrase = started.endpoint().setting("passphrase");
    String url = started.endpoint().setting("url");
    int port = Integer.parseInt(broadcast.getIngestReference());
    assertThat(passphrase).hasSizeBetween(16, 79);
    assertThat(url).isEqualTo("srt://127.0.0.1:" + port + "?passphrase=" + passphrase);
    await("the listener", () -> listeners(passphrase).size() == 1);

    String wrong = url.replace(passphrase, wrong(passphrase));
    long firstRun = listeners(passphrase).get(0).pid();
    // libsrt rejects the handshake with "Incorrect passphrase" and ffmpeg exits 1. The exit 0 seen
    // once in CI was a "wrong" passphrase that equalled the real one, which wrong() now rules out
    assertThat(publish("mpegts", wrong + "&pkt_size=1316", 2)).isNotZero();
    assertThat(segments()).isEmpty();
    assertThat(answers).isEmpty();
    assertThat(listeners(passphrase)).extracting(ProcessHandle::pid).containsExactly(firstRun);

    assertThat(publish("mpegts", url + "&pkt_size=1316", 4)).isZero();
    MediaPlaylist playlist = relayed(broadcast, "srt");
    assertThat(playlist.ended()).isFalse();
    // the publisher left: a new listener waits for it to reconnect while the broadcast is live
    await(
        "a restarted listener",
        () -> listeners(passphrase).stream().anyMatch(p -> p.pid() != firstRun));

    service.stop(broadcast.getId(), ALICE);
    assertThat(listeners(passphrase)).isEmpty();
    assertThat(
            Files.readString(storage.root().resolve(broadcast.getStoragePrefix() + "index.m3u8")))
        .endsWith("#EXT-X-ENDLIST\n");
    try (DatagramSocket freed = new DatagramSocket(new InetSocketAddress(port))) {
      assertThat(freed.getLocalPort()).isEqualTo(port);
    }
    assertThat(relays.port(broadcast.getId())).isEmpty();
  }

  @Test
  void rtmpWithTheKeyIsRelayedAndAWrongKeyNeverReachesTheListener() throws Exception {
    var started = service.start("alice", "rtmp", EndpointKind.RTMP, ingestBase);
    DefaultBroadcast broadcast = started.broadcast();
    String key = started.endpoint().setting("stream_key");
    String url = started.endpoint().setting("url");
    int port = Integer.parseInt(broadcast.getIngestReference());
    assertThat(url).isEqualTo("rtmp://127.0.0.1:" + port + "/live/" + key);
    await("the listener", () -> listeners(key).size() == 1);

    // ffmpeg's exit status after the gate closes the connection depends on how much it had
    // buffered by then; what matters is that nothing reached the listener or the store
    publish("flv", url.replace(key, wrong(key)), 2);
    publish("flv", "rtmp://127.0.0.1:" + port + "/live/", 1);
    assertThat(segments()).isEmpty();
    assertThat(answers).isEmpty();

    assertThat(publish("flv", url, 4)).isZero();
    relayed(broadcast, "rtmp");

    service.stop(broadcast.getId(), ALICE);
    assertThat(listeners(key)).isEmpty();
    try (ServerSocket freed = new ServerSocket()) {
      freed.bind(new InetSocketAddress(port));
    }
  }

  @Test
  void takenPortsAreSkippedAndExhaustedPortsFailTheStart() throws Exception {
    int first = freePort();
    RelaySupervisor small =
        new RelaySupervisor(
            () -> FFMPEG,
            new PortRange(first, first + 1),
            () -> ingestBase,
            Duration.ofMillis(200));
    try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(first))) {
      HlsPutIngest hlsPut = new HlsPutIngest(null, storage);
      BroadcastService<DefaultBroadcast> tight =
          new BroadcastService<>(
              new InMemoryBroadcastStore<>(DefaultBroadcast::new),
              TransactionOperations.withoutTransaction(),
              Clock.systemUTC(),
              new BroadcastService.Settings("/live", 0, EndpointKind.SRT),
              List.of(new SrtIngest(small, hlsPut, null)));
      var one = tight.start("alice", "one", EndpointKind.SRT, ingestBase);
      assertThat(one.broadcast().getIngestReference()).isEqualTo(Integer.toString(first + 1));
      assertThatThrownBy(() -> tight.start("alice", "two", EndpointKind.SRT, ingestBase))
          .isInstanceOfSatisfying(
              BroadcastException.class,
              e -> assertThat(e.reason()).isEqualTo(BroadcastException.Reason.INGEST_FAILED));
      assertThat(tight.list("alice", true, 0, 10).total()).isEqualTo(1);
      String passphrase = one.endpoint().setting("passphrase");
      await("the listener", () -> listeners(passphrase).size() == 1);
      small.close();
      assertThat(listeners(passphrase)).isEmpty();
      assertThat(taken.getLocalPort()).isEqualTo(first);
    } finally {
      small.close();
    }
  }
}
