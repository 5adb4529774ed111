package io.videokit.core.stream;

import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A servlet container that tells how many bytes of a sendfile transfer it wrote to the socket.
 *
 * <p>Tomcat's sendfile ({@code org.apache.tomcat.sendfile.*} request attributes) runs after the
 * servlet returned, on the container's own threads, and reports nothing back to the application. A
 * container integration that can observe the transfer's end (Tomcat: {@code
 * io.videokit.web.tomcat.SendfileReportingProtocol}) implements this interface, and {@link
 * RangeStreamer} then sends long answers with sendfile even when the caller asked for an exact
 * count (watch sessions): the count arrives through {@link StreamResult#reportedBytes()} once the
 * transfer is over (docs/decisions/0012-sendfile-with-reported-bytes.md).
 *
 * <p>Implementations are thread-safe; {@link #expect} is called on the request's own thread.
 */
public interface SendfileReporting {

  /** No container support: every {@link #expect} answers null, so exact counts copy. */
  SendfileReporting NONE = (file, length, written) -> null;

  /**
   * Announces a transfer that the current request is about to hand to the container's sendfile.
   *
   * @param file the file's absolute path, as the sendfile file-name attribute would give it
   * @param length the transfer's length in bytes, {@code > 0}
   * @param written called exactly once, on a container thread, with the bytes of this transfer
   *     written to the socket (from 0 to {@code length}): when it finished, when the connection
   *     failed or closed, or with 0 when it was {@linkplain Transfer#cancel() cancelled}. It must
   *     be quick and must not throw; it may run up to about a second after the last byte was
   *     written.
   * @return the transfer, whose {@link Transfer#fileName()} must be the value of the sendfile
   *     file-name attribute; or null when this request's transfer cannot be reported (not served by
   *     the integration's connector), and the caller must copy instead
   */
  @Nullable Transfer expect(String file, long length, LongConsumer written);

  /** A transfer announced with {@link #expect}. */
  interface Transfer {

    /**
     * The value for the {@code org.apache.tomcat.sendfile.filename} request attribute: the file's
     * path, as a string object only this transfer uses (the container is told apart by identity).
     *
     * @return the file name to hand to the container
     */
    String fileName();

    /**
     * Takes the transfer back before it started (the body will not go out, e.g. an error is
     * answered instead): reports 0 bytes. Does nothing once the outcome was reported.
     */
    void cancel();
  }
}
