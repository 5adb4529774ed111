package io.videokit.cloudflare.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.videokit.cloudflare.ClipRequest;
import io.videokit.cloudflare.CloudflareApiException;
import io.videokit.cloudflare.CloudflareDownloads;
import io.videokit.cloudflare.CloudflareError;
import io.videokit.cloudflare.CloudflareProtocolException;
import io.videokit.cloudflare.CloudflareRateLimitedException;
import io.videokit.cloudflare.CloudflareUnavailableException;
import io.videokit.cloudflare.CloudflareVideos;
import io.videokit.cloudflare.Download;
import io.videokit.cloudflare.VideoPage;
import io.videokit.cloudflare.VideoQuery;
import io.videokit.cloudflare.sync.CloudflareVideoRecord.SyncState;
import io.videokit.jpa.AttributeHolders;
import io.videokit.jpa.VideoAttributeJobs;
import io.videokit.jpa.VideoAttributes.Attribute;
import io.videokit.video.Video;
import io.videokit.video.VideoOptions;
import io.videokit.video.VideoStatus;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Cloudflare synchronisation state machine on its own: in-memory Cloudflare resources,
 * attribute holders, records and job queue, on a clock the test moves. No Spring, no database, no
 * HTTP.
 */
class CloudflareVideoSyncTest {

  static final String UID = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  static final String CLIP = "cccccccccccccccccccccccccccccccc";
  static final String OTHER = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  static final Duration INITIAL = Duration.ofSeconds(10);
  static final Duration MAX = Duration.ofMinutes(5);
  static final Duration GIVE_UP = Duration.ofHours(1);

  final MutableClock clock = new MutableClock(T0);
  final FakeVideos videos = new FakeVideos();
  final FakeDownloads downloads = new FakeDownloads();
  final MemoryHolders holders = new MemoryHolders();
  final MemoryRecords records = new MemoryRecords(clock);
  final RecordingJobs jobs = new RecordingJobs();

  CloudflareVideoSync sync() {
    return sync(false, null, DurationExceededAction.KEEP);
  }

  CloudflareVideoSync sync(
      boolean trim, @Nullable Integer trimSeconds, DurationExceededAction exceeded) {
    videos.records = records;
    downloads.records = records;
    return new CloudflareVideoSync(
        videos,
        downloads,
        holders,
        records,
        jobs,
        new CloudflareSyncSettings(INITIAL, MAX, GIVE_UP, trim, trimSeconds, exceeded),
        clock);
  }

  // ------------------------------------------------------------------------ refresh and backoff

  @Nested
  class NotYetReady {

    @Test
    void isLookedAtAgainLaterWithBackoffFromTheSettingsOnTheClock() {
      holders.hold(new Lesson(), UID);
      videos.put(video(UID, "inprogress", 10, T0));
      CloudflareVideoSync sync = sync();

      Instant first = sync.step(UID).orElseThrow();
      // initial delay, up to a quarter less (jitter), counted from the clock
      assertThat(first).isBetween(T0.plus(INITIAL.multipliedBy(3).dividedBy(4)), T0.plus(INITIAL));
      assertThat(records.get(UID).syncState()).isEqualTo(SyncState.SYNCING);
      assertThat(records.get(UID).syncNote()).contains("still inprogress");
      assertThat(holders.video(0).status().state()).isEqualTo("inprogress");

      clock.set(first);
      Instant second = sync.step(UID).orElseThrow();
      assertThat(second)
          .isBetween(
              first.plus(INITIAL.multipliedBy(2 * 3).dividedBy(4)),
              first.plus(INITIAL.multipliedBy(2)));

      Instant next = second;
      for (int i = 0; i < 6; i++) {
        clock.set(next);
        next = sync.step(UID).orElseThrow();
      }
      // doubled per attempt, capped at the longest delay
      assertThat(Duration.between(clock.instant(), next))
          .isBetween(MAX.multipliedBy(3).dividedBy(4), MAX);
      assertThat(records.get(UID).attempts()).isEqualTo(8);
    }

    @Test
    void stopsAfterTheBoundWithTheReasonRecorded() {
      holders.hold(new Lesson(), UID);
      videos.put(video(UID, "inprogress", 10, T0));
      CloudflareVideoSync sync = sync();
      assertThat(sync.step(UID)).isPresent();

      clock.advance(GIVE_UP);
      assertThat(sync.step(UID)).isEmpty();

      CloudflareVideoRecord record = records.get(UID);
      assertThat(record.syncState()).isEqualTo(SyncState.GAVE_UP);
      assertThat(record.syncNote()).contains("still inprogress").contains("gave up");
    }

