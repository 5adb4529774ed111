package io.videokit.core.stream;

import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * What a streamed response sent.
 *
 * @param status the HTTP status code answered
 * @param bytesSent body bytes the container accepted (for a zero-copy transfer, the whole range
 *     handed to it, whether or not the client stayed: ask {@link RangeStreamer} for an exact count
 *     where it matters; for HEAD and 304, 0)
 * @param completed false when the client went away before the body was written
 * @param reportedBytes for an exact count that went to a {@linkplain SendfileReporting reporting}
 *     container's sendfile, the bytes it wrote to the socket, completed (on a container thread)
 *     once the transfer is over; null when {@code bytesSent} is already the count
 */
public record StreamResult(
    int status, long bytesSent, boolean completed, @Nullable CompletionStage<Long> reportedBytes) {

  /**
   * A result whose count is known now.
   *
   * @param status the HTTP status code answered
   * @param bytesSent body bytes the container accepted
   * @param completed false when the client went away before the body was written
   */
  public StreamResult(int status, long bytesSent, boolean completed) {
    this(status, bytesSent, completed, null);
  }
}
