package io.videokit.core.tus;

import static io.videokit.core.tus.TusRequests.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a PATCH on {@link LocalUploadStore} writes and forces: one {@code force} per PATCH after the
 * last byte (not per buffer), writes in whole buffers, the acknowledged offset equal to the bytes
 * on disk, and a body that breaks off keeps (and forces) every byte that arrived.
 */
class LocalUploadStoreDurabilityTest {

  private static final int BUFFER = BodyAppender.BUFFER;

  @TempDir Path directory;

  private final List<Integer> writes = new ArrayList<>();
  private final int[] forces = new int[1];
  private LocalUploadStore store;

  @BeforeEach
  void setUp() throws IOException {
    store = new LocalUploadStore(directory, CountingFileChannel.opener(writes, forces));
  }

  @Test
  void aPatchIsForcedOnceAfterItsLastByteAndWrittenInWholeBuffers() throws Exception {
    byte[] body = bytes(3 * BUFFER + 17);
    String id = create(body.length);

    long stored = store.append(id, BodyAppenderTest.trickle(body, 8192, -1), body.length, null);

    assertThat(stored).isEqualTo(body.length);
    assertThat(forces[0]).isEqualTo(1);
    assertThat(writes).containsExactly(BUFFER, BUFFER, BUFFER, 17);
    assertThat(store.find(id).orElseThrow().offset()).isEqualTo(body.length);
    assertThat(data(id)).isEqualTo(body);
  }

  @Test
  void theAcknowledgedOffsetIsTheBytesOnDiskAfterEachPatch() throws Exception {
    byte[] body = bytes(2 * BUFFER + 100);
    String id = create(body.length);
    int first = BUFFER + 50;

    store.append(id, BodyAppenderTest.trickle(Arrays.copyOf(body, first), 4096, -1), first, null);
    long offset = store.find(id).orElseThrow().offset();
    assertThat(offset).isEqualTo(first).isEqualTo(Files.size(directory.resolve(id + ".bin")));

    byte[] rest = Arrays.copyOfRange(body, first, body.length);
    store.append(id, BodyAppenderTest.trickle(rest, 4096, -1), body.length - first, null);
    assertThat(store.find(id).orElseThrow().offset()).isEqualTo(body.length);
    assertThat(forces[0]).isEqualTo(2);
    assertThat(data(id)).isEqualTo(body);
  }

  @Test
  void aClientThatGoesAwayMidPatchLosesNothingThatArrivedAndItIsForced() throws Exception {
    byte[] body = bytes(2 * BUFFER);
    String id = create(body.length);
    int breaksAt = BUFFER + 12345;

    assertThatThrownBy(() ->
            store.append(id, BodyAppenderTest.trickle(body, 8192, breaksAt), body.length, null))
        .isInstanceOf(IOException.class);

    assertThat(forces[0]).isEqualTo(1);
    assertThat(store.find(id).orElseThrow().offset()).isEqualTo(breaksAt);
    assertThat(data(id)).isEqualTo(Arrays.copyOf(body, breaksAt));
  }

  @Test
  void aChecksummedPatchIsForcedOnceIntoTheUpload() throws Exception {
    byte[] body = bytes(BUFFER + 3);
    String id = create(body.length);
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
    UploadChecksum checksum =
        UploadChecksum.parse("sha256 " + Base64.getEncoder().encodeToString(digest));

    long stored = store.append(id, BodyAppenderTest.trickle(body, 8192, -1), body.length, checksum);

    assertThat(stored).isEqualTo(body.length);
    assertThat(forces[0]).isEqualTo(1);
    assertThat(data(id)).isEqualTo(body);
    assertThat(directory.resolve(id + ".chunk")).doesNotExist();
  }

  /**
   * What the state file's writes force: a creation, a declared length and a completion force the
   * new state before its rename and the directory after it; a PATCH's new expiry forces nothing.
   * Each force is recorded with whether the state file had its new content at that moment, so the
   * order is pinned too: forced before the rename, the directory after it.
   */
  @Nested
  class StateFiles {

    private final List<String> events = new ArrayList<>();
    private LocalUploadStore recorded;

    @BeforeEach
    void setUp() throws IOException {
      recorded = new LocalUploadStore(directory, this::open);
    }

    private FileChannel open(Path path, OpenOption... options) throws IOException {
      String name =
          Files.isDirectory(path)
              ? "<directory>"
              : path.getFileName().toString().replaceAll("^[^.]+", "<id>");
      CountingFileChannel channel = CountingFileChannel.counting(path, options);
      channel.afterForce = () -> events.add("force " + name + " " + stateNow());
      return channel;
    }

    /** Whether the state files the directory holds now say completed (none: no state file). */
    private String stateNow() {
      List<String> states = new ArrayList<>();
      try (var files = Files.newDirectoryStream(directory, "*.json")) {
        for (Path file : files) {
          String json = Files.readString(file);
          states.add(json.contains("\"completed\":true") ? "completed" : "open");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return states.isEmpty() ? "none" : String.join(",", states);
    }

    @Test
    void aCreationForcesItsStateThenTheDirectory() throws IOException {
      String id = create(recorded, 100L);

      assertThat(events).containsExactly("force <id>.json.tmp none", "force <directory> open");
      assertThat(directory.resolve(id + ".json")).exists();
      assertThat(directory.resolve(id + ".bin")).exists();
    }

    @Test
    void aPatchsNewExpiryIsNotForcedButACompletionIs() throws IOException {
      String id = create(recorded, 100L);
      events.clear();
      UploadInfo info = recorded.find(id).orElseThrow();

      recorded.update(info.withExpires(info.expires().plusSeconds(60)));
      assertThat(events).as("a new expiry").isEmpty();

      recorded.update(info.withOffset(100).asCompleted());
      assertThat(events).containsExactly("force <id>.json.tmp open", "force <directory> completed");
    }

    @Test
    void aDeclaredLengthIsForced() throws IOException {
      String id = create(recorded, null);
      events.clear();

      recorded.declareLength(recorded.find(id).orElseThrow(), 100);

      assertThat(events).containsExactly("force <id>.json.tmp open", "force <directory> open");
    }
  }

  private String create(long length) throws IOException {
    return create(store, length);
  }

  private static String create(LocalUploadStore store, @Nullable Long length) throws IOException {
    Instant now = Instant.parse("2024-01-05T10:00:00Z");
    return store
        .create(
            new NewUpload(
                length,
                UploadMetadata.EMPTY,
                "alice",
                now,
                now.plusSeconds(3600),
                ConcatType.NONE,
                List.of()))
        .id();
  }

  private byte[] data(String id) throws IOException {
    try (InputStream in = store.openData(id)) {
      return in.readAllBytes();
    }
  }
}