    @Test
    void aVideoNoEntityHoldsIsDoneWith() {
      videos.put(video(UID, "inprogress", 10, T0));

      assertThat(sync().step(UID)).isEmpty();
      assertThat(records.get(UID).syncState()).isEqualTo(SyncState.DONE);
    }
  }

  // ------------------------------------------------------------------------------- MP4 download

  @Nested
  class Ready {

    @Test
    void theDownloadIsCreatedOnceAndItsUrlStoredOnlyWhenReady() {
      holders.hold(new DownloadableLesson(), UID);
      videos.put(video(UID, "ready", 120, T0));
      CloudflareVideoSync sync = sync();

      assertThat(sync.step(UID)).isPresent();
      assertThat(downloads.created).isEqualTo(1);
      assertThat(downloads.recordedBeforeSending).isTrue();
      assertThat(holders.video(0).downloadUrl()).isNull();
      assertThat(videos.edits).isEmpty();

      clock.advance(Duration.ofMinutes(1));
      assertThat(sync.step(UID)).isPresent();
      assertThat(downloads.created).isEqualTo(1);
      assertThat(holders.video(0).downloadUrl()).isNull();

      downloads.finish(UID, "https://example.com/aaaa/downloads/default.mp4");
      clock.advance(Duration.ofMinutes(1));
      assertThat(sync.step(UID)).isEmpty();

      assertThat(downloads.created).isEqualTo(1);
      assertThat(holders.video(0).downloadUrl())
          .isEqualTo("https://example.com/aaaa/downloads/default.mp4");
      assertThat(videos.edits).hasSize(1);
      assertThat(records.get(UID).syncState()).isEqualTo(SyncState.DONE);
    }

    @Test
    void aDownloadRequestWithAnUnknownOutcomeIsNeverRepeated() {
      holders.hold(new DownloadableLesson(), UID);
      videos.put(video(UID, "ready", 120, T0));
      downloads.createFailure =
          new CloudflareUnavailableException("POST", false, new IOException());
      CloudflareVideoSync sync = sync();

      assertThat(sync.step(UID)).isPresent();
      assertThat(records.get(UID).downloadRequested()).isEqualTo(T0);

      clock.advance(Duration.ofMinutes(1));
      assertThat(sync.step(UID)).isPresent();
      assertThat(downloads.created).isEqualTo(1);
      assertThat(records.get(UID).syncNote()).contains("not asked again");
    }

    @Test
    void aDownloadRequestThatWasNeverSentIsForgottenAndAskedAgain() {
      holders.hold(new DownloadableLesson(), UID);
      videos.put(video(UID, "ready", 120, T0));
      downloads.createFailure = new CloudflareUnavailableException("POST", true, new IOException());
      CloudflareVideoSync sync = sync();

      assertThat(sync.step(UID)).isPresent();
      assertThat(records.get(UID).downloadRequested()).isNull();

      downloads.createFailure = null;
      assertThat(sync.step(UID)).isPresent();
      assertThat(downloads.created).isEqualTo(2);
    }

    @Test
    void withoutADownloadableAttributeNoDownloadIsAskedFor() {
      holders.hold(new Lesson(), UID);
      videos.put(video(UID, "ready", 120, T0));

      assertThat(sync().step(UID)).isEmpty();
      assertThat(downloads.created).isZero();
      assertThat(records.get(UID).syncState()).isEqualTo(SyncState.DONE);
    }
  }

  // ------------------------------------------------------------------------------ automatic trim

  @Nested
  class AutomaticTrim {

