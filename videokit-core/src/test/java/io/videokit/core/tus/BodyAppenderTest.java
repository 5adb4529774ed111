package io.videokit.core.tus;

import static io.videokit.core.tus.TusRequests.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BodyAppender}: a body that arrives a few KiB per read is written in whole buffers, at most
 * the bytes allowed, every byte that arrived is written even when the body breaks off, the digest
 * sees exactly the bytes written, and buffers are reused from a bounded pool.
 */
class BodyAppenderTest {

  private static final int BUFFER = 1024;

  @TempDir Path directory;

  private final BodyAppender appender = new BodyAppender(BUFFER, 1);
  private final ExecutorService syncThreads = Executors.newCachedThreadPool();

  @Test
  void aTrickledBodyIsWrittenInWholeBuffers() throws Exception {
    byte[] body = bytes(3 * BUFFER + 5);
    try (CountingFileChannel out = channel()) {
      long[] copied = {0};
      appender.copy(trickle(body, 100, -1), out, Long.MAX_VALUE, null, copied);

      assertThat(copied[0]).isEqualTo(body.length);
      assertThat(out.writes).containsExactly(BUFFER, BUFFER, BUFFER, 5);
    }
    assertThat(Files.readAllBytes(file())).isEqualTo(body);
  }

  @Test
  void atMostMaxBytesAreReadAndWritten() throws Exception {
    byte[] body = bytes(3 * BUFFER);
    InputStream in = new ByteArrayInputStream(body);
    try (CountingFileChannel out = channel()) {
      long[] copied = {0};
      appender.copy(in, out, BUFFER + 7, null, copied);

      assertThat(copied[0]).isEqualTo(BUFFER + 7);
      assertThat(out.writes).containsExactly(BUFFER, 7);
    }
    assertThat(in.available()).as("the rest is left unread").isEqualTo(2 * BUFFER - 7);
    assertThat(Files.readAllBytes(file())).isEqualTo(Arrays.copyOf(body, BUFFER + 7));
  }

  @Test
  void whatArrivedBeforeTheBodyBrokeOffIsWritten() throws Exception {
    byte[] body = bytes(2 * BUFFER + 300);
    int breaksAt = BUFFER + 250;
    try (CountingFileChannel out = channel()) {
      long[] copied = {0};
      assertThatThrownBy(
              () -> appender.copy(trickle(body, 50, breaksAt), out, Long.MAX_VALUE, null, copied))
          .isInstanceOf(IOException.class)
          .hasMessage("connection reset");

      assertThat(copied[0]).isEqualTo(breaksAt);
    }
    assertThat(Files.readAllBytes(file())).isEqualTo(Arrays.copyOf(body, breaksAt));
    assertThat(appender.idle()).as("the buffer went back to the pool").isEqualTo(1);
  }

  @Test
  void theDigestSeesExactlyTheBytesWritten() throws Exception {
    byte[] body = bytes(2 * BUFFER + 3);
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (CountingFileChannel out = channel()) {
      appender.copy(trickle(body, 333, -1), out, 2 * BUFFER, digest, new long[1]);
    }
    assertThat(digest.digest())
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(body, 2 * BUFFER)));
  }

  @Test
  void anEmptyBodyWritesNothing() throws Exception {
    try (CountingFileChannel out = channel()) {
      long[] copied = {0};
      appender.copy(InputStream.nullInputStream(), out, 100, null, copied);

      assertThat(copied[0]).isZero();
      assertThat(out.writes).isEmpty();
    }
  }

  @Test
  void buffersAreReusedAndThePoolStaysBounded() throws Exception {
    assertThat(appender.idle()).isZero();
    try (CountingFileChannel out = channel()) {
      appender.copy(new ByteArrayInputStream(bytes(10)), out, 100, null, new long[1]);
      assertThat(appender.idle()).isEqualTo(1);
      appender.copy(new ByteArrayInputStream(bytes(10)), out, 100, null, new long[1]);
      assertThat(appender.idle()).isEqualTo(1);
    }
  }

  @Test
  void syncAheadForcesInTheBackgroundEverySyncEveryBytesAndEndsBeforeTheCopyReturns()
      throws Exception {
    BodyAppender syncing = syncingAppender();
    byte[] body = bytes(7 * BUFFER);
    try (CountingFileChannel out = channel()) {
      out.forceMillis = 30; // a force outlasts the copy of the next bytes
      long[] copied = {0};

      syncing.copy(trickle(body, 100, -1), out, Long.MAX_VALUE, null, copied, true);

      assertThat(out.forcing.get()).as("forces still running after the copy").isZero();
      assertThat(out.forces[0]).as("one per 2 buffers written").isEqualTo(3);
      assertThat(copied[0]).isEqualTo(body.length);
    }
    assertThat(Files.readAllBytes(file())).isEqualTo(body);
  }

  @Test
  void withoutSyncAheadTheCopyNeverForces() throws Exception {
    try (CountingFileChannel out = channel()) {
      syncingAppender()
          .copy(trickle(bytes(7 * BUFFER), 100, -1), out, Long.MAX_VALUE, null, new long[1]);

      assertThat(out.forces[0]).isZero();
    }
  }

  @Test
  void aFailedBackgroundForceFailsTheCopy() throws Exception {
    try (CountingFileChannel out = channel()) {
      out.forceFailure = new IOException("write-back error");

      assertThatThrownBy(() ->
              syncingAppender()
                  .copy(
                      trickle(bytes(7 * BUFFER), 100, -1),
                      out,
                      Long.MAX_VALUE,
                      null,
                      new long[1],
                      true))
          .isInstanceOf(IOException.class)
          .hasMessage("write-back error");
    }
  }

  @Test
  void aBodyThatBreaksOffStillWaitsForTheBackgroundForce() throws Exception {
    try (CountingFileChannel out = channel()) {
      out.forceMillis = 50;
      long[] copied = {0};

      assertThatThrownBy(() ->
              syncingAppender()
                  .copy(
                      trickle(bytes(7 * BUFFER), 100, 2 * BUFFER + 10),
                      out,
                      Long.MAX_VALUE,
                      null,
                      copied,
                      true))
          .hasMessage("connection reset");
      assertThat(out.forcing.get()).isZero();
      assertThat(out.forces[0]).isEqualTo(1);
      assertThat(copied[0]).isEqualTo(2 * BUFFER + 10);
    }
  }

  /** Syncs ahead every 2 buffers, on a thread of its own. */
  private BodyAppender syncingAppender() {
    return new BodyAppender(BUFFER, 1, 2L * BUFFER, syncThreads);
  }

  @AfterEach
  void stopSyncThreads() {
    syncThreads.shutdownNow();
  }

  private Path file() {
    return directory.resolve("data.bin");
  }

  private CountingFileChannel channel() throws IOException {
    return CountingFileChannel.counting(
        file(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  /** Hands out at most {@code step} bytes per read; fails at {@code breaksAt} unless negative. */
  static InputStream trickle(byte[] body, int step, int breaksAt) {
    return new InputStream() {
      int position;

      @Override
      public int read() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (position == breaksAt) {
          throw new IOException("connection reset");
        }
        if (position == body.length) {
          return -1;
        }
        int end = body.length;
        if (breaksAt >= 0) {
          end = Math.min(end, breaksAt);
        }
        int n = Math.min(Math.min(step, length), end - position);
        System.arraycopy(body, position, buffer, offset, n);
        position += n;
        return n;
      }
    };
  }
}
