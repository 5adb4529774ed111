package io.videokit.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.core.tus.UsableSpace;
import io.videokit.core.tus.UserUsage;
import io.videokit.local.VideoEntity;
import io.videokit.local.VideoRepository;
import io.videokit.video.Video;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Issue 7: the quota's stored bytes are the sizes of the user's videos, on H2 and PostgreSQL. */
class VideoStorageUsageTest {

  @TempDir Path data;

  ApplicationContextRunner runner(String vendor) {
    return Databases.persistence(vendor, data);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void storedBytesAddUpTheSizesOfTheUsersVideos(String vendor) {
    runner(vendor)
        .run(context -> {
          TransactionTemplate tx =
              new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
          VideoRepository repository = context.getBean(VideoRepository.class);
          Instant now = Instant.parse("2026-12-01T10:00:00Z");
          tx.executeWithoutResult(s -> {
            repository.insert(video(1, "carol", 3_000_000_000L, now));
            repository.insert(video(2, "carol", 1234, now));
            repository.insert(video(3, "dave", 99, now));
          });
          UserUsage usage = context.getBean(UserUsage.class);

          assertThat(usage.storedBytes("carol")).isEqualTo(3_000_001_234L);
          assertThat(usage.storedBytes("dave")).isEqualTo(99);
          assertThat(usage.storedBytes("nobody")).isZero();
        });
  }

  @Test
  void theFreeSpaceSourceDefaultsToTheFileSystemsFigure() throws Exception {
    long usable = UsableSpace.fileStores().usableBytes(data.resolve("not/yet/there"));

    assertThat(usable).isPositive().isLessThanOrEqualTo(data.toFile().getTotalSpace());
  }

  private static VideoEntity video(int n, String creator, long size, Instant now) {
    String uid = String.format("%032x", n + 7000);
    return new VideoEntity(
        Video.uploaded(uid, "local", creator, Map.of(), size, now), "videos/" + uid);
  }
}