    @Test
    void theClipIsRequestedOnceRecordedBeforeSendingAndReplacesTheOriginalWhenReady() {
      holders.hold(new Lesson(), UID);
      videos.put(video(UID, "ready", 120, T0));
      videos.clipAnswer = video(CLIP, "queued", -1, T0);
      CloudflareVideoSync sync = sync(true, 30, DurationExceededAction.KEEP);

      assertThat(sync.step(UID)).isEmpty();

      assertThat(videos.clips).hasSize(1);
      assertThat(videos.clips.get(0).clippedFromVideoUid()).isEqualTo(UID);
      assertThat(videos.clips.get(0).endTimeSeconds()).isEqualTo(30);
      assertThat(videos.clipRecordedBeforeSending).isTrue();
      assertThat(records.get(UID).syncState()).isEqualTo(SyncState.TRIMMING);
      assertThat(records.get(UID).clipUid()).isEqualTo(CLIP);
      assertThat(records.get(CLIP).replacesUid()).isEqualTo(UID);
      assertThat(jobs.syncs).extracting(ScheduledSync::uid).containsExactly(CLIP);
      assertThat(jobs.syncs.get(0).at()).isEqualTo(T0.plus(INITIAL));

      videos.put(video(CLIP, "ready", 30, T0.plusSeconds(60)).with("clippedFrom", UID));
      clock.advance(Duration.ofMinutes(1));
      assertThat(sync.step(CLIP)).isEmpty();

      assertThat(holders.video(0).uid()).isEqualTo(CLIP);
      assertThat(records.get(UID).syncState()).isEqualTo(SyncState.DONE);
      assertThat(records.get(CLIP).replacesUid()).isNull();
      assertThat(jobs.deletes).containsExactly(UID);
      assertThat(videos.clips).hasSize(1);
    }

    @Test
    void aClipThatFailsProcessingKeepsTheOriginalAndIsDeleted() {
      holders.hold(new Lesson(), UID);
      videos.put(video(UID, "ready", 120, T0));
      videos.clipAnswer = video(CLIP, "queued", -1, T0);
      CloudflareVideoSync sync = sync(true, 30, DurationExceededAction.KEEP);
      assertThat(sync.step(UID)).isEmpty();
      assertThat(sync.knows(CLIP)).isTrue();
      assertThat(sync.knows("ffffffffffffffff")).isFalse();

      Video failed = video(CLIP, "error", -1, T0.plusSeconds(60)).with("clippedFrom", UID);
      videos.put(failed);
      clock.advance(Duration.ofMinutes(1));
      assertThat(sync.step(CLIP)).isEmpty();

      assertThat(holders.video(0).uid()).as("the original stays attached").isEqualTo(UID);
      assertThat(records.get(CLIP).syncState()).isEqualTo(SyncState.DONE);
      assertThat(records.get(CLIP).syncNote()).contains("trim clip failed, original kept");
      assertThat(records.get(CLIP).replacesUid()).isNull();
      assertThat(records.get(UID).syncState()).isEqualTo(SyncState.DONE);
      assertThat(records.get(UID).syncNote()).contains("trim failed");
      assertThat(jobs.deletes).containsExactly(CLIP);
    }

    @Test
    void aWebhookForAClipNobodyHoldsYetStillAsksForAStep() {
      holders.hold(new Lesson(), UID);
      videos.put(video(UID, "ready", 120, T0));
      videos.clipAnswer = video(CLIP, "queued", -1, T0);
      CloudflareVideoSync sync = sync(true, 30, DurationExceededAction.KEEP);
      sync.step(UID);
      jobs.syncs.clear();

      assertThat(sync.apply(video(CLIP, "ready", 30, T0.plusSeconds(9)))).isZero();

      assertThat(jobs.syncs).extracting(ScheduledSync::uid).containsExactly(CLIP);
      assertThat(jobs.syncs.get(0).urgent()).isTrue();
      assertThat(sync.provider()).isEqualTo("cloudflare");
    }

    @Test
    void aClipCallWithAnUnknownOutcomeIsNeverRepeatedButLookedUpByListing() {
      holders.hold(new Lesson(), UID);
      videos.put(video(UID, "ready", 120, T0));
      videos.clipFailure = new CloudflareProtocolException("POST /stream/clip", "no uid", null);
      CloudflareVideoSync sync = sync(true, 30, DurationExceededAction.KEEP);

      assertThat(sync.step(UID)).isPresent();
      assertThat(records.get(UID).clipRequested()).isEqualTo(T0);

      clock.advance(Duration.ofMinutes(1));
      assertThat(sync.step(UID)).isPresent();
      assertThat(records.get(UID).syncNote()).contains("not asked again");
      assertThat(videos.listed).isEqualTo(1);

      // the clip Cloudflare did make shows up in the listing
      videos.put(video(CLIP, "queued", -1, T0.plusSeconds(1)).with("clippedFrom", UID));
      clock.advance(Duration.ofMinutes(1));
      assertThat(sync.step(UID)).isEmpty();

      assertThat(videos.clips).hasSize(1);
      assertThat(records.get(UID).clipUid()).isEqualTo(CLIP);
      assertThat(records.get(CLIP).replacesUid()).isEqualTo(UID);
      assertThat(jobs.syncs).extracting(ScheduledSync::uid).containsExactly(CLIP);
    }

