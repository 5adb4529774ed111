package io.videokit.autoconfigure.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.videokit.autoconfigure.cloudflare.app.Note;
import io.videokit.autoconfigure.cloudflare.app.NoteRepository;
import io.videokit.autoconfigure.cloudflare.app.Post;
import io.videokit.autoconfigure.cloudflare.app.PostRepository;
import io.videokit.cloudflare.fake.FakeCloudflareStream;
import io.videokit.cloudflare.fake.VideoSeed;
import io.videokit.cloudflare.sync.CloudflareVideoRecord;
import io.videokit.cloudflare.sync.CloudflareVideoRecord.SyncState;
import io.videokit.cloudflare.sync.CloudflareVideoRecords;
import io.videokit.cloudflare.sync.CloudflareVideoSync;
import io.videokit.jpa.VideoAttachDeniedException;
import io.videokit.jpa.VideoQueries;
import io.videokit.video.Video;
import io.videokit.video.VideoState;
import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The video attribute kept in sync by after-commit db-scheduler jobs against a fake Cloudflare
 * (validated against the official schema), on H2 and on real PostgreSQL.
 */
class CloudflareSyncTest {

  @TempDir Path data;

  FakeCloudflareStream fake;
  ConfigurableApplicationContext app;

  @BeforeEach
  void fake() {
    fake = FakeCloudflareStream.start();
    fake.processingSteps(2).downloadSteps(2).defaultDuration(30);
  }

  @AfterEach
  void stop() {
    RequestContextHolder.resetRequestAttributes();
    if (app != null) {
      app.close();
    }
    fake.close();
  }

  PostRepository posts() {
    return app.getBean(PostRepository.class);
  }

  CloudflareVideoRecords records() {
    return app.getBean(CloudflareVideoRecords.class);
  }

  Post reload(Post post) {
    return posts().findById(post.getId()).orElseThrow();
  }

  String queuedVideo(String creator) {
    return fake.addVideo(VideoSeed.inState("queued").creator(creator).duration(30));
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void attachedUidConvergesToReadyWithDownloadUrlAndIsQueryableByJsonPath(String vendor) {
    app = CloudflareApp.start(vendor, fake, data);
    String uid = queuedVideo("alice");
    String other = fake.addVideo(VideoSeed.inState("inprogress").creator("alice"));
    fake.processingSteps(1000);
    Post post = posts().save(new Post("holiday", Video.ofUid(uid)));
    Post stuck = posts().save(new Post("stuck", Video.ofUid(other)));
    assertThat(reload(post).getVideo().isSynced()).isFalse();
    fake.completeProcessing(uid);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> {
          Video video = reload(post).getVideo();
          assertThat(video.state()).contains(VideoState.READY);
          assertThat(video.downloadUrl()).contains("/" + uid + "/downloads/default.mp4");
        });
    Video video = reload(post).getVideo();
    assertThat(video.readyToStream()).isTrue();
    assertThat(video.duration()).isEqualTo(30);
    assertThat(video.playback().hls()).endsWith("/" + uid + "/manifest/video.m3u8");
    // the URL is also written into Cloudflare's own meta, and only once the download was ready
    assertThat(fake.video(uid).orElseThrow().get("meta"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("download_url", video.downloadUrl());
    assertThat(fake.requestCount("POST", ".*/stream/" + uid + "/downloads")).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> records().find(uid).map(r -> r.syncState() == SyncState.DONE).orElse(false));

    // JSON-path queries: Spring Data specification and HQL
    assertThat(posts().findAll(VideoQueries.state("video", VideoState.READY)))
        .extracting(Post::getTitle)
        .containsExactly("holiday");
    EntityManager em = app.getBean(EntityManager.class);
    List<String> titles =
        app.getBean(TransactionTemplate.class)
            .execute(s ->
                em.createQuery(
                        "select p.title from Post p where "
                            + VideoQueries.hql("p", "video", "$.status.state")
                            + " <> 'ready'",
                        String.class)
                    .getResultList());
    assertThat(titles).containsExactly("stuck");
    assertThat(reload(stuck).getVideo().state()).contains(VideoState.IN_PROGRESS);
    fake.assertNoSchemaViolations();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void deletingTheEntityOrReplacingTheVideoDeletesTheOldCloudflareVideo(String vendor) {
    app = CloudflareApp.start(vendor, fake, data);
    String first = fake.addReadyVideo();
    String second = fake.addReadyVideo();
    String third = fake.addReadyVideo();
    Post post = posts().save(new Post("p", Video.ofUid(first)));

    Post loaded = reload(post);
    loaded.setVideo(Video.ofUid(second));
    posts().save(loaded);
    await().atMost(Duration.ofSeconds(20)).until(() -> fake.deletedUids().contains(first));

    posts().deleteById(post.getId());
    await().atMost(Duration.ofSeconds(20)).until(() -> fake.deletedUids().contains(second));

    // an attribute with deleteWhenRemoved = false keeps its video at Cloudflare
    NoteRepository notes = app.getBean(NoteRepository.class);
    Note note = notes.save(new Note(Video.ofUid(third)));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> notes.findById(note.getId()).orElseThrow().getAttachment().isTerminal());
    notes.deleteById(note.getId());
    Post marker = posts().save(new Post("marker", Video.ofUid(fake.addReadyVideo())));
    posts().deleteById(marker.getId());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> fake.deletedUids().contains(marker.getVideo().uid()));
    assertThat(fake.deletedUids()).doesNotContain(third);
    fake.assertNoSchemaViolations();
  }

