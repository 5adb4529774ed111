package io.videokit.core.tus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Boundaries of the tus value types and the local locker found by mutation testing
 * (docs/mutation-testing.md).
 */
class TusValuesBoundaryTest {

  private static final String KEY_OF_40 = "k".repeat(40);

  @Test
  void settingsRefuseAMaxSizeOfZero() {
    assertThatThrownBy(() -> new TusSettings(0, Duration.ofHours(1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void settingsAcceptAMaxSizeOfOneByte() {
    assertThat(new TusSettings(1, Duration.ofHours(1), Duration.ofSeconds(1)).maxSize())
        .isEqualTo(1);
  }

  @Test
  void metadataOfExactlyTheMaximumLengthIsParsed() throws TusException {
    String header = "k " + "A".repeat(UploadMetadata.MAX_HEADER_LENGTH - 2);

    assertThat(UploadMetadata.parse(header).get("k")).isPresent();
  }

  @Test
  void metadataOneCharacterOverTheMaximumLengthIsRefused() {
    String header = "k " + "A".repeat(UploadMetadata.MAX_HEADER_LENGTH - 1);

    assertThatThrownBy(() -> UploadMetadata.parse(header))
        .isInstanceOf(TusException.class)
        .satisfies(
            e -> assertThat(((TusException) e).error()).isEqualTo(TusError.INVALID_METADATA));
  }

  @Test
  void duplicateKeyOfFortyCharactersIsQuotedWholeInTheDetail() {
    assertThatThrownBy(() -> UploadMetadata.parse(KEY_OF_40 + "," + KEY_OF_40))
        .hasMessageContaining("'" + KEY_OF_40 + "'");
  }

  @Test
  void duplicateKeyOfFortyOneCharactersIsAbbreviatedInTheDetail() {
    String key = KEY_OF_40 + "x";

    assertThatThrownBy(() -> UploadMetadata.parse(key + "," + key))
        .hasMessageContaining("'" + KEY_OF_40 + "…'")
        .hasMessageNotContaining(key);
  }

  @Test
  void lockHeldByAnotherRequestIsTakenOnceReleasedWithinTheWait() throws Exception {
    LocalUploadLocker locker = new LocalUploadLocker();
    UploadLocker.UploadLock held = locker.tryLock("id", Duration.ZERO).orElseThrow();
    CompletableFuture<Optional<UploadLocker.UploadLock>> waiting =
        CompletableFuture.supplyAsync(() -> {
          try {
            return locker.tryLock("id", Duration.ofSeconds(30));
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
    TimeUnit.MILLISECONDS.sleep(100); // the second request is waiting now

    held.close();

    assertThat(waiting.get(30, TimeUnit.SECONDS)).isPresent();
  }

  @Test
  void lockHeldForLongerThanTheWaitIsNotTaken() throws InterruptedException {
    LocalUploadLocker locker = new LocalUploadLocker();
    locker.tryLock("id", Duration.ZERO).orElseThrow();

    assertThat(locker.tryLock("id", Duration.ofMillis(50))).isEmpty();
  }
}
