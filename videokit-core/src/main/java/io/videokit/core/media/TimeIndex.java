package io.videokit.core.media;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * Maps byte offsets of a video file to presentation times: sampled video packets (every keyframe
 * and at least the first packet of every second) with their file position and time, in file order.
 *
 * <p>A byte belongs to the time of the last sampled packet at or before it, so audio interleaved
 * between video packets maps to the nearest earlier video time. Bytes before the first video packet
 * (an MP4's {@code ftyp} and, with faststart, its {@code moov}) and after the end of the last one
 * (a trailing {@code moov}) map to no time.
 *
 * <p>The stored form (see {@link #write(OutputStream)}) is {@code VKTI}, a version byte, the entry
 * count, the end offset, then per entry the zig-zag varint deltas of position and of time in
 * milliseconds — about three bytes per entry.
 */
public final class TimeIndex {

  /** How the stored form begins. */
  private static final int MAGIC = 0x564b5449; // "VKTI"

  private static final int VERSION = 1;

  /** Refuses stored indexes claiming more entries than this (a day at 25 fps). */
  private static final int MAX_ENTRIES = 2_160_000;

  private final long[] positions;
  private final int[] millis;
  private final long end;

  /**
   * Creates an index.
   *
   * @param positions file offsets of the sampled packets, ascending
   * @param millis their presentation times in milliseconds
   * @param end the offset just past the last video packet
   * @throws IllegalArgumentException if the arrays differ in length or positions are not ascending
   */
  public TimeIndex(long[] positions, int[] millis, long end) {
    if (positions.length != millis.length) {
      throw new IllegalArgumentException("positions and times differ in length");
    }
    for (int i = 1; i < positions.length; i++) {
      if (positions[i] < positions[i - 1]) {
        throw new IllegalArgumentException("positions must be ascending");
      }
    }
    if (positions.length > 0 && end < positions[positions.length - 1]) {
      throw new IllegalArgumentException("end lies before the last packet");
    }
    this.positions = positions.clone();
    this.millis = millis.clone();
    this.end = end;
  }

  /**
   * The number of sampled packets.
   *
   * @return the entry count
   */
  public int size() {
    return positions.length;
  }

  /**
   * The whole seconds a served byte range shows: from the second of its first byte to the second of
   * its last, or nothing when the range holds no video bytes (it lies in the {@code moov} or past
   * the last packet).
   *
   * @param first the range's first byte offset
   * @param last the range's last byte offset (inclusive)
   * @return {@code [firstSecond, lastSecond]}, or empty
   */
  public Optional<int[]> seconds(long first, long last) {
    if (positions.length == 0 || last < positions[0] || first >= end || last < first) {
      return Optional.empty();
    }
    int from = floor(Math.max(first, positions[0]));
    int to = floor(Math.min(last, end - 1));
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int i = from; i <= to; i++) { // B-frames: times need not ascend with positions
      min = Math.min(min, millis[i]);
      max = Math.max(max, millis[i]);
    }
    return Optional.of(new int[] {Math.max(0, min / 1000), Math.max(0, max / 1000)});
  }

  /** The index of the last entry at or before {@code offset} (which is at or after the first). */
  private int floor(long offset) {
    int found = Arrays.binarySearch(positions, offset);
    if (found >= 0) {
      while (found + 1 < positions.length && positions[found + 1] == offset) {
        found++;
      }
      return found;
    }
    return -found - 2;
  }

  /**
   * Writes the compact stored form.
   *
   * @param out where to
   * @throws IOException if writing fails
   */
  public void write(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(MAGIC);
    data.writeByte(VERSION);
    data.writeInt(positions.length);
    data.writeLong(end);
    long position = 0;
    long time = 0;
    for (int i = 0; i < positions.length; i++) {
      writeVarLong(data, zigZag(positions[i] - position));
      writeVarLong(data, zigZag(millis[i] - time));
      position = positions[i];
      time = millis[i];
    }
    data.flush();
  }

  /**
   * The stored form as bytes.
   *
   * @return what {@link #write(OutputStream)} writes
   */
  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + positions.length * 3);
    try {
      write(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /**
   * Reads a stored index.
   *
   * @param in the stored form
   * @return the index
   * @throws IOException if it is not a stored index or is cut short
   */
  public static TimeIndex read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    if (data.readInt() != MAGIC || data.readUnsignedByte() != VERSION) {
      throw new IOException("not a videokit time index");
    }
    int count = data.readInt();
    if (count < 0 || count > MAX_ENTRIES) {
      throw new IOException("time index claims " + count + " entries");
    }
    long end = data.readLong();
    long[] positions = new long[count];
    int[] millis = new int[count];
    long position = 0;
    long time = 0;
    for (int i = 0; i < count; i++) {
      position += unZigZag(readVarLong(data));
      time += unZigZag(readVarLong(data));
      positions[i] = position;
      millis[i] = (int) time;
    }
    try {
      return new TimeIndex(positions, millis, end);
    } catch (IllegalArgumentException e) {
      throw new IOException("corrupt time index: " + e.getMessage(), e);
    }
  }

  /**
   * Where a video file's index is stored: next to it, {@code videos/<uid>.timeindex}.
   *
   * @param videoKey the video file's storage key, e.g. {@code videos/<uid>.mp4}
   * @return the index's storage key
   */
  public static String keyFor(String videoKey) {
    int slash = videoKey.lastIndexOf('/');
    int dot = videoKey.lastIndexOf('.');
    String base = dot > slash ? videoKey.substring(0, dot) : videoKey;
    return base + ".timeindex";
  }

  private static long zigZag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  private static long unZigZag(long value) {
    return (value >>> 1) ^ -(value & 1);
  }

  private static void writeVarLong(DataOutputStream out, long value) throws IOException {
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      out.writeByte((int) ((rest & 0x7F) | 0x80));
      rest >>>= 7;
    }
    out.writeByte((int) rest);
  }

  private static long readVarLong(DataInputStream in) throws IOException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("time index cut short");
      }
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("corrupt varint in time index");
  }
}