    @Test
    void aClipCallAnsweredWithAServerErrorIsNeverRepeated() {
      holders.hold(new Lesson(), UID);
      videos.put(video(UID, "ready", 120, T0));
      videos.clipFailure = new CloudflareApiException("POST /stream/clip", 502, List.of());
      CloudflareVideoSync sync = sync(true, 30, DurationExceededAction.KEEP);

      assertThat(sync.step(UID)).isPresent();
      videos.clipFailure = null;
      assertThat(sync.step(UID)).isPresent();

      assertThat(videos.clips).hasSize(1);
      assertThat(records.get(UID).clipRequested()).isNotNull();
    }

    @Test
    void aClipRangeLongerThanTheVideoMeansNoClip() {
      holders.hold(new Lesson(), UID);
      videos.put(video(UID, "ready", 120, T0));
      videos.clipFailure =
          new CloudflareApiException(
              "POST /stream/clip",
              400,
              List.of(
                  new CloudflareError(
                      CloudflareVideoSync.CLIP_RANGE_EXCEEDS_DURATION, "range exceeds duration")));
      CloudflareVideoSync sync = sync(true, 30, DurationExceededAction.KEEP);

      assertThat(sync.step(UID)).isEmpty();

      assertThat(videos.clips).hasSize(1);
      assertThat(records.get(UID).clipRequested()).isNull();
      assertThat(records.get(UID).clipUid()).isNull();
      assertThat(records.get(UID).syncState()).isEqualTo(SyncState.DONE);
      assertThat(jobs.syncs).isEmpty();
      assertThat(holders.video(0).uid()).isEqualTo(UID);
    }

    @Test
    void aVideoShorterThanTheTrimIsNotClipped() {
      holders.hold(new Lesson(), UID);
      videos.put(video(UID, "ready", 20, T0));

      assertThat(sync(true, 30, DurationExceededAction.KEEP).step(UID)).isEmpty();
      assertThat(videos.clips).isEmpty();
    }
  }

  // ---------------------------------------------------------------------------- duration limit

  @Nested
  class DurationExceeded {

    @Test
    void keepLeavesTheEntityWithTheErrorShown() {
      Lesson lesson = new Lesson();
      holders.hold(lesson, UID);
      videos.put(durationExceeded());

      assertThat(sync(false, null, DurationExceededAction.KEEP).step(UID)).isEmpty();

      assertThat(holders.size()).isEqualTo(1);
      assertThat(holders.video(0).status().errorReasonCode())
          .isEqualTo(VideoStatus.ERR_DURATION_EXCEED_CONSTRAINT);
      assertThat(records.get(UID).syncState()).isEqualTo(SyncState.DONE);
      assertThat(videos.deleted).isEmpty();
    }

    @Test
    void deleteEntityRemovesTheOwningEntities() {
      holders.hold(new Lesson(), UID);
      videos.put(durationExceeded());

      assertThat(sync(false, null, DurationExceededAction.DELETE_ENTITY).step(UID)).isEmpty();

      assertThat(holders.size()).isZero();
      assertThat(records.get(UID).syncNote()).contains("removed 1 owning entities");
      assertThat(videos.deleted).isEmpty();
    }

    @Test
    void deleteVideoDeletesItAtCloudflareAndKeepsTheEntity() {
      holders.hold(new Lesson(), UID);
      videos.put(durationExceeded());

      assertThat(sync(false, null, DurationExceededAction.DELETE_VIDEO).step(UID)).isEmpty();

      assertThat(holders.size()).isEqualTo(1);
      assertThat(videos.deleted).containsExactly(UID);
      assertThat(records.get(UID).syncState()).isEqualTo(SyncState.DELETED);
    }

    private Video durationExceeded() {
      Map<String, Object> status = new LinkedHashMap<>();
      status.put("state", "error");
      status.put("errorReasonCode", VideoStatus.ERR_DURATION_EXCEED_CONSTRAINT);
      status.put("errorReasonText", "longer than allowed");
      return video(UID, "error", 700, T0).with("status", status);
    }
  }

  // ---------------------------------------------------------------------------------- failures

  @Nested
  class Failures {

    @Test
    void aVideoCloudflareDoesNotKnowIsMarkedDeleted() {
      holders.hold(new Lesson(), UID);
      videos.videoFailure = new CloudflareApiException("GET /stream/{uid}", 404, List.of());

      assertThat(sync().step(UID)).isEmpty();
      assertThat(records.get(UID).syncState()).isEqualTo(SyncState.DELETED);
    }

