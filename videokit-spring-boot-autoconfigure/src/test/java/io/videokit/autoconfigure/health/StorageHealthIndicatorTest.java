package io.videokit.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.videokit.core.tus.UsableSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The storage indicator on real directories and the real file-store space. */
class StorageHealthIndicatorTest {

  @TempDir Path data;

  private Path readOnly;

  @AfterEach
  void makeWritableAgain() throws Exception {
    if (readOnly != null) {
      new ProcessBuilder("chattr", "-i", readOnly.toString()).start().waitFor();
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void writableDirectoriesAboveTheFloorAreUpWithTheirFigures() throws IOException {
    Path media = Files.createDirectories(data.resolve("media"));
    Path uploads = Files.createDirectories(data.resolve("uploads"));

    Health health =
        new StorageHealthIndicator(
                Map.of("media", media, "uploads", uploads), 1024, UsableSpace.fileStores())
            .health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    Map<?, ?> details = (Map<?, ?>) health.getDetails().get("media");
    assertThat(details.get("path")).isEqualTo(media.toString());
    assertThat(details.get("writable")).isEqualTo(true);
    assertThat(details.get("floor")).isEqualTo(1024L);
    assertThat((Long) details.get("free"))
        .isCloseTo(Files.getFileStore(media).getUsableSpace(), Offset.offset(64L * 1024 * 1024));
    assertThat(health.getDetails()).containsKey("uploads");
    try (Stream<Path> left = Files.list(media)) {
      assertThat(left).as("the probe file is deleted").isEmpty();
    }
  }

  @Test
  void aFloorAboveTheUsableSpaceIsDown() throws IOException {
    Path media = Files.createDirectories(data.resolve("media"));
    long huge = Long.MAX_VALUE / 2;

    Health health =
        new StorageHealthIndicator(Map.of("media", media), huge, UsableSpace.fileStores()).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    Map<?, ?> details = (Map<?, ?>) health.getDetails().get("media");
    assertThat(details.get("floor")).isEqualTo(huge);
    assertThat((Long) details.get("free")).isLessThan(huge);
    assertThat(details.get("error")).isEqualTo("usable space below the floor");
  }

  @Test
  void aReadOnlyDirectoryIsDown() throws Exception {
    readOnly = Files.createDirectories(data.resolve("media"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    // root writes through permissions; the immutable attribute stops root too
    new ProcessBuilder("chattr", "+i", readOnly.toString())
        .redirectErrorStream(true)
        .start()
        .waitFor();
    assumeTrue(!canWrite(readOnly), "cannot make a directory read-only here");

    Health health =
        new StorageHealthIndicator(Map.of("media", readOnly), 0, UsableSpace.fileStores()).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    Map<?, ?> details = (Map<?, ?>) health.getDetails().get("media");
    assertThat(details.get("writable")).isEqualTo(false);
    assertThat((String) details.get("error")).startsWith("cannot write");
  }

  @Test
  void aMissingRootIsDown() {
    Health health =
        new StorageHealthIndicator(
                Map.of("media", data.resolve("nowhere")), 0, UsableSpace.fileStores())
            .health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(((Map<?, ?>) health.getDetails().get("media")).get("error"))
        .isEqualTo("not a directory");
  }

  private static boolean canWrite(Path directory) {
    try {
      Files.delete(Files.createTempFile(directory, "check", ".tmp"));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
