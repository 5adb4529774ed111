package io.videokit.core.tus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real disk measurement behind the free-space floor (the other tests simulate the disk). */
class FileStoreSpaceTest {

  @TempDir Path directory;

  private final UsableSpace space = UsableSpace.fileStores();

  @Test
  void existingDirectoryHasUsableBytes() throws IOException {
    assertThat(space.usableBytes(directory)).isPositive();
  }

  @Test
  void pathNotCreatedYetIsMeasuredOnItsNearestExistingParent() throws IOException {
    assertThat(space.usableBytes(directory.resolve("not/yet/created"))).isPositive();
  }

  @Test
  void relativePathIsMeasuredFromTheWorkingDirectory() throws IOException {
    assertThat(space.usableBytes(Path.of("relative-not-created"))).isPositive();
  }

  @Test
  void secondMeasurementOfAPathAnswersToo() throws IOException {
    space.usableBytes(directory);

    assertThat(space.usableBytes(directory)).isPositive();
  }
}