    @Test
    void aTransientErrorIsRetriedUntilTheBoundThenStopsWithTheReason() {
      holders.hold(new Lesson(), UID);
      videos.videoFailure = new CloudflareApiException("GET /stream/{uid}", 503, List.of());
      CloudflareVideoSync sync = sync();

      Instant next = sync.step(UID).orElseThrow();
      assertThat(next).isAfter(T0).isBeforeOrEqualTo(T0.plus(INITIAL));
      assertThat(records.get(UID).syncState()).isEqualTo(SyncState.SYNCING);
      assertThat(records.get(UID).syncNote()).contains("HTTP 503");

      clock.set(next);
      assertThat(sync.step(UID)).isPresent();

      clock.set(T0.plus(GIVE_UP));
      assertThat(sync.step(UID)).isEmpty();
      CloudflareVideoRecord record = records.get(UID);
      assertThat(record.syncState()).isEqualTo(SyncState.GAVE_UP);
      assertThat(record.syncNote()).contains("HTTP 503").contains("3 attempts").contains("gave up");
    }

    @Test
    void anUnreachableApiIsRetried() {
      holders.hold(new Lesson(), UID);
      videos.videoFailure =
          new CloudflareUnavailableException("GET /stream/{uid}", false, new IOException("reset"));

      assertThat(sync().step(UID)).isPresent();
      assertThat(records.get(UID).syncNote()).contains("API unavailable");
    }

    @Test
    void aRateLimitWaitsAtLeastTheAnnouncedTime() {
      holders.hold(new Lesson(), UID);
      videos.videoFailure =
          new CloudflareRateLimitedException("GET /stream/{uid}", Duration.ofMinutes(5), List.of());

      assertThat(sync().step(UID)).contains(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void refusedCredentialsAreRetriedWithTheReasonRecordedNotFailed() {
      for (int status : new int[] {401, 403}) {
        holders.clear();
        holders.hold(new Lesson(), UID);
        records.clear();
        videos.videoFailure = new CloudflareApiException("GET /stream/{uid}", status, List.of());

        assertThat(sync().step(UID)).as("HTTP %d", status).isPresent();
        assertThat(records.get(UID).syncState()).isEqualTo(SyncState.SYNCING);
        assertThat(records.get(UID).syncNote()).contains("api-token");
      }
    }

    @Test
    void aPermanentRefusalStopsAtOnce() {
      holders.hold(new Lesson(), UID);
      videos.videoFailure =
          new CloudflareApiException(
              "GET /stream/{uid}", 400, List.of(new CloudflareError(10000, "bad request")));

      assertThat(sync().step(UID)).isEmpty();
      assertThat(records.get(UID).syncState()).isEqualTo(SyncState.FAILED);
      assertThat(records.get(UID).syncNote()).contains("bad request");
    }

    @Test
    void anAnswerAboutAnotherVideoIsNeverStored() {
      holders.hold(new Lesson(), UID);
      videos.answerFor(UID, video(OTHER, "ready", 60, T0));

      assertThat(sync().step(UID)).isPresent();

      assertThat(holders.video(0)).isEqualTo(Video.ofUid(UID));
      assertThat(records.get(UID).syncNote()).contains("another video");
    }

    @Test
    void deletingWithRefusedCredentialsFailsSoTheJobRetries() {
      videos.deleteFailure = new CloudflareApiException("DELETE /stream/{uid}", 401, List.of());

      assertThatThrownBy(() -> sync().deleteIfUnused(UID))
          .isInstanceOf(CloudflareApiException.class);
    }

    @Test
    void aPermanentlyRefusedDeletionIsRecordedAndNotRetried() {
      videos.deleteFailure = new CloudflareApiException("DELETE /stream/{uid}", 400, List.of());

      assertThat(sync().deleteIfUnused(UID)).isFalse();
      assertThat(records.get(UID).syncState()).isEqualTo(SyncState.FAILED);
    }

    @Test
    void aVideoStillHeldIsNotDeleted() {
      holders.hold(new Lesson(), UID);

      assertThat(sync().deleteIfUnused(UID)).isTrue();
      assertThat(videos.deleted).isEmpty();
    }
  }

  // ------------------------------------------------------------------------------------ webhook

  @Nested
  class Webhook {

    @Test
    void aNewerDeliveryIsStoredAndAnImmediateStepAsked() {
      holders.hold(new Lesson(), UID);
      holders.set(0, video(UID, "inprogress", 10, T0).withMeta("download_url", "https://d/x.mp4"));

      int held = sync().apply(video(UID, "ready", 60, T0.plusSeconds(30)));

      assertThat(held).isEqualTo(1);
      assertThat(holders.video(0).status().state()).isEqualTo("ready");
      assertThat(holders.video(0).provider()).isEqualTo("cloudflare");
      // the download URL videokit stored survives a delivery without it
      assertThat(holders.video(0).downloadUrl()).isEqualTo("https://d/x.mp4");
      assertThat(jobs.syncs).containsExactly(new ScheduledSync(UID, T0, true));
    }

    @Test
    void anOlderDeliveryIsIgnored() {
      holders.hold(new Lesson(), UID);
      Video stored = video(UID, "ready", 60, T0.plusSeconds(30));
      holders.set(0, stored);

      sync().apply(video(UID, "inprogress", 10, T0));

      assertThat(holders.video(0)).isEqualTo(stored);
    }

    @Test
    void aDeliveryForAVideoNobodyHoldsSchedulesNothing() {
      assertThat(sync().apply(video(UID, "ready", 60, T0))).isZero();
      assertThat(jobs.syncs).isEmpty();
    }
  }

  // ------------------------------------------------------------------------------ test doubles

  static Video video(String uid, String state, double duration, Instant modified) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("state", state);
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("uid", uid);
    document.put("status", status);
    document.put("readyToStream", "ready".equals(state));
    document.put("duration", duration);
    document.put("created", T0.toString());
    document.put("modified", modified.toString());
    document.put("meta", Map.of("name", "lesson.mp4"));
    return Video.fromMap(document);
  }

