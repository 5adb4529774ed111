package io.videokit.core.stream;

import io.videokit.core.http.HttpDates;
import io.videokit.core.http.Problem;
import io.videokit.core.http.ProblemType;
import io.videokit.core.range.ByteRange;
import io.videokit.core.range.RangeDecision;
import io.videokit.core.range.RangeEvaluator;
import io.videokit.core.range.RangeRequest;
import io.videokit.core.range.Representation;
import io.videokit.core.storage.MediaObject;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Answers {@code GET} and {@code HEAD} for a {@link MediaObject} with full RFC 9110 range support:
 * 200, single-range 206, {@code multipart/byteranges} 206, 304, 412 and 416, with {@code
 * Accept-Ranges}, {@code ETag}, {@code Last-Modified} and {@code Content-Type}.
 *
 * <p>Stored bytes are untrusted: every answer (304, 412 and 416 included) carries {@link
 * ServedMedia#CONTENT_SECURITY_POLICY} and {@code X-Content-Type-Options: nosniff}, and only media
 * types allowed inline are sent with their own type; anything else goes out as {@code
 * application/octet-stream} with {@code Content-Disposition: attachment} (see {@link ServedMedia}).
 *
 * <p>Caching: 200, 206 and 304 answers carry the {@code Cache-Control} the caller chose ({@link
 * MediaCaching}; by default {@code private, no-cache}: kept, and revalidated with the validators on
 * every use), set before any byte of the body, so that a filter writing defaults on commit (Spring
 * Security's) leaves it alone; 412 and 416 problems are {@code no-store}.
 *
 * <p>Memory stays flat: bodies are copied through one fixed buffer per request, or handed to the
 * servlet container's sendfile support (Tomcat NIO) when the object is a local file and the
 * response is one contiguous range, so the bytes never pass through the JVM heap. The container
 * reports nothing back about a sendfile transfer (it runs after the servlet returned, and a client
 * that aborts is not seen), so a caller that needs the bytes really written (watch sessions) asks
 * for an exact count. An exact count copies through the buffer, except for answers of at most
 * {@value #EXACT_COUNT_SENDFILE_LIMIT} bytes. Those still go to sendfile and are counted in full: a
 * copied answer's count is itself only what the kernel accepted, and a socket's send buffer (Linux:
 * up to {@code net.ipv4.tcp_wmem}'s maximum, 4 MiB by default) takes such an answer whole before
 * the client has read a byte (docs/decisions/0011-short-answers-sendfile-with-watch-sessions.md). A
 * container that {@linkplain SendfileReporting reports} its transfers takes longer answers too: the
 * exact count then arrives later, in {@link StreamResult#reportedBytes()}
 * (docs/decisions/0012-sendfile-with-reported-bytes.md).
 *
 * <p>Use it from any servlet or controller: {@code streamer.stream(request, response, object)}.
 * Instances are thread-safe.
 */
public final class RangeStreamer {

  /** Tomcat's request attribute telling that sendfile is available for this request. */
  static final String SENDFILE_SUPPORTED = "org.apache.tomcat.sendfile.support";

  static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
  static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
  static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

  /** Request attribute holding the {@link SendfileReporting.Transfer} of a reported sendfile. */
  static final String REPORTED_TRANSFER = RangeStreamer.class.getName() + ".transfer";

  /** Default copy buffer per request, in bytes. */
  public static final int DEFAULT_BUFFER_SIZE = 64 * 1024;

  /** Below this many bytes a plain copy is cheaper than setting up sendfile. */
  static final long SENDFILE_THRESHOLD = 48 * 1024;

  /**
   * Answers up to this many bytes use sendfile even when an exact count is asked for, counted in
   * full: 1 MiB, within what a socket's send buffer takes before a client reads anything.
   */
  public static final long EXACT_COUNT_SENDFILE_LIMIT = 1024 * 1024;

  /** IMF-fixdate (RFC 9110 §5.6.7); RFC_1123_DATE_TIME would omit the day's leading zero. */
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RangeEvaluator evaluator;
  private final boolean zeroCopy;
  private final int bufferSize;
  private final SendfileReporting reporting;
  private final ServedMedia labels = new ServedMedia();

  /** Idle copy buffers kept between responses: 32 x 64 KiB = 2 MiB at most, by default. */
  static final int POOLED_BUFFERS = 32;

  private final CopyBuffers buffers;

  /**
   * Creates a streamer.
   *
   * @param evaluator decides 200/206/304/412/416 and the ranges
   * @param zeroCopy whether to use the container's sendfile for local files when it offers it
   * @param bufferSize copy buffer per request in bytes, {@code >= 1024}
   */
  public RangeStreamer(RangeEvaluator evaluator, boolean zeroCopy, int bufferSize) {
    this(evaluator, zeroCopy, bufferSize, SendfileReporting.NONE);
  }

  /**
   * Creates a streamer whose exact counts may use a reporting container's sendfile.
   *
   * @param evaluator decides 200/206/304/412/416 and the ranges
   * @param zeroCopy whether to use the container's sendfile for local files when it offers it
   * @param bufferSize copy buffer per request in bytes, {@code >= 1024}
   * @param reporting the container's sendfile reports, or {@link SendfileReporting#NONE}
   */
  public RangeStreamer(
      RangeEvaluator evaluator, boolean zeroCopy, int bufferSize, SendfileReporting reporting) {
    if (bufferSize < 1024) {
      throw new IllegalArgumentException("bufferSize must be >= 1024: " + bufferSize);
    }
    this.evaluator = evaluator;
    this.zeroCopy = zeroCopy;
    this.bufferSize = bufferSize;
    this.reporting = reporting;
    this.buffers = new CopyBuffers(bufferSize, POOLED_BUFFERS);
  }

  /**
   * A streamer with default limits, zero-copy on and a 64 KiB buffer.
   *
   * @return the streamer
   */
  public static RangeStreamer defaults() {
    return new RangeStreamer(RangeEvaluator.defaults(), true, DEFAULT_BUFFER_SIZE);
  }

  /**
   * Answers the request with (part of) the object, {@code Cache-Control: private, no-cache} and
   * zero-copy when available.
   *
   * <p>A client that goes away mid-body is not an error: the result reports {@code completed =
   * false} and the bytes written so far.
   *
   * @param request a {@code GET} or {@code HEAD} request
   * @param response the response, not yet committed
   * @param media what to send
   * @return status and number of body bytes sent
   * @throws IOException if the object cannot be read (before anything was sent)
   */
  public StreamResult stream(
      HttpServletRequest request, HttpServletResponse response, MediaObject media)
      throws IOException {
    return stream(request, response, media, MediaCaching.revalidate(false), false);
  }

  /**
   * Answers the request with (part of) the object.
   *
   * <p>A client that goes away mid-body is not an error: the result reports {@code completed =
   * false} and the bytes written so far.
   *
   * @param request a {@code GET} or {@code HEAD} request
   * @param response the response, not yet committed
   * @param media what to send
   * @param cacheControl the {@code Cache-Control} of 200, 206 and 304 answers (see {@link
   *     MediaCaching}); 412 and 416 problems get {@code no-store}
   * @param exactCount true to count the bytes the container accepted before the client went away
   *     (at most its and the kernel's buffers more than the client received): bodies over {@value
   *     #EXACT_COUNT_SENDFILE_LIMIT} bytes are copied, or handed to a {@linkplain SendfileReporting
   *     reporting} container's sendfile with the count in {@link StreamResult#reportedBytes()};
   *     shorter answers are counted in full, which is within the same bound. False lets sendfile
   *     count any range as sent
   * @return status and number of body bytes sent
   * @throws IOException if the object cannot be read (before anything was sent)
   */
  public StreamResult stream(
      HttpServletRequest request,
      HttpServletResponse response,
      MediaObject media,
      String cacheControl,
      boolean exactCount)
      throws IOException {
    ServedMedia.protect(response);
    String method = request.getMethod();
    Representation representation =
        new Representation(media.size(), media.etag(), media.lastModified());
    RangeDecision decision =
        evaluator.evaluate(
            new RangeRequest(
                method,
                request.getHeader("Range"),
                request.getHeader("If-Range"),
                request.getHeader("If-Match"),
                request.getHeader("If-None-Match"),
                request.getHeader("If-Modified-Since"),
                request.getHeader("If-Unmodified-Since")),
            representation);

    response.setHeader("Accept-Ranges", "bytes");
    response.setHeader("ETag", representation.etag());
    response.setHeader("Last-Modified", HttpDates.format(media.lastModified()));
    // RFC 9110 §15.4.5: a 304 carries the Cache-Control a 200 would have
    MediaCaching.set(response, cacheControl);

    if (decision instanceof RangeDecision.NotModified) {
      response.setStatus(304);
      return new StreamResult(304, 0, true);
    }
    if (decision instanceof RangeDecision.PreconditionFailed) {
      Problem.of(
              ProblemType.STREAM_PRECONDITION_FAILED,
              "If-Match or If-Unmodified-Since does not hold for the current representation")
          .write(response, method);
      return new StreamResult(412, 0, true);
    }
    if (decision instanceof RangeDecision.NotSatisfiable notSatisfiable) {
      response.setHeader("Content-Range", "bytes */" + media.size());
      Problem.of(ProblemType.STREAM_RANGE_NOT_SATISFIABLE, notSatisfiable.reason())
          .write(response, method);
      return new StreamResult(416, 0, true);
    }
    ServedMedia.Label label = labels.label(media);
    if (decision instanceof RangeDecision.Partial partial) {
      if (partial.isMultipart()) {
        return sendMultipart(response, media, label, partial.ranges(), method);
      }
      ByteRange range = partial.ranges().get(0);
      response.setStatus(206);
      label.apply(response);
      response.setHeader("Content-Range", range.toContentRange(media.size()));
      response.setContentLengthLong(range.length());
      if ("HEAD".equals(method)) {
        return new StreamResult(206, 0, true);
      }
      return sendSingle(request, response, media, range, 206, exactCount);
    }
    response.setStatus(200);
    label.apply(response);
    response.setContentLengthLong(media.size());
    if ("HEAD".equals(method) || media.size() == 0) {
      return new StreamResult(200, 0, true);
    }
    return sendSingle(request, response, media, ByteRange.whole(media.size()), 200, exactCount);
  }

  /**
   * How many idle copy buffers this streamer keeps now (at most {@value #POOLED_BUFFERS}).
   *
   * @return the number of pooled buffers
   */
  int pooledBuffers() {
    return buffers.idle();
  }

  /**
   * Takes back a body handed to the container's sendfile, for a caller that answers with an error
   * after {@link #stream} returned (the file must not go out under the error's status).
   *
   * @param request the request {@link #stream} was called with
   */
  public static void cancelZeroCopy(ServletRequest request) {
    if (request.getAttribute(REPORTED_TRANSFER) instanceof SendfileReporting.Transfer transfer) {
      transfer.cancel();
      request.removeAttribute(REPORTED_TRANSFER);
    }
    request.removeAttribute(SENDFILE_FILENAME);
    request.removeAttribute(SENDFILE_START);
    request.removeAttribute(SENDFILE_END);
  }

  private StreamResult sendSingle(
      HttpServletRequest request,
      HttpServletResponse response,
      MediaObject media,
      ByteRange range,
      int status,
      boolean exactCount)
      throws IOException {
    Optional<Path> file = media.localFile();
    if (zeroCopy
        && file.isPresent()
        && range.length() >= SENDFILE_THRESHOLD
        && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORTED))) {
      if (!exactCount || range.length() <= EXACT_COUNT_SENDFILE_LIMIT) {
        zeroCopy(request, file.get().toString(), range);
        return new StreamResult(status, range.length(), true);
      }
      CompletableFuture<Long> written = new CompletableFuture<>();
      SendfileReporting.Transfer transfer =
          reporting.expect(file.get().toString(), range.length(), written::complete);
      if (transfer != null) {
        request.setAttribute(REPORTED_TRANSFER, transfer);
        zeroCopy(request, transfer.fileName(), range);
        return new StreamResult(status, range.length(), true, written);
      }
    }
    ServletOutputStream out = response.getOutputStream();
    byte[] buffer = buffers.take(range.length());
    long[] written = {0};
    try (InputStream in = media.openRange(range.first(), range.last())) {
      boolean completed = copy(in, out, buffer, written);
      return new StreamResult(status, written[0], completed);
    } finally {
      buffers.give(buffer);
    }
  }

  private static void zeroCopy(HttpServletRequest request, String fileName, ByteRange range) {
    request.setAttribute(SENDFILE_FILENAME, fileName);
    request.setAttribute(SENDFILE_START, range.first());
    request.setAttribute(SENDFILE_END, range.last() + 1);
  }

  private StreamResult sendMultipart(
      HttpServletResponse response,
      MediaObject media,
      ServedMedia.Label label,
      List<ByteRange> ranges,
      String method)
      throws IOException {
    String boundary = newBoundary();
    byte[][] partHeaders = new byte[ranges.size()][];
    long contentLength = 0;
    for (int i = 0; i < ranges.size(); i++) {
      ByteRange range = ranges.get(i);
      String head =
          (i == 0 ? "" : "\r\n")
              + "--"
              + boundary
              + "\r\nContent-Type: "
              + label.contentType()
              + "\r\nContent-Range: "
              + range.toContentRange(media.size())
              + "\r\n\r\n";
      partHeaders[i] = head.getBytes(StandardCharsets.US_ASCII);
      contentLength += partHeaders[i].length + range.length();
    }
    byte[] closing = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    contentLength += closing.length;

    response.setStatus(206);
    response.setContentType("multipart/byteranges; boundary=" + boundary);
    if (label.disposition() != null) {
      response.setHeader("Content-Disposition", label.disposition());
    }
    response.setContentLengthLong(contentLength);
    if ("HEAD".equals(method)) {
      return new StreamResult(206, 0, true);
    }
    ServletOutputStream out = response.getOutputStream();
    byte[] buffer = buffers.take(bufferSize);
    long[] written = {0};
    try {
      for (int i = 0; i < ranges.size(); i++) {
        out.write(partHeaders[i]);
        written[0] += partHeaders[i].length;
        ByteRange range = ranges.get(i);
        try (InputStream in = media.openRange(range.first(), range.last())) {
          if (!copy(in, out, buffer, written)) {
            return new StreamResult(206, written[0], false);
          }
        }
      }
      out.write(closing);
      written[0] += closing.length;
    } catch (IOException clientGone) {
      return new StreamResult(206, written[0], false);
    } finally {
      buffers.give(buffer);
    }
    return new StreamResult(206, written[0], true);
  }

  /** Copies to the client; returns false if the client went away (write failed). */
  private static boolean copy(
      InputStream in, ServletOutputStream out, byte[] buffer, long[] written) throws IOException {
    int n;
    while ((n = in.read(buffer)) > 0) {
      try {
        out.write(buffer, 0, n);
      } catch (IOException clientGone) {
        return false;
      }
      written[0] += n;
    }
    return true;
  }

  private static String newBoundary() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return "videokit-" + HexFormat.of().formatHex(bytes);
  }
}
