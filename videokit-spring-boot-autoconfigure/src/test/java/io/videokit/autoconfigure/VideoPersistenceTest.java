package io.videokit.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.local.VideoEntity;
import io.videokit.local.VideoRepository;
import io.videokit.local.VideoService;
import io.videokit.video.Video;
import io.videokit.video.VideoInput;
import io.videokit.video.VideoState;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Migrations, the JSON document column and JSON-path queries, on H2 and on real PostgreSQL. */
class VideoPersistenceTest {

  @TempDir Path data;

  ApplicationContextRunner runner(String vendor) {
    return Databases.persistence(vendor, data);
  }

  static Video video(String uid, String creator, Instant created) {
    return Video.uploaded(
        uid,
        "local",
        creator,
        Map.of("name", "clip ü", "filename", "clip.mp4", "tags", List.of("a", "b")),
        1234,
        created);
  }

  static String uid(int n) {
    return String.format("%032x", n);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void migrationCreatesTablesInItsOwnHistoryAndIsIdempotent(String vendor) {
    runner(vendor)
        .run(context -> {
          JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
          assertThat(jdbc.queryForObject("select count(*) from videokit_video", Integer.class))
              .isZero();
          assertThat(
                  jdbc.queryForObject("select count(*) from videokit_watch_session", Integer.class))
              .isZero();
          assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks", Integer.class))
              .isZero();
          assertThat(
                  org.flywaydb.core.Flyway.configure()
                      .dataSource(context.getBean(DataSource.class))
                      .table(io.videokit.autoconfigure.schema.VideokitSchemaMigration.HISTORY_TABLE)
                      .locations("classpath:db/videokit/" + vendor)
                      .load()
                      .info()
                      .current()
                      .getVersion()
                      .getVersion())
              .isEqualTo("6");
          assertThat(jdbc.queryForObject("select count(*) from videokit_broadcast", Integer.class))
              .isZero();

          new io.videokit.autoconfigure.schema.VideokitSchemaMigration(
                  context.getBean(DataSource.class))
              .afterPropertiesSet();
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void videoDocumentRoundTripsThroughTheJsonColumn(String vendor) {
    runner(vendor)
        .run(context -> {
          TransactionTemplate tx =
              new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
          VideoRepository repository = context.getBean(VideoRepository.class);
          Instant created = Instant.parse("2026-11-21T10:15:30.123456Z");
          Video original =
              video(uid(1), "alice", created).ready(12.5, new VideoInput(1920, 1080), created);

          tx.executeWithoutResult(
              s -> repository.insert(new VideoEntity(original, "videos/" + uid(1) + ".mp4")));
          Video read = tx.execute(s -> repository.find(uid(1)).orElseThrow().getDocument());

          assertThat(read).isEqualTo(original);
          assertThat(read.state()).contains(VideoState.READY);
          assertThat(read.meta())
              .containsEntry("tags", List.of("a", "b"))
              .containsEntry("name", "clip ü");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void listingFiltersByStatusStateThroughJsonPath(String vendor) {
    runner(vendor)
        .run(context -> {
          TransactionTemplate tx =
              new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
          VideoRepository repository = context.getBean(VideoRepository.class);
          VideoService service = context.getBean(VideoService.class);
          Instant t0 = Instant.parse("2026-11-21T10:00:00Z");
          tx.executeWithoutResult(s -> {
            repository.insert(
                new VideoEntity(video(uid(1), "alice", t0).ready(1, VideoInput.UNKNOWN, t0), "k1"));
            repository.insert(
                new VideoEntity(video(uid(2), "alice", t0.plus(1, ChronoUnit.MINUTES)), "k2"));
            repository.insert(
                new VideoEntity(
                    video(uid(3), "bob", t0.plus(2, ChronoUnit.MINUTES))
                        .ready(2, VideoInput.UNKNOWN, t0),
                    "k3"));
            repository.insert(
                new VideoEntity(
                    video(uid(4), "bob", t0.plus(3, ChronoUnit.MINUTES))
                        .failed("ERR_NON_VIDEO", "no", t0),
                    "k4"));
          });

          VideoService.Listing ready = service.list(null, VideoState.READY, 0, 10);
          VideoService.Listing alicesReady = service.list("alice", VideoState.READY, 0, 10);
          VideoService.Listing errors = service.list(null, VideoState.ERROR, 0, 10);
          VideoService.Listing firstPage = service.list(null, null, 0, 3);

          assertThat(ready.items()).extracting(Video::uid).containsExactly(uid(3), uid(1));
          assertThat(ready.total()).isEqualTo(2);
          assertThat(alicesReady.items()).extracting(Video::uid).containsExactly(uid(1));
          assertThat(errors.items()).extracting(Video::uid).containsExactly(uid(4));
          assertThat(firstPage.items())
              .extracting(Video::uid)
              .containsExactly(uid(4), uid(3), uid(2));
          assertThat(firstPage.total()).isEqualTo(4);
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void concurrentUpdatesAreRetriedAndNoneIsLost(String vendor) {
    runner(vendor)
        .run(context -> {
          TransactionTemplate tx =
              new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
          VideoRepository repository = context.getBean(VideoRepository.class);
          VideoService service = context.getBean(VideoService.class);
          tx.executeWithoutResult(
              s -> repository.insert(new VideoEntity(video(uid(9), "alice", Instant.now()), "k")));

          List<Thread> threads = new java.util.ArrayList<>();
          for (int i = 0; i < 8; i++) {
            String key = "k" + i;
            Thread thread =
                new Thread(() ->
                    service.update(
                        uid(9),
                        v -> {
                          return v.withMeta(key, "x");
                        }));
            thread.start();
            threads.add(thread);
          }
          for (Thread thread : threads) {
            thread.join();
          }

          Map<String, Object> meta = service.find(uid(9)).orElseThrow().getDocument().meta();
          assertThat(meta).containsKeys("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7");
        });
  }
}