  /** An entity with a video attribute, options by default (trim, not downloadable). */
  static class Lesson {
    @VideoOptions @Nullable Video video;
  }

  /** An entity whose video gets an MP4 download. */
  static class DownloadableLesson {
    @VideoOptions(downloadable = true)
    @Nullable Video video;
  }

  static Attribute attributeOf(Class<?> entity) {
    try {
      var field = entity.getDeclaredField("video");
      return new Attribute(
          entity, entity.getSimpleName(), "video", field.getAnnotation(VideoOptions.class), field);
    } catch (NoSuchFieldException e) {
      throw new AssertionError(e);
    }
  }

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Cloudflare's videos in memory, with failures to throw on demand. */
  static final class FakeVideos implements CloudflareVideos {
    final Map<String, Video> stored = new LinkedHashMap<>();
    final Map<String, Video> answers = new HashMap<>();
    final List<ClipRequest> clips = new ArrayList<>();
    final List<Map<String, ?>> edits = new ArrayList<>();
    final List<String> deleted = new ArrayList<>();
    @Nullable RuntimeException videoFailure;
    @Nullable RuntimeException clipFailure;
    @Nullable RuntimeException deleteFailure;
    @Nullable Video clipAnswer;
    @Nullable MemoryRecords records;
    boolean clipRecordedBeforeSending;
    int listed;

    void put(Video video) {
      stored.put(video.uid(), video);
    }

    void answerFor(String uid, Video answer) {
      answers.put(uid, answer);
    }

    @Override
    public Video video(String uid) {
      if (videoFailure != null) {
        throw videoFailure;
      }
      Video video = answers.containsKey(uid) ? answers.get(uid) : stored.get(uid);
      if (video == null) {
        throw new CloudflareApiException("GET /stream/{uid}", 404, List.of());
      }
      return video;
    }

    @Override
    public VideoPage list(VideoQuery query) {
      List<Video> all = listAll(query, 1000);
      return new VideoPage(all, all.size(), all.size());
    }

    @Override
    public List<Video> listAll(VideoQuery query, int limit) {
      listed++;
      return List.copyOf(stored.values());
    }

    @Override
    public Video edit(String uid, Map<String, ?> changes) {
      edits.add(changes);
      Video video = stored.get(uid);
      for (Map.Entry<String, ?> change : changes.entrySet()) {
        video = video.with(change.getKey(), change.getValue());
      }
      put(video);
      return video;
    }

    @Override
    public boolean delete(String uid) {
      if (deleteFailure != null) {
        throw deleteFailure;
      }
      deleted.add(uid);
      return stored.remove(uid) != null;
    }

