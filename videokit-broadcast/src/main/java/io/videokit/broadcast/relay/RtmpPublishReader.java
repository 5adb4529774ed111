package io.videokit.broadcast.relay;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a publisher's RTMP chunk stream (after the handshake) one chunk at a time, keeping the
 * bytes of each chunk for forwarding, until the {@code publish} command names its stream. Tracks
 * chunk sizes the publisher sets; refuses media before {@code publish} and oversized messages.
 */
final class RtmpPublishReader {

  /** Message type ids (RTMP 1.0 §5.4, §7.1). */
  private static final int SET_CHUNK_SIZE = 1;

  private static final int AMF3_COMMAND = 17;
  private static final int AMF0_COMMAND = 20;
  private static final int MAX_MESSAGE = 64 * 1024;

  /** A chunk stream's header state, carried over by the compressed header formats. */
  private static final class ChunkStream {
    int length;
    int type;
    boolean extended;
    final ByteArrayOutputStream message = new ByteArrayOutputStream();
  }

  /**
   * A command naming the stream: {@code releaseStream}, {@code FCPublish} or {@code publish}.
   *
   * @param command the command's name
   * @param stream the stream name (the key)
   */
  record Named(String command, String stream) {

    /**
     * Whether this is the {@code publish} command, after which media flows.
     *
     * @return true for {@code publish}
     */
    boolean publish() {
      return "publish".equals(command);
    }
  }

  private final DataInputStream in;
  private final Map<Integer, ChunkStream> streams = new HashMap<>();
  private final ByteArrayOutputStream chunk = new ByteArrayOutputStream();
  private int chunkSize = 128;

  /**
   * Reads from the publisher's socket.
   *
   * @param in the bytes after C0, C1 and C2
   */
  RtmpPublishReader(InputStream in) {
    this.in = new DataInputStream(in);
  }

  /**
   * Reads one chunk.
   *
   * @return the command naming a stream this chunk completed, or null
   * @throws IOException on a read error, end of stream, media before publish or a malformed chunk
   */
  @Nullable Named next() throws IOException {
    chunk.reset();
    int first = read();
    int format = first >>> 6;
    int id = first & 0x3f;
    if (id == 0) {
      id = 64 + read();
    } else if (id == 1) {
      id = 64 + read() + read() * 256;
    }
    ChunkStream stream = streams.computeIfAbsent(id, k -> new ChunkStream());
    if (format < 3) {
      int timestamp = readInt(3);
      if (format < 2) {
        stream.length = readInt(3);
        stream.type = read();
        if (format == 0) {
          readInt(4); // message stream id, little endian; not needed
        }
      }
      stream.extended = timestamp == 0xffffff;
    }
    if (stream.extended) {
      readInt(4);
    }
    if (stream.length > MAX_MESSAGE) {
      throw new IOException("oversized message before publish");
    }
    if (stream.type == 8 || stream.type == 9 || stream.type == 15 || stream.type == 18) {
      throw new IOException("media before publish");
    }
    int n = Math.min(chunkSize, stream.length - stream.message.size());
    byte[] payload = readBytes(Math.max(n, 0));
    stream.message.write(payload);
    if (stream.message.size() < stream.length) {
      return null;
    }
    byte[] message = stream.message.toByteArray();
    stream.message.reset();
    if (stream.type == SET_CHUNK_SIZE && message.length >= 4) {
      chunkSize = (int) (readBigEndian(message, 0, 4) & 0x7fffffff);
      if (chunkSize < 1) {
        throw new IOException("bad chunk size");
      }
      return null;
    }
    if (stream.type == AMF0_COMMAND) {
      return publishedName(message, 0);
    }
    if (stream.type == AMF3_COMMAND && message.length > 0) {
      return publishedName(message, 1);
    }
    return null;
  }

  /**
   * The bytes of the chunk {@link #next()} read last, to forward.
   *
   * @return the chunk's bytes
   */
  byte[] chunkBytes() {
    return chunk.toByteArray();
  }

  /**
   * The stream an AMF0 {@code releaseStream}, {@code FCPublish} or {@code publish} command names:
   * {@code command, transaction id, null, name[, type]}.
   */
  private static @Nullable Named publishedName(byte[] message, int start) throws IOException {
    int[] at = {start};
    String name = amfString(message, at);
    if (!"publish".equals(name) && !"FCPublish".equals(name) && !"releaseStream".equals(name)) {
      return null;
    }
    if (at[0] >= message.length || message[at[0]] != 0x00) {
      throw new IOException(name + " without a transaction id");
    }
    at[0] += 9;
    if (at[0] >= message.length || message[at[0]] != 0x05) {
      throw new IOException(name + " without its null command object");
    }
    at[0]++;
    String stream = amfString(message, at);
    if (stream == null) {
      throw new IOException(name + " without a stream name");
    }
    return new Named(name, stream);
  }

  private static @Nullable String amfString(byte[] message, int[] at) {
    int i = at[0];
    if (i + 3 > message.length || message[i] != 0x02) {
      return null;
    }
    int length = (int) readBigEndian(message, i + 1, 2);
    if (i + 3 + length > message.length) {
      return null;
    }
    at[0] = i + 3 + length;
    return new String(message, i + 3, length, StandardCharsets.UTF_8);
  }

  private static long readBigEndian(byte[] bytes, int from, int count) {
    long value = 0;
    for (int i = 0; i < count; i++) {
      value = (value << 8) | (bytes[from + i] & 0xff);
    }
    return value;
  }

  private int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("publisher closed before publish");
    }
    chunk.write(b);
    return b;
  }

  private int readInt(int count) throws IOException {
    return (int) readBigEndian(readBytes(count), 0, count);
  }

  private byte[] readBytes(int count) throws IOException {
    byte[] bytes = new byte[count];
    in.readFully(bytes);
    chunk.write(bytes);
    return bytes;
  }
}
