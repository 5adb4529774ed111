package io.videokit.web.tomcat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.videokit.core.range.RangeEvaluator;
import io.videokit.core.storage.LocalMediaStorage;
import io.videokit.core.storage.MediaObject;
import io.videokit.core.stream.RangeStreamer;
import io.videokit.core.stream.StreamResult;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http11.Http11NioProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SendfileReportingProtocol} on a real embedded Tomcat, with real sockets: every transfer a
 * request announced is reported exactly once, with the bytes written, whether the client read it
 * all, went away in the middle, kept the connection idle, asked to close it, or the servlet took
 * the body back; and a connector without the protocol makes the streamer copy instead.
 */
class SendfileReportingProtocolTest {

  private static final int FILE_BYTES = 32 * 1024 * 1024;
  private static final long MIB = 1024 * 1024;

  @TempDir static Path dir;

  private static Tomcat tomcat;
  private static SendfileReportingProtocol protocol;
  private static int reportingPort;
  private static int plainPort;
  private static final Map<String, StreamResult> results = new ConcurrentHashMap<>();
  private static final Map<String, Long> reported = new ConcurrentHashMap<>();
  private static final AtomicInteger reports = new AtomicInteger();
  private static final AtomicInteger ids = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    Path media = Files.createDirectories(dir.resolve("media"));
    byte[] bytes = new byte[FILE_BYTES];
    new Random(7).nextBytes(bytes);
    Files.write(media.resolve("big.mp4"), bytes);
    LocalMediaStorage storage = new LocalMediaStorage(media);
    RangeStreamer streamer =
        new RangeStreamer(
            RangeEvaluator.defaults(), true, 16 * 1024, TomcatSendfileReporting.INSTANCE);

    tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createDirectories(dir.resolve("tomcat")).toString());
    Connector reporting = new Connector(SendfileReportingProtocol.class.getName());
    reporting.setPort(0);
    reporting.setProperty("address", "127.0.0.1");
    Connector plain = new Connector(Http11NioProtocol.class.getName());
    plain.setPort(0);
    plain.setProperty("address", "127.0.0.1");
    tomcat.setConnector(reporting);
    tomcat.getService().addConnector(plain);
    Context context = tomcat.addContext("", dir.toString());
    Tomcat.addServlet(context, "media", new MediaServlet(storage.get("big.mp4"), streamer));
    context.addServletMappingDecoded("/*", "media");
    tomcat.start();
    protocol = (SendfileReportingProtocol) reporting.getProtocolHandler();
    reportingPort = reporting.getLocalPort();
    plainPort = plain.getLocalPort();
  }

  @AfterAll
  static void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }

  @Test
  void aTransferReadToTheEndIsReportedInFull() throws IOException {
    String id = id();
    try (Socket socket = connect(reportingPort)) {
      Response response = exchange(socket, id, "bytes=0-" + (8 * MIB - 1), "");
      assertThat(response.status).isEqualTo(206);
      assertThat(response.bodyBytes).isEqualTo(8 * MIB);
    }
    assertThat(results.get(id).reportedBytes()).as("went to sendfile, reported").isNotNull();
    awaitReport(id);
    assertThat(reported.get(id)).isEqualTo(8 * MIB);
  }

  @Test
  void aClientThatGoesAwayCountsOnlyWhatTheSocketTook() throws IOException {
    String id = id();
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(64 * 1024);
      socket.connect(new InetSocketAddress("127.0.0.1", reportingPort));
      send(socket, id, "", "");
      InputStream in = socket.getInputStream();
      readHead(in);
      long read = skip(in, MIB);
      assertThat(read).isEqualTo(MIB);
      socket.setSoLinger(true, 0); // a reset, as a closed tab or a seek does
    }
    awaitReport(id);
    // what the client read, plus at most what the two sockets' buffers held
    assertThat(reported.get(id)).isBetween(MIB, 8 * MIB).isLessThan((long) FILE_BYTES);
    await().atMost(Duration.ofSeconds(5)).until(() -> protocol.trackedTransfers() == 0);
  }

  @Test
  void aKeptAliveConnectionReportsEachTransferEvenWhenItStaysIdle() throws Exception {
    String first = id();
    String second = id();
    try (Socket socket = smallWindow()) {
      assertThat(exchange(socket, first, "bytes=0-" + (4 * MIB - 1), "").bodyBytes)
          .isEqualTo(4 * MIB);
      // read slowly, so that the transfer is still under way when the request's thread returns
      send(socket, second, "bytes=" + MIB + "-" + (17 * MIB - 1), "");
      InputStream in = socket.getInputStream();
      readHead(in);
      long read = 0;
      while (read < 16 * MIB) {
        long n = skip(in, Math.min(MIB, 16 * MIB - read));
        assertThat(n).isPositive();
        read += n;
        Thread.sleep(25);
      }
      // the connection stays open and idle: the sweep, not its close, reports the second one
      awaitReport(first);
      awaitReport(second);
      assertThat(socket.isClosed()).isFalse();
    }
    assertThat(reported.get(first)).isEqualTo(4 * MIB);
    assertThat(reported.get(second)).isEqualTo(16 * MIB);
  }

  @Test
  void aConnectionWhoseTransferThePollerCarriesHoldsNoProcessorAndServesItsNextRequest()
      throws Exception {
    int clients = 8;
    List<Socket> sockets = new ArrayList<>();
    List<String> transfers = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        Socket socket = smallWindow();
        sockets.add(socket);
        String id = id();
        transfers.add(id);
        send(socket, id, "bytes=0-" + (16 * MIB - 1), "");
      }
      // nobody reads yet: every transfer waits in the poller for its socket to drain
      await().atMost(Duration.ofSeconds(10)).until(() -> protocol.trackedTransfers() >= clients);
      assertThat(protocol.transfersHoldingProcessor()).as("processors given back").isZero();
      for (Socket socket : sockets) {
        InputStream in = socket.getInputStream();
        assertThat(readHead(in).status).isEqualTo(206);
        assertThat(skip(in, 16 * MIB)).isEqualTo(16 * MIB);
        // the same connection, with a processor from the cache
        Response next = exchange(socket, id(), "bytes=100-199", "");
        assertThat(next.status).isEqualTo(206);
        assertThat(next.bodyBytes).isEqualTo(100);
      }
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
    for (String id : transfers) {
      awaitReport(id);
      assertThat(reported.get(id)).isEqualTo(16 * MIB);
    }
  }

  @Test
  void aRequestPipelinedBehindATransferIsAnswered() throws IOException {
    String first = id();
    String second = id();
    try (Socket socket = smallWindow()) {
      // both requests in one write: the second is in the processor's buffer when the first's
      // transfer goes to the poller, so the processor must stay with the connection
      String both =
          request(first, "bytes=0-" + (8 * MIB - 1), "") + request(second, "bytes=0-99", "");
      OutputStream out = socket.getOutputStream();
      out.write(both.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      assertThat(readHead(in).status).isEqualTo(206);
      assertThat(skip(in, 8 * MIB)).isEqualTo(8 * MIB);
      Response next = readHead(in);
      assertThat(next.status).isEqualTo(206);
      assertThat(skip(in, next.contentLength)).isEqualTo(100);
    }
    awaitReport(first);
    assertThat(reported.get(first)).isEqualTo(8 * MIB);
  }

  @Test
  void aConnectionTheClientAskedToCloseReportsInFull() throws IOException {
    String id = id();
    try (Socket socket = connect(reportingPort)) {
      Response response = exchange(socket, id, "bytes=0-" + (3 * MIB - 1), "Connection: close\r\n");
      assertThat(response.bodyBytes).isEqualTo(3 * MIB);
      assertThat(socket.getInputStream().read()).as("closed by the server").isEqualTo(-1);
    }
    awaitReport(id);
    assertThat(reported.get(id)).isEqualTo(3 * MIB);
  }

  @Test
  void aBodyTakenBackReportsNothingAndIsNotSent() throws IOException {
    String id = id();
    try (Socket socket = connect(reportingPort)) {
      send(socket, id + "&cancel=1", "bytes=0-" + (4 * MIB - 1), "Connection: close\r\n");
      InputStream in = socket.getInputStream();
      assertThat(readHead(in).status).isEqualTo(503);
      assertThat(skip(in, Long.MAX_VALUE)).as("the error page, not the file").isLessThan(MIB);
    }
    assertThat(reported.get(id)).isZero();
  }

  @Test
  void aConnectorWithoutTheProtocolCopiesAndCountsExactly() throws IOException {
    String id = id();
    try (Socket socket = connect(plainPort)) {
      assertThat(exchange(socket, id, "bytes=0-" + (2 * MIB - 1), "").bodyBytes).isEqualTo(2 * MIB);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> results.containsKey(id));
    StreamResult result = results.get(id);
    assertThat(result.reportedBytes()).as("not reported: copied").isNull();
    assertThat(result.bytesSent()).isEqualTo(2 * MIB);
    assertThat(reported).doesNotContainKey(id);
  }

  @Test
  void manyConnectionsEndingAnyWayReportEachTransferOnce() throws Exception {
    int before = reports.get();
    int clients = 40;
    List<String> idsUsed = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        String id = id();
        idsUsed.add(id);
        long stopAfter = i % 2 == 0 ? Long.MAX_VALUE : (i * 97_003L) % (6 * MIB);
        done.add(
            pool.submit(() -> {
              try (Socket socket = connect(reportingPort)) {
                socket.setReceiveBufferSize(128 * 1024);
                send(socket, id, "bytes=" + MIB + "-" + (9 * MIB - 1), "");
                InputStream in = socket.getInputStream();
                readHead(in);
                skip(in, Math.min(stopAfter, 8 * MIB));
                if (stopAfter != Long.MAX_VALUE) {
                  socket.setSoLinger(true, 0);
                }
              }
              return null;
            }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    await().atMost(Duration.ofSeconds(15)).until(() -> reported.keySet().containsAll(idsUsed));
    for (int i = 0; i < clients; i++) {
      long bytes = reported.get(idsUsed.get(i));
      if (i % 2 == 0) {
        assertThat(bytes).as("client %d read it all", i).isEqualTo(8 * MIB);
      } else {
        assertThat(bytes).as("client %d went away", i).isBetween(0L, 8 * MIB);
      }
    }
    assertThat(reports.get() - before).as("each reported once").isEqualTo(clients);
    await().atMost(Duration.ofSeconds(5)).until(() -> protocol.trackedTransfers() == 0);
  }

  private static String id() {
    return "t" + ids.incrementAndGet();
  }

  private static void awaitReport(String id) {
    await().atMost(Duration.ofSeconds(10)).until(() -> reported.containsKey(id));
  }

  /**
   * A connection to the reporting connector with a 64 KiB receive window, so that the poller (not
   * the request's thread) writes the most of each transfer.
   */
  private static Socket smallWindow() throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(64 * 1024);
    socket.connect(new InetSocketAddress("127.0.0.1", reportingPort));
    socket.setSoTimeout(20_000);
    return socket;
  }

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(20_000);
    return socket;
  }

  private static String request(String id, String range, String extraHeaders) {
    return "GET /big.mp4?id="
        + id
        + " HTTP/1.1\r\nHost: localhost\r\n"
        + (range.isEmpty() ? "" : "Range: " + range + "\r\n")
        + extraHeaders
        + "\r\n";
  }

  private static void send(Socket socket, String id, String range, String extraHeaders)
      throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(request(id, range, extraHeaders).getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static Response exchange(Socket socket, String id, String range, String extraHeaders)
      throws IOException {
    send(socket, id, range, extraHeaders);
    InputStream in = socket.getInputStream();
    Response response = readHead(in);
    response.bodyBytes = skip(in, response.contentLength);
    return response;
  }

  /** Reads a response head: status line and headers, up to the empty line. */
  private static Response readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int lastFour = 0;
    while (lastFour != 0x0d0a0d0a) { // CR LF CR LF
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in the response head");
      }
      head.write(b);
      lastFour = (lastFour << 8) | b;
    }
    String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
    Response response = new Response();
    response.status = Integer.parseInt(lines[0].split(" ")[1]);
    for (String line : lines) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        response.contentLength = Long.parseLong(line.substring(15).trim());
      }
    }
    return response;
  }

  private static long skip(InputStream in, long bytes) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long read = 0;
    while (read < bytes) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, bytes - read));
      if (n < 0) {
        break;
      }
      read += n;
    }
    return read;
  }

  private static final class Response {
    int status;
    long contentLength;
    long bodyBytes;
  }

  /** Streams the file with an exact count and keeps what the streamer and Tomcat told. */
  private static final class MediaServlet extends HttpServlet {

    private final transient MediaObject media;
    private final transient RangeStreamer streamer;

    MediaServlet(MediaObject media, RangeStreamer streamer) {
      this.media = media;
      this.streamer = streamer;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String id = request.getParameter("id");
      StreamResult result = streamer.stream(request, response, media, "no-store", true);
      results.put(id, result);
      if (result.reportedBytes() != null) {
        result
            .reportedBytes()
            .thenAccept(bytes -> {
              reported.put(id, bytes);
              reports.incrementAndGet();
            });
      }
      if ("1".equals(request.getParameter("cancel"))) {
        RangeStreamer.cancelZeroCopy(request);
        response.reset();
        response.sendError(503);
      }
    }
  }
}