    @Override
    public Video copyFromUrl(
        URI url, @Nullable String creator, @Nullable Map<String, Object> meta) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Video clip(ClipRequest request) {
      clips.add(request);
      clipRecordedBeforeSending =
          records != null && records.get(request.clippedFromVideoUid()).clipRequested() != null;
      if (clipFailure != null) {
        throw clipFailure;
      }
      if (clipAnswer == null) {
        throw new AssertionError("no clip answer set");
      }
      return clipAnswer;
    }
  }

  /** MP4 downloads in memory. */
  static final class FakeDownloads implements CloudflareDownloads {
    final Map<String, Download> downloads = new HashMap<>();
    @Nullable RuntimeException createFailure;
    @Nullable MemoryRecords records;
    boolean recordedBeforeSending;
    int created;

    void finish(String uid, String url) {
      downloads.put(uid, new Download("ready", url, 100));
    }

    @Override
    public Download createDownload(String uid) {
      created++;
      recordedBeforeSending = records != null && records.get(uid).downloadRequested() != null;
      if (createFailure != null) {
        throw createFailure;
      }
      Download download = new Download("inprogress", null, 10);
      downloads.put(uid, download);
      return download;
    }

    @Override
    public Optional<Download> download(String uid) {
      return Optional.ofNullable(downloads.get(uid));
    }

    @Override
    public boolean deleteDownloads(String uid) {
      return downloads.remove(uid) != null;
    }
  }

  /** Entities holding video attributes, in memory. */
  static final class MemoryHolders implements AttributeHolders {
    private record Slot(Object entity, Attribute attribute) {}

    private final List<Slot> slots = new ArrayList<>();

    void hold(Object entity, String uid) {
      Attribute attribute = attributeOf(entity.getClass());
      attribute.set(entity, Video.ofUid(uid));
      slots.add(new Slot(entity, attribute));
    }

    void set(int index, Video video) {
      Slot slot = slots.get(index);
      slot.attribute().set(slot.entity(), video);
    }

    Video video(int index) {
      Slot slot = slots.get(index);
      Video video = slot.attribute().get(slot.entity());
      if (video == null) {
        throw new AssertionError("no video");
      }
      return video;
    }

    int size() {
      return slots.size();
    }

    void clear() {
      slots.clear();
    }

    @Override
    public List<Attribute> update(String uid, UnaryOperator<Video> change) {
      return updateAndRead(uid, change).attributes();
    }

    @Override
    public Updated updateAndRead(String uid, UnaryOperator<Video> change) {
      List<Attribute> changed = new ArrayList<>();
      Video newest = null;
      for (Holder holder : find(uid)) {
        Video next = change.apply(holder.video());
        holder.attribute().set(holder.entity(), next);
        changed.add(holder.attribute());
        if (newest == null
            || next.modified() != null
                && (newest.modified() == null || next.modified().isAfter(newest.modified()))) {
          newest = next;
        }
      }
      return new Updated(changed, newest);
    }

    @Override
    public List<Attribute> replace(String oldUid, Video replacement) {
      List<Attribute> changed = new ArrayList<>();
      for (Holder holder : find(oldUid)) {
        holder.attribute().set(holder.entity(), replacement);
        changed.add(holder.attribute());
      }
      return changed;
    }

    @Override
    public int removeOwners(String uid) {
      List<Holder> held = find(uid);
      slots.removeIf(s -> held.stream().anyMatch(h -> h.entity() == s.entity()));
      return held.size();
    }

    @Override
    public List<Holder> find(String uid) {
      List<Holder> held = new ArrayList<>();
      for (Slot slot : slots) {
        Video video = slot.attribute().get(slot.entity());
        if (video != null && uid.equals(video.uid())) {
          held.add(new Holder(slot.entity(), slot.attribute(), video));
        }
      }
      return held;
    }
  }

  /** videokit's records of Cloudflare videos, in memory, with the JDBC store's rules. */
  static final class MemoryRecords implements CloudflareSyncRecords {
    private final Map<String, CloudflareVideoRecord> rows = new HashMap<>();
    private final Clock clock;

    MemoryRecords(Clock clock) {
      this.clock = clock;
    }

    CloudflareVideoRecord get(String uid) {
      return find(uid).orElseThrow(() -> new AssertionError("no record of " + uid));
    }

    void clear() {
      rows.clear();
    }

    private void insertIfAbsent(String uid, @Nullable String creator, @Nullable String replaces) {
      Instant now = clock.instant();
      rows.putIfAbsent(
          uid,
          new CloudflareVideoRecord(
              uid,
              creator,
              now,
              now,
              SyncState.PENDING,
              null,
              0,
              null,
              replaces,
              null,
              null,
              null));
    }

