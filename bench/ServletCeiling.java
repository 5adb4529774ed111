import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The servlet container's ceiling for byte-range answers: embedded Tomcat (the version Spring
 * Boot brings) with one servlet that answers {@code Range: bytes=a-b} of one file with a 206, as
 * cheaply as the container allows (sendfile from 48 KiB like videokit, a plain copy below),
 * without Spring, security, access policy, validation or metrics. What videokit reaches is
 * compared with this in {@code bench/servlet-ceiling.sh}: the gap between nginx and this program
 * is the servlet stack's, the gap between this program and videokit is ours.
 *
 * <p>Run: {@code java -cp tomcat-embed-core.jar bench/ServletCeiling.java <port> <file>}. Not a
 * server for anything else: it parses nothing but {@code bytes=<first>-<last>}.
 */
public final class ServletCeiling {

  private ServletCeiling() {}

  /**
   * Starts the server on 127.0.0.1 and blocks.
   *
   * @param args port and file
   * @throws Exception if Tomcat cannot start
   */
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Path file = Path.of(args[1]).toAbsolutePath();
    long size = Files.size(file);
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("ceiling").toString());
    Connector connector = new Connector("HTTP/1.1");
    connector.setPort(port);
    connector.setProperty("address", "127.0.0.1");
    connector.setProperty("maxKeepAliveRequests", "1000");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "range", new RangeServlet(file, size));
    context.addServletMappingDecoded("/", "range");
    tomcat.start();
    tomcat.getServer().await();
  }

  /** Answers {@code bytes=a-b} with a 206 (sendfile from 48 KiB), anything else whole. */
  static final class RangeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final long SENDFILE_FROM = 48 * 1024;
    private final transient Path file;
    private final long size;

    RangeServlet(Path file, long size) {
      this.file = file;
      this.size = size;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      long first = 0;
      long last = size - 1;
      String range = request.getHeader("Range");
      if (range != null && range.startsWith("bytes=")) {
        int dash = range.indexOf('-');
        first = Long.parseLong(range.substring(6, dash));
        if (dash + 1 < range.length()) {
          last = Math.min(last, Long.parseLong(range.substring(dash + 1)));
        }
        response.setStatus(206);
        response.setHeader("Content-Range", "bytes " + first + "-" + last + "/" + size);
      }
      long length = last - first + 1;
      response.setContentType("video/mp4");
      response.setHeader("Accept-Ranges", "bytes");
      response.setContentLengthLong(length);
      if (length >= SENDFILE_FROM
          && Boolean.TRUE.equals(request.getAttribute("org.apache.tomcat.sendfile.support"))) {
        request.setAttribute("org.apache.tomcat.sendfile.filename", file.toString());
        request.setAttribute("org.apache.tomcat.sendfile.start", first);
        request.setAttribute("org.apache.tomcat.sendfile.end", last + 1);
        return;
      }
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, 64 * 1024));
        OutputStream out = response.getOutputStream();
        long position = first;
        while (position <= last) {
          buffer.clear().limit((int) Math.min(buffer.capacity(), last + 1 - position));
          int read = channel.read(buffer, position);
          if (read < 0) {
            break;
          }
          out.write(buffer.array(), 0, read);
          position += read;
        }
      }
    }
  }
}