  /** Issue 8 (1): an answer for another uid is never stored, nor a reason to delete anything. */
  @Test
  void anAnswerForAnotherUidIsNeverStoredNorAReasonToDelete() {
    app = CloudflareApp.start("h2", fake, data);
    String uid = fake.addReadyVideo();
    fake.otherUidNext(1);
    Post post = posts().save(new Post("p", Video.ofUid(uid)));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> {
          Video video = reload(post).getVideo();
          assertThat(video.uid()).isEqualTo(uid);
          assertThat(video.downloadUrl()).isNotNull();
        });
    assertThat(fake.requestCount("GET", ".*/stream/" + uid)).isGreaterThanOrEqualTo(2);
    assertThat(fake.requestCount("DELETE", ".*")).isZero();
    assertThat(posts().findAll()).extracting(p -> p.getVideo().uid()).containsExactly(uid);
    fake.assertNoSchemaViolations();
  }

  /**
   * Issue 8 (4): a webhook stored {@code ready} while the API still answers an older state: the
   * sync decides from the newest stored state, it does not poll on and give up "still queued".
   */
  @Test
  void afterAWebhookSetReadyTheSyncDecidesFromTheNewestState() {
    app = CloudflareApp.start("h2", fake, data, "videokit.cloudflare.sync.give-up-after=3s");
    fake.processingSteps(1_000_000);
    String uid = queuedVideo("alice");
    NoteRepository notes = app.getBean(NoteRepository.class);
    Note note = notes.save(new Note(Video.ofUid(uid)));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> notes.findById(note.getId()).orElseThrow().getAttachment().isSynced());
    Map<String, Object> ready = new java.util.LinkedHashMap<>(fake.video(uid).orElseThrow());
    ready.put(
        "status", Map.of("state", "ready", "pctComplete", "100.000000", "errorReasonCode", ""));
    ready.put("readyToStream", true);
    ready.put("modified", "2099-01-01T00:00:00Z"); // newer than what the API still answers
    app.getBean(CloudflareVideoSync.class).apply(Video.fromMap(ready));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() ->
            records()
                .find(uid)
                .map(r -> r.syncState() != SyncState.SYNCING && r.syncState() != SyncState.PENDING)
                .orElse(false));
    CloudflareVideoRecord record = records().find(uid).orElseThrow();
    assertThat(record.syncState()).isEqualTo(SyncState.DONE);
    assertThat(record.syncNote()).isEqualTo("ready");
    assertThat(notes.findById(note.getId()).orElseThrow().getAttachment().state())
        .contains(VideoState.READY);
  }

  /** Issue 8 (3): a permanent 4xx is recorded once, not retried ten times with stack traces. */
  @Test
  void aPermanentRefusalOfTheDeletionIsRecordedOnceAndNotRetried() throws Exception {
    app = CloudflareApp.start("h2", fake, data);
    String uid = fake.addReadyVideo();
    Post post = posts().save(new Post("p", Video.ofUid(uid)));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> records().find(uid).map(r -> r.syncState() == SyncState.DONE).orElse(false));
    fake.wireMock()
        .stubFor(
            WireMock.delete(WireMock.urlPathMatching(".*/stream/" + uid))
                .atPriority(1)
                .willReturn(
                    WireMock.aResponse()
                        .withStatus(422)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"result\":null,\"success\":false,\"errors\":[{\"code\":10011,"
                                + "\"message\":\"Unprocessable: refused\"}],\"messages\":[]}")));
    posts().deleteById(post.getId());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> records().find(uid).map(r -> r.syncState() == SyncState.FAILED).orElse(false));
    assertThat(records().find(uid).orElseThrow().syncNote())
        .contains("Cloudflare refused the deletion")
        .contains("422")
        .contains("Unprocessable: refused");
    Thread.sleep(1500);
    assertThat(fake.requestCount("DELETE", ".*/stream/" + uid)).isEqualTo(1);
  }

  @Test
  void automaticTrimSwitchesToTheClipAndDeletesTheOriginal() {
    app =
        CloudflareApp.start(
            "h2",
            fake,
            data,
            "videokit.cloudflare.automatic-trim=true",
            "videokit.cloudflare.trim-duration-seconds=10");
    String longOne = fake.addVideo(VideoSeed.ready().creator("alice").duration(60));
    String shortOne = fake.addVideo(VideoSeed.ready().creator("alice").duration(8));
    Post post = posts().save(new Post("long", Video.ofUid(longOne)));
    Post kept = posts().save(new Post("short", Video.ofUid(shortOne)));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> {
          Video video = reload(post).getVideo();
          assertThat(video.uid()).isNotEqualTo(longOne);
          assertThat(video.clippedFrom()).isEqualTo(longOne);
          assertThat(video.state()).contains(VideoState.READY);
          assertThat(video.duration()).isEqualTo(10);
          assertThat(video.downloadUrl()).isNotNull();
          assertThat(fake.deletedUids()).contains(longOne);
        });
    String clip = reload(post).getVideo().uid();
    assertThat(records().find(clip).orElseThrow().creator())
        .isEqualTo(records().find(longOne).orElseThrow().creator());
    // shorter than the trim: never clipped
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> reload(kept).getVideo().downloadUrl() != null);
    assertThat(reload(kept).getVideo().uid()).isEqualTo(shortOne);
    assertThat(fake.requestCount("POST", ".*/stream/clip")).isEqualTo(1);
    fake.assertNoSchemaViolations();
  }

  /**
   * Issue 8 (2): Cloudflare made the clip but its answer was unreadable: the clip is found by
   * listing ({@code clippedFrom}), never asked for again.
   */
  @Test
  void aClipWhoseAnswerWasUnreadableIsFoundByListingNotAskedForAgain() {
    app =
        CloudflareApp.start(
            "h2",
            fake,
            data,
            "videokit.cloudflare.automatic-trim=true",
            "videokit.cloudflare.trim-duration-seconds=10");
    String longOne = fake.addVideo(VideoSeed.ready().creator("alice").duration(60));
    fake.delayNext(1, Duration.ofMillis(1)); // the details call passes
    fake.wrongTypeNext(1); // the clip is made, its answer is "result": "ok"
    Post post = posts().save(new Post("long", Video.ofUid(longOne)));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> {
          Video video = reload(post).getVideo();
          assertThat(video.clippedFrom()).isEqualTo(longOne);
          assertThat(video.state()).contains(VideoState.READY);
          assertThat(fake.deletedUids()).contains(longOne);
        });
    assertThat(fake.requestCount("POST", ".*/stream/clip")).isEqualTo(1);
    assertThat(fake.videoUids()).containsExactly(reload(post).getVideo().uid());
    fake.assertNoSchemaViolations();
  }

  /**
   * Issue 8 (2): a clip answer naming no uid, and no clip to be found: asked for once, then looked
   * for until the bound, and the note says so.
   */
  @Test
  void aClipThatCannotBeFoundIsNeverAskedForTwiceAndTheNoteSaysWhatHappened() {
    app =
        CloudflareApp.start(
            "h2",
            fake,
            data,
            "videokit.cloudflare.automatic-trim=true",
            "videokit.cloudflare.trim-duration-seconds=10",
            "videokit.cloudflare.sync.give-up-after=3s");
    String longOne = fake.addVideo(VideoSeed.ready().creator("alice").duration(60));
    fake.wireMock()
        .stubFor(
            WireMock.post(WireMock.urlPathMatching(".*/stream/clip"))
                .atPriority(1)
                .willReturn(
                    WireMock.aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"result\":{\"clippedFromVideoUID\":\""
                                + longOne
                                + "\",\"status\":\"queued\"},\"success\":true,"
                                + "\"errors\":[],\"messages\":[]}")));
    Post post = posts().save(new Post("long", Video.ofUid(longOne)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() ->
            records().find(longOne).map(r -> r.syncState() == SyncState.GAVE_UP).orElse(false));
    assertThat(records().find(longOne).orElseThrow().syncNote())
        .contains("trim clip requested at")
        .contains("not found at Cloudflare (not asked again)")
        .contains("gave up");
    assertThat(fake.requestCount("POST", ".*/stream/clip")).isEqualTo(1);
    assertThat(reload(post).getVideo().uid()).isEqualTo(longOne);
    assertThat(fake.deletedUids()).isEmpty();
  }

  @Test
  void durationExceededDeletesTheOwningEntityWhenConfigured() {
    app =
        CloudflareApp.start(
            "h2", fake, data, "videokit.cloudflare.duration-exceeded=delete-entity");
    String uid = queuedVideo("alice");
    fake.failProcessing(uid, "ERR_DURATION_EXCEED_CONSTRAINT", "too long");
    Post post = posts().save(new Post("too long", Video.ofUid(uid)));
    await().atMost(Duration.ofSeconds(20)).until(() -> posts().findById(post.getId()).isEmpty());
    await().atMost(Duration.ofSeconds(20)).until(() -> fake.deletedUids().contains(uid));
  }

  @Test
  void durationExceededKeepsAndMarksByDefault() {
    app = CloudflareApp.start("h2", fake, data);
    String uid = queuedVideo("alice");
    fake.failProcessing(uid, "ERR_DURATION_EXCEED_CONSTRAINT", "too long");
    Post post = posts().save(new Post("too long", Video.ofUid(uid)));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> records().find(uid).map(r -> r.syncState() == SyncState.DONE).orElse(false));
    Video video = reload(post).getVideo();
    assertThat(video.status().errorReasonCode()).isEqualTo("ERR_DURATION_EXCEED_CONSTRAINT");
    assertThat(records().find(uid).orElseThrow().syncNote())
        .contains("ERR_DURATION_EXCEED_CONSTRAINT");
    assertThat(fake.deletedUids()).doesNotContain(uid);
  }

  @Test
  void aVideoThatNeverFinishesStopsAtTheBoundWithTheReasonRecorded() {
    app = CloudflareApp.start("h2", fake, data, "videokit.cloudflare.sync.give-up-after=2s");
    fake.processingSteps(1_000_000);
    String uid = queuedVideo("alice");
    posts().save(new Post("forever", Video.ofUid(uid)));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> records().find(uid).map(r -> r.syncState() == SyncState.GAVE_UP).orElse(false));
    CloudflareVideoRecord record = records().find(uid).orElseThrow();
    assertThat(record.syncNote()).contains("gave up").contains("attempts");
    long calls = fake.requestCount("GET", ".*/stream/" + uid);
    assertThat(calls).isBetween(2L, 40L);
    // no job is left behind
    org.springframework.jdbc.core.JdbcTemplate jdbc =
        app.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() ->
            jdbc.queryForObject(
                    "select count(*) from scheduled_tasks where task_instance = ?",
                    Integer.class,
                    uid)
                == 0);
  }

  @Test
  void theJobsConvergeWhileTheApiFailsIsRateLimitedOrSlow() {
    app = CloudflareApp.start("h2", fake, data);
    String uid = queuedVideo("alice");
    fake.failNext(3, 503);
    fake.rateLimitNext(2, 1);
    fake.delayNext(2, Duration.ofMillis(2500));
    fake.malformedNext(1);
    Post post = posts().save(new Post("flaky", Video.ofUid(uid)));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(reload(post).getVideo().downloadUrl()).isNotNull());
    assertThat(reload(post).getVideo().state()).contains(VideoState.READY);
  }

  @Test
  void onlyTheUploaderOrStaffMayAttachAUidDuringARequest() {
    app = CloudflareApp.start("h2", fake, data);
    String uid = fake.addReadyVideo();
    records().recordUpload(uid, "alice");

    asUser("bob", false);
    assertThatThrownBy(() -> posts().save(new Post("stolen", Video.ofUid(uid))))
        .hasRootCauseInstanceOf(VideoAttachDeniedException.class);
    asUser(null, false);
    assertThatThrownBy(() -> posts().save(new Post("anonymous", Video.ofUid(uid))))
        .hasRootCauseInstanceOf(VideoAttachDeniedException.class);
    String unknown = fake.addReadyVideo();
    asUser("alice", false);
    assertThatThrownBy(() -> posts().save(new Post("never uploaded", Video.ofUid(unknown))))
        .hasRootCauseInstanceOf(VideoAttachDeniedException.class);
    assertThat(posts().count()).isZero();

    Post mine = posts().save(new Post("mine", Video.ofUid(uid)));
    asUser("root", true);
    posts().save(new Post("staff", Video.ofUid(unknown)));
    RequestContextHolder.resetRequestAttributes();
    assertThat(posts().count()).isEqualTo(2);
    assertThat(reload(mine).getVideo().uid()).isEqualTo(uid);
  }

  private void asUser(String name, boolean staff) {
    MockHttpServletRequest request = new MockHttpServletRequest();
    if (name != null) {
      request.setUserPrincipal(() -> name);
      if (staff) {
        request.addUserRole("ADMIN");
      }
    }
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
  }

  @Test
  void aStaleAnswerNeverOverwritesNewerStateAndTheDownloadUrlSurvives() {
    Map<String, Object> newer =
        Map.of(
            "uid", "a".repeat(32),
            "modified", "2026-11-21T10:00:05Z",
            "status", Map.of("state", "ready"),
            "meta", Map.of("download_url", "https://x/default.mp4"));
    Map<String, Object> older =
        Map.of(
            "uid", "a".repeat(32),
            "modified", "2026-11-21T10:00:00Z",
            "status", Map.of("state", "inprogress"),
            "meta", Map.of());
    Map<String, Object> later =
        Map.of(
            "uid", "a".repeat(32),
            "modified", "2026-11-21T10:01:00Z",
            "status", Map.of("state", "ready"),
            "meta", Map.of("name", "n"));
    Video current = Video.fromMap(newer);
    assertThat(CloudflareVideoSync.merge(current, Video.fromMap(older))).isEqualTo(current);
    Video merged = CloudflareVideoSync.merge(current, Video.fromMap(later));
    assertThat(merged.downloadUrl()).isEqualTo("https://x/default.mp4");
    assertThat(merged.metaString("name")).isEqualTo("n");
    assertThat(merged.modified()).isEqualTo(Video.fromMap(later).modified());
  }
}