    private void change(String uid, UnaryOperator<CloudflareVideoRecord> change) {
      rows.computeIfPresent(uid, (k, r) -> change.apply(r));
    }

    @Override
    public Optional<CloudflareVideoRecord> find(String uid) {
      return Optional.ofNullable(rows.get(uid));
    }

    @Override
    public CloudflareVideoRecord getOrCreate(String uid) {
      insertIfAbsent(uid, null, null);
      return get(uid);
    }

    @Override
    public CloudflareVideoRecord countAttempt(String uid) {
      CloudflareVideoRecord r = getOrCreate(uid);
      boolean fresh =
          r.syncStarted() == null
              || r.syncState() != SyncState.SYNCING && r.syncState() != SyncState.PENDING;
      Instant now = clock.instant();
      rows.put(
          uid,
          new CloudflareVideoRecord(
              uid,
              r.creator(),
              r.created(),
              now,
              r.syncState(),
              r.syncNote(),
              fresh ? 1 : r.attempts() + 1,
              fresh ? now : r.syncStarted(),
              r.replacesUid(),
              r.clipUid(),
              r.clipRequested(),
              r.downloadRequested()));
      return get(uid);
    }

    @Override
    public void mark(String uid, SyncState state, @Nullable String note) {
      change(
          uid,
          r ->
              new CloudflareVideoRecord(
                  uid,
                  r.creator(),
                  r.created(),
                  clock.instant(),
                  state,
                  note,
                  r.attempts(),
                  r.syncStarted(),
                  r.replacesUid(),
                  r.clipUid(),
                  r.clipRequested(),
                  r.downloadRequested()));
    }

    @Override
    public void recordClip(String clipUid, CloudflareVideoRecord original) {
      insertIfAbsent(clipUid, original.creator(), original.uid());
      change(original.uid(), r -> withClip(r, clipUid, SyncState.TRIMMING));
    }

    private CloudflareVideoRecord withClip(
        CloudflareVideoRecord r, @Nullable String clipUid, SyncState state) {
      return new CloudflareVideoRecord(
          r.uid(),
          r.creator(),
          r.created(),
          clock.instant(),
          state,
          r.syncNote(),
          r.attempts(),
          r.syncStarted(),
          r.replacesUid(),
          clipUid,
          r.clipRequested(),
          r.downloadRequested());
    }

    @Override
    public void finishReplacement(String clipUid, String originalUid) {
      change(
          clipUid,
          r ->
              new CloudflareVideoRecord(
                  r.uid(),
                  r.creator(),
                  r.created(),
                  clock.instant(),
                  r.syncState(),
                  r.syncNote(),
                  r.attempts(),
                  r.syncStarted(),
                  null,
                  r.clipUid(),
                  r.clipRequested(),
                  r.downloadRequested()));
      change(originalUid, r -> withClip(r, null, r.syncState()));
    }

    @Override
    public Instant markClipRequested(String uid) {
      Instant now = clock.instant();
      change(uid, r -> requested(r, now, r.downloadRequested()));
      return now;
    }

    @Override
    public void clearClipRequested(String uid) {
      change(uid, r -> requested(r, null, r.downloadRequested()));
    }

    @Override
    public Instant markDownloadRequested(String uid) {
      Instant now = clock.instant();
      change(uid, r -> requested(r, r.clipRequested(), now));
      return now;
    }

    @Override
    public void clearDownloadRequested(String uid) {
      change(uid, r -> requested(r, r.clipRequested(), null));
    }

    private CloudflareVideoRecord requested(
        CloudflareVideoRecord r, @Nullable Instant clip, @Nullable Instant download) {
      return new CloudflareVideoRecord(
          r.uid(),
          r.creator(),
          r.created(),
          clock.instant(),
          r.syncState(),
          r.syncNote(),
          r.attempts(),
          r.syncStarted(),
          r.replacesUid(),
          r.clipUid(),
          clip,
          download);
    }
  }

  record ScheduledSync(String uid, Instant at, boolean urgent) {}

  /** The job queue, recording what was scheduled. */
  static final class RecordingJobs implements VideoAttributeJobs {
    final List<ScheduledSync> syncs = new ArrayList<>();
    final List<String> deletes = new ArrayList<>();

    @Override
    public void sync(String uid, Instant at, boolean urgent) {
      syncs.add(new ScheduledSync(uid, at, urgent));
    }

    @Override
    public void delete(String uid, String provider, Instant at) {
      deletes.add(uid);
    }
  }
}
