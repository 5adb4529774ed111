import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Many slow video viewers against one HTTP server: the load client of the "2,000 slow viewers"
 * workload (issue 12).
 *
 * <pre>
 *   java bench/SlowViewers.java --url http://127.0.0.1:8080/api/stream/?path=big.mp4 \
 *        --connections 2000 --rate-kib 256 --duration 60 [--range-bytes 1048576]
 * </pre>
 *
 * <p>Each connection sends {@code GET} over HTTP/1.1 keep-alive ({@code Range: bytes=0-<n-1>} when
 * {@code --range-bytes} is given, else the whole resource), reads the response at most
 * {@code --rate-kib} KiB/s (a token bucket per connection), and sends the next request on the same
 * connection as soon as a response ends (a new connection when the server closed it). At the end it
 * prints exactly one JSON line on stdout:
 *
 * <pre>
 * {"connections":2000,"requests":N,"errors":E,"unanswered":U,"bytes":B,"ttfb_p50_ms":x,"ttfb_p99_ms":y,"ttfb_max_ms":z}
 * </pre>
 *
 * <ul>
 *   <li>{@code requests}: requests sent;
 *   <li>{@code errors}: failed connects, read/write failures, connections closed in the middle of a
 *       response (or before its first byte), and responses with a status outside 2xx;
 *   <li>{@code bytes}: response body bytes received (headers not counted);
 *   <li>{@code unanswered}: viewers whose request was still waiting for its first byte when the
 *       run ended (a server that queues connections it cannot serve); each is also counted in
 *       {@code errors}, and its wait so far is a TTFB sample (a lower bound), so a server that
 *       leaves viewers waiting cannot look fast;
 *   <li>{@code ttfb_*}: time from the request written to the first byte of its response, in ms,
 *       over every response whose first byte arrived, and the unanswered waits.
 * </ul>
 *
 * <p>The exit code is 0 even with errors (the harness judges). Progress goes to stderr.
 *
 * <p>The client is meant to be cheap, so that on a small machine it does not take the CPU the
 * server under test needs: one thread, one {@link Selector}, one shared read buffer; the throttle
 * is a tick every {@value #TICK_MS} ms that refills every bucket and re-arms the connections that
 * had run dry. Connections are opened at {@value #CONNECTS_PER_TICK} per tick (a ramp, like viewers
 * arriving, rather than one SYN burst that overflows any accept backlog). A connection waiting for
 * the first byte of a response always reads it, even with an empty bucket, so the throttle never
 * shows up as server latency.
 */
public final class SlowViewers {

  /** Throttle granularity: buckets are refilled and connections re-armed this often. */
  static final int TICK_MS = 20;

  /** How many new connections are started per tick during the ramp-up. */
  static final int CONNECTS_PER_TICK = 50;

  /** Delay before a connection that failed is opened again, in ms. */
  static final int RECONNECT_DELAY_MS = 200;

  /** How many errors are described on stderr (the rest are only counted). */
  static final int MAX_REPORTED_ERRORS = 5;

  /** Longest response head (status line and headers) accepted, in bytes. */
  static final int MAX_HEAD = 16 * 1024;

  private final Options options;
  private final InetSocketAddress address;
  private final ByteBuffer request;
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
  private final long ratePerTick;
  private final long bucketCapacity;
  private final Selector selector;
  private final Viewer[] viewers;

  private long requests;
  private long errors;
  private long unanswered;
  private long bytes;
  private long[] ttfbNanos = new long[1024];
  private int reportedErrors;
  private int ttfbCount;

  private SlowViewers(Options options) throws IOException {
    this.options = options;
    URI uri = options.url;
    int port = uri.getPort() != -1 ? uri.getPort() : 80;
    this.address = new InetSocketAddress(uri.getHost(), port);
    String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      target += "?" + uri.getRawQuery();
    }
    StringBuilder head = new StringBuilder();
    head.append("GET ").append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(uri.getHost()).append(port == 80 ? "" : ":" + port).append("\r\n");
    head.append("User-Agent: SlowViewers\r\nAccept: */*\r\n");
    if (options.rangeBytes > 0) {
      head.append("Range: bytes=0-").append(options.rangeBytes - 1).append("\r\n");
    }
    head.append("\r\n");
    this.request = ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.US_ASCII));
    long ratePerSecond = options.rateKib * 1024L;
    this.ratePerTick = Math.max(1, ratePerSecond * TICK_MS / 1000);
    this.bucketCapacity = Math.max(ratePerTick, ratePerSecond / 4);
    this.selector = Selector.open();
    this.viewers = new Viewer[options.connections];
    for (int i = 0; i < viewers.length; i++) {
      viewers[i] = new Viewer();
    }
  }

  /**
   * Runs the workload and prints the JSON summary.
   *
   * @param args the command line, see the class description
   * @throws IOException when the selector cannot be opened
   */
  public static void main(String[] args) throws IOException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(
          "usage: java SlowViewers.java --url <http url> --connections <n> --rate-kib <KiB/s>"
              + " --duration <s> [--range-bytes <n>]");
      System.exit(2);
      return;
    }
    new SlowViewers(options).run();
  }

  private void run() throws IOException {
    long start = System.nanoTime();
    long end = start + options.durationSeconds * 1_000_000_000L;
    long nextTick = start;
    long nextReport = start + 10_000_000_000L;
    int started = 0;
    while (true) {
      long now = System.nanoTime();
      if (now >= end) {
        break;
      }
      if (now >= nextTick) {
        nextTick = now + TICK_MS * 1_000_000L;
        for (int n = 0; n < CONNECTS_PER_TICK && started < viewers.length; n++) {
          viewers[started++].connect();
        }
        for (Viewer viewer : viewers) {
          viewer.tick(now);
        }
      }
      if (now >= nextReport) {
        nextReport += 10_000_000_000L;
        System.err.printf(
            Locale.ROOT,
            "[slow-viewers] %3d s: %d open, %d requests, %d errors, %d MiB%n",
            (now - start) / 1_000_000_000L,
            selector.keys().size(),
            requests,
            errors,
            bytes >> 20);
      }
      long waitMs = Math.max(1, (Math.min(nextTick, end) - System.nanoTime()) / 1_000_000L);
      selector.select(waitMs);
      var selected = selector.selectedKeys();
      for (SelectionKey key : selected) {
        ((Viewer) key.attachment()).ready(key);
      }
      selected.clear();
    }
    long stoppedAt = System.nanoTime();
    for (Viewer viewer : viewers) {
      if (viewer.waitingForFirstByte()) {
        unanswered++;
        errors++;
        recordTtfb(stoppedAt - viewer.sentAt);
      }
      viewer.close();
    }
    selector.close();
    printSummary();
  }

  private void printSummary() {
    long[] sorted = Arrays.copyOf(ttfbNanos, ttfbCount);
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "{\"connections\":%d,\"requests\":%d,\"errors\":%d,\"unanswered\":%d,\"bytes\":%d,"
            + "\"ttfb_p50_ms\":%.3f,\"ttfb_p99_ms\":%.3f,\"ttfb_max_ms\":%.3f}%n",
        options.connections,
        requests,
        errors,
        unanswered,
        bytes,
        percentileMs(sorted, 0.50),
        percentileMs(sorted, 0.99),
        sorted.length == 0 ? 0.0 : sorted[sorted.length - 1] / 1e6);
  }

  /** Nearest-rank percentile of sorted nanosecond samples, in ms (0 when there are none). */
  private static double percentileMs(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0.0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }

  private void recordTtfb(long nanos) {
    if (ttfbCount == ttfbNanos.length) {
      ttfbNanos = Arrays.copyOf(ttfbNanos, ttfbCount * 2);
    }
    ttfbNanos[ttfbCount++] = nanos;
  }

  /** Where a connection is in its current response. */
  private enum State {
    /** Not connected (never, or waiting to reconnect). */
    CLOSED,
    /** Connect in progress. */
    CONNECTING,
    /** Request (partly) written or waiting for the first byte of the response. */
    AWAITING_HEAD,
    /** Reading the status line and headers. */
    HEAD,
    /** Reading a body of known length ({@code remaining} bytes left). */
    BODY_LENGTH,
    /** Reading a body that ends when the server closes the connection. */
    BODY_UNTIL_CLOSE,
    /** Reading a chunk-size line of a chunked body. */
    CHUNK_SIZE,
    /** Reading chunk data ({@code remaining} bytes left). */
    CHUNK_DATA,
    /** Reading the CRLF after chunk data. */
    CHUNK_END,
    /** Reading the trailer section after the last chunk. */
    TRAILERS
  }

  /** One viewer: a connection, its token bucket and the parse state of its current response. */
  private final class Viewer {
    private SocketChannel channel;
    private SelectionKey key;
    private State state = State.CLOSED;
    private final ByteBuffer out = request.duplicate();
    private final byte[] line = new byte[MAX_HEAD];
    private int lineLength;
    private long tokens = bucketCapacity;
    private long sentAt;
    private long reconnectAt = Long.MAX_VALUE;
    private long remaining;
    private boolean chunked;
    private boolean closeAfter;
    private boolean firstHeadLine;
    private boolean throttled;

    /** Whether a request of this viewer went out and no byte of its answer came back yet. */
    boolean waitingForFirstByte() {
      return state == State.AWAITING_HEAD && sentAt != 0 && !out.hasRemaining();
    }

    /** Starts a non-blocking connect; a failure is an error and schedules a reconnect. */
    void connect() {
      reconnectAt = Long.MAX_VALUE;
      try {
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        state = State.CONNECTING;
        if (channel.connect(address)) {
          key = channel.register(selector, 0, this);
          sendRequest();
        } else {
          key = channel.register(selector, SelectionKey.OP_CONNECT, this);
        }
      } catch (IOException e) {
        fail(e);
      }
    }

    /** Refills the bucket; re-arms reading when it had run dry; reconnects when it is time. */
    void tick(long now) {
      if (state == State.CLOSED) {
        if (now >= reconnectAt) {
          connect();
        }
        return;
      }
      tokens = Math.min(bucketCapacity, tokens + ratePerTick);
      if (throttled && tokens > 0) {
        throttled = false;
        key.interestOps(SelectionKey.OP_READ);
      }
    }

    /** Handles a readiness event of this connection. */
    void ready(SelectionKey ready) {
      try {
        if (!ready.isValid()) {
          return;
        }
        if (ready.isConnectable()) {
          channel.finishConnect();
          sendRequest();
          return;
        }
        if (ready.isWritable()) {
          writeRequest();
          return;
        }
        if (ready.isReadable()) {
          read();
        }
      } catch (IOException e) {
        fail(e);
      }
    }

    private void sendRequest() throws IOException {
      out.clear();
      state = State.AWAITING_HEAD;
      lineLength = 0;
      firstHeadLine = true;
      chunked = false;
      closeAfter = false;
      remaining = -1;
      requests++;
      writeRequest();
    }

    private void writeRequest() throws IOException {
      channel.write(out);
      if (out.hasRemaining()) {
        key.interestOps(SelectionKey.OP_WRITE);
      } else {
        sentAt = System.nanoTime();
        throttled = false;
        key.interestOps(SelectionKey.OP_READ);
      }
    }

    private void read() throws IOException {
      boolean first = state == State.AWAITING_HEAD;
      long allowance = first ? Math.max(tokens, 1) : tokens;
      if (allowance <= 0) {
        pause();
        return;
      }
      readBuffer.clear();
      readBuffer.limit((int) Math.min(readBuffer.capacity(), allowance));
      int n = channel.read(readBuffer);
      if (n < 0) {
        endOfStream();
        return;
      }
      if (n == 0) {
        return;
      }
      if (first) {
        recordTtfb(System.nanoTime() - sentAt);
        state = State.HEAD;
      }
      tokens -= n;
      readBuffer.flip();
      while (readBuffer.hasRemaining() && state != State.CLOSED) {
        consume();
      }
      if (state != State.CLOSED && state != State.AWAITING_HEAD && tokens <= 0) {
        pause();
      }
    }

    private void pause() {
      throttled = true;
      key.interestOps(0);
    }

    /** Consumes bytes of {@link #readBuffer} according to the parse state. */
    private void consume() throws IOException {
      switch (state) {
        case HEAD, CHUNK_SIZE, CHUNK_END, TRAILERS -> {
          if (readLine()) {
            lineComplete();
          }
        }
        case BODY_LENGTH, CHUNK_DATA -> {
          int take = (int) Math.min(remaining, readBuffer.remaining());
          readBuffer.position(readBuffer.position() + take);
          bytes += take;
          remaining -= take;
          if (remaining == 0) {
            if (state == State.CHUNK_DATA) {
              state = State.CHUNK_END;
            } else {
              responseEnded();
            }
          }
        }
        case BODY_UNTIL_CLOSE -> {
          bytes += readBuffer.remaining();
          readBuffer.position(readBuffer.limit());
        }
        default -> throw new IOException("unexpected bytes in state " + state);
      }
    }

    /** Appends bytes up to a LF to {@link #line}; true when a whole line (without CRLF) is there. */
    private boolean readLine() throws IOException {
      while (readBuffer.hasRemaining()) {
        byte b = readBuffer.get();
        if (b == '\n') {
          if (lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
          }
          return true;
        }
        if (lineLength == line.length) {
          throw new IOException("response line too long");
        }
        line[lineLength++] = b;
      }
      return false;
    }

    private void lineComplete() throws IOException {
      String text = new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
      lineLength = 0;
      switch (state) {
        case HEAD -> headLine(text);
        case CHUNK_SIZE -> {
          int semicolon = text.indexOf(';');
          String size = (semicolon < 0 ? text : text.substring(0, semicolon)).trim();
          try {
            remaining = Long.parseLong(size, 16);
          } catch (NumberFormatException e) {
            throw new IOException("bad chunk size " + text);
          }
          state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
        }
        case CHUNK_END -> state = State.CHUNK_SIZE;
        case TRAILERS -> {
          if (text.isEmpty()) {
            responseEnded();
          }
        }
        default -> throw new IOException("line in state " + state);
      }
    }

    private void headLine(String text) throws IOException {
      if (firstHeadLine) {
        firstHeadLine = false;
        String[] parts = text.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
          throw new IOException("not an HTTP response: " + text);
        }
        int status = Integer.parseInt(parts[1]);
        if (status < 200 || status > 299) {
          errors++;
          if (reportedErrors < MAX_REPORTED_ERRORS) {
            reportedErrors++;
            System.err.println("[slow-viewers] error: status " + status);
          }
        }
        return;
      }
      if (!text.isEmpty()) {
        int colon = text.indexOf(':');
        if (colon > 0) {
          String name = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
          String value = text.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
          switch (name) {
            case "content-length" -> remaining = Long.parseLong(value);
            case "transfer-encoding" -> chunked = value.endsWith("chunked");
            case "connection" -> closeAfter = value.contains("close");
            default -> {}
          }
        }
        return;
      }
      if (chunked) {
        state = State.CHUNK_SIZE;
      } else if (remaining > 0) {
        state = State.BODY_LENGTH;
      } else if (remaining == 0) {
        responseEnded();
      } else {
        state = State.BODY_UNTIL_CLOSE;
        closeAfter = true;
      }
    }

    /** A response ended: the next request on this connection, or a new connection. */
    private void responseEnded() throws IOException {
      if (readBuffer.hasRemaining()) {
        throw new IOException("bytes after the end of a response");
      }
      if (closeAfter) {
        close();
        connect();
      } else {
        sendRequest();
      }
    }

    private void endOfStream() {
      if (state == State.BODY_UNTIL_CLOSE) {
        close();
        connect();
      } else {
        fail(new IOException("connection closed by the server in state " + state));
      }
    }

    /** Counts an error, closes, and reconnects after {@link #RECONNECT_DELAY_MS}. */
    private void fail(IOException cause) {
      errors++;
      if (reportedErrors < MAX_REPORTED_ERRORS) {
        reportedErrors++;
        System.err.println("[slow-viewers] error: " + cause);
      }
      close();
      reconnectAt = System.nanoTime() + RECONNECT_DELAY_MS * 1_000_000L;
    }

    void close() {
      state = State.CLOSED;
      throttled = false;
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // closing a broken connection: nothing left to do
        }
        channel = null;
        key = null;
      }
    }
  }

  /** The parsed command line. */
  private record Options(
      URI url, int connections, int rateKib, int durationSeconds, long rangeBytes) {

    static Options parse(String[] args) {
      URI url = null;
      int connections = 2000;
      int rateKib = 256;
      int duration = 60;
      long rangeBytes = 0;
      List<String> rest = new ArrayList<>(List.of(args));
      while (!rest.isEmpty()) {
        String name = rest.remove(0);
        if (rest.isEmpty()) {
          throw new IllegalArgumentException("missing value after " + name);
        }
        String value = rest.remove(0);
        switch (name) {
          case "--url" -> url = URI.create(value);
          case "--connections" -> connections = positive(name, value);
          case "--rate-kib" -> rateKib = positive(name, value);
          case "--duration" -> duration = positive(name, value);
          case "--range-bytes" -> rangeBytes = positive(name, value);
          default -> throw new IllegalArgumentException("unknown option " + name);
        }
      }
      if (url == null || !"http".equals(url.getScheme()) || url.getHost() == null) {
        throw new IllegalArgumentException("--url must be an http:// URL");
      }
      return new Options(url, connections, rateKib, duration, rangeBytes);
    }

    private static int positive(String name, String value) {
      try {
        int n = Integer.parseInt(value);
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(name + " must be a positive whole number, got " + value);
    }
  }
}
