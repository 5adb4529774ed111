package io.videokit.core.tus;

import static io.videokit.core.tus.TusRequests.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link UploadStore} contract as {@link LocalUploadStore} keeps it, at the edges mutation
 * testing found untested (docs/mutation-testing.md): the counts it returns, the byte cap across
 * several buffers, ids that are not ids, and deleting what is not there.
 */
class LocalUploadStoreBoundaryTest {

  /** Three times the store's 64 KiB copy buffer, so a cap falls in the second buffer. */
  private static final int LONG_BODY = 3 * 64 * 1024;

  private static final int CAP = 64 * 1024 + 10;

  @TempDir Path directory;

  private LocalUploadStore store;

  @BeforeEach
  void setUp() throws IOException {
    store = new LocalUploadStore(directory);
  }

  @Test
  void appendReturnsTheNumberOfBytesStored() throws Exception {
    String id = create(100);

    assertThat(store.append(id, body(bytes(40)), 100, null)).isEqualTo(40);
  }

  @Test
  void checksummedAppendReturnsTheNumberOfBytesStored() throws Exception {
    String id = create(100);
    byte[] chunk = bytes(40);

    assertThat(store.append(id, body(chunk), 100, sha256(chunk))).isEqualTo(40);
    assertThat(store.find(id).orElseThrow().offset()).isEqualTo(40);
  }

  @Test
  void appendStopsAtMaxBytesWhenTheCapFallsInALaterBuffer() throws Exception {
    String id = create(LONG_BODY);

    long stored = store.append(id, body(bytes(LONG_BODY)), CAP, null);

    assertThat(stored).isEqualTo(CAP);
    assertThat(data(id)).isEqualTo(Arrays.copyOf(bytes(LONG_BODY), CAP));
  }

  @Test
  void checksummedAppendStopsAtMaxBytesWhenTheCapFallsInALaterBuffer() throws Exception {
    String id = create(LONG_BODY);
    byte[] kept = Arrays.copyOf(bytes(LONG_BODY), CAP);

    long stored = store.append(id, body(bytes(LONG_BODY)), CAP, sha256(kept));

    assertThat(stored).isEqualTo(CAP);
    assertThat(data(id)).isEqualTo(kept);
  }

  @Test
  void concatenateReturnsTheSumOfThePartsAndJoinsThemInOrder() throws Exception {
    String first = create(3);
    String second = create(4);
    store.append(first, body("abc".getBytes()), 3, null);
    store.append(second, body("defg".getBytes()), 4, null);
    String whole = create(7);

    long total = store.concatenate(whole, List.of(first, second));

    assertThat(total).isEqualTo(7);
    assertThat(data(whole)).isEqualTo("abcdefg".getBytes());
  }

  @Test
  void stringsThatAreNotUploadIdsAreNotValidIds() {
    assertThat(UploadIds.isValid(null)).isFalse();
    assertThat(UploadIds.isValid("../../etc/passwd")).isFalse();
    assertThat(UploadIds.isValid("0123456789ABCDEF0123456789ABCDEF")).isFalse();
    assertThat(UploadIds.isValid("0123456789abcdef0123456789abcde")).isFalse();
    assertThat(UploadIds.isValid("0123456789abcdef0123456789abcdef")).isTrue();
  }

  @Test
  void deletingAnUnknownUploadReportsThatNothingExisted() throws IOException {
    assertThat(store.delete("0123456789abcdef0123456789abcdef")).isFalse();
  }

  @Test
  void deletingSomethingThatIsNotAnIdReportsThatNothingExisted() throws IOException {
    assertThat(store.delete("../outside")).isFalse();
  }

  @Test
  void deletingAnUploadReportsThatItExisted() throws IOException {
    String id = create(5);

    assertThat(store.delete(id)).isTrue();
    assertThat(store.find(id)).isEmpty();
  }

  // --- helpers

  private String create(long length) throws IOException {
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

  private static InputStream body(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }

  private static UploadChecksum sha256(byte[] bytes) throws TusException, NoSuchAlgorithmException {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
    return UploadChecksum.parse("sha256 " + Base64.getEncoder().encodeToString(digest));
  }
}
