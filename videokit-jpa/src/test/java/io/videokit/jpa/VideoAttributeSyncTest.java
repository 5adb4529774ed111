package io.videokit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.videokit.jpa.AttributeHolders.Holder;
import io.videokit.jpa.VideoAttributes.Attribute;
import io.videokit.video.RetryPolicy;
import io.videokit.video.Video;
import io.videokit.video.VideoInput;
import io.videokit.video.VideoPlayback;
import io.videokit.video.VideoState;
import io.videokit.video.VideoStatus;
import io.videokit.video.event.VideoDeletedEvent;
import io.videokit.video.event.VideoReadyEvent;
import io.videokit.video.event.VideoUploadedEvent;
import io.videokit.video.provider.UploadRequest;
import io.videokit.video.provider.UploadTicket;
import io.videokit.video.provider.VideoProvider;
import io.videokit.video.provider.VideoProviderException;
import io.videokit.video.provider.VideoProviders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The provider-independent synchronisation without Spring, a database or HTTP: in-memory holders
 * and providers, a fixed clock.
 */
class VideoAttributeSyncTest {

  static final String UID = "0123456789abcdef0123456789abcdef";
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(T0.plusSeconds(40), ZoneOffset.UTC);
  static final RetryPolicy UNFINISHED =
      RetryPolicy.exponential(Duration.ofSeconds(2), Duration.ofMinutes(5), 1);

  /** Holders in memory: uid → values, one per holding entity. */
  static class Holders implements AttributeHolders {
    final Map<String, List<Video>> values = new HashMap<>();

    void hold(Video video) {
      values.computeIfAbsent(video.uid(), k -> new ArrayList<>()).add(video);
    }

    @Override
    public List<Attribute> update(String uid, UnaryOperator<Video> change) {
      List<Video> held = values.getOrDefault(uid, new ArrayList<>());
      held.replaceAll(change);
      return List.of();
    }

    @Override
    public Updated updateAndRead(String uid, UnaryOperator<Video> change) {
      update(uid, change);
      List<Video> held = values.getOrDefault(uid, List.of());
      return new Updated(List.of(), held.isEmpty() ? null : held.get(0));
    }

    @Override
    public List<Attribute> replace(String oldUid, Video replacement) {
      List<Video> held = values.remove(oldUid);
      if (held != null) {
        held.forEach(v -> hold(replacement));
      }
      return List.of();
    }

    @Override
    public int removeOwners(String uid) {
      List<Video> held = values.remove(uid);
      return held == null ? 0 : held.size();
    }

    @Override
    public List<Holder> find(String uid) {
      return values.getOrDefault(uid, List.of()).stream()
          .map(v -> new Holder(new Object(), null, v))
          .toList();
    }
  }

  /** A provider with videos in memory. */
  static final class Provider implements VideoProvider {
    final String name;
    final Map<String, Video> videos = new LinkedHashMap<>();
    final List<String> deleted = new ArrayList<>();
    @Nullable RuntimeException failure;

    Provider(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public UploadTicket createUpload(UploadRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Video> fetch(String uid) {
      if (failure != null) {
        throw failure;
      }
      return Optional.ofNullable(videos.get(uid));
    }

    @Override
    public boolean delete(String uid) {
      if (failure != null) {
        throw failure;
      }
      deleted.add(uid);
      return videos.remove(uid) != null;
    }

    @Override
    public VideoPlayback playback(Video video) {
      return new VideoPlayback(null, null, "/file");
    }
  }

  /** A provider's own synchronisation, recording what it was handed. */
  static final class OwnSync implements ProviderSync {
    final List<String> steps = new ArrayList<>();
    final List<String> deletions = new ArrayList<>();
    final AttributeHolders holders;
    @Nullable Video next;
    @Nullable Instant later;
    boolean knows;
    boolean deletes = true;

    OwnSync(AttributeHolders holders) {
      this.holders = holders;
    }

    @Override
    public String provider() {
      return "hosted";
    }

    @Override
    public boolean knows(String uid) {
      return knows;
    }

    @Override
    public Optional<Instant> step(String uid) {
      steps.add(uid);
      if (next != null) {
        Video answer = next;
        holders.update(uid, current -> answer);
      }
      return Optional.ofNullable(later);
    }

    @Override
    public boolean deleteIfUnused(String uid) {
      deletions.add(uid);
      return deletes;
    }
  }

  final Holders holders = new Holders();
  final Provider local = new Provider("local");
  final Provider hosted = new Provider("hosted");
  final List<Object> events = new ArrayList<>();
  // as wired: a provider's own synchronisation stores through holders that announce transitions
  final OwnSync own = new OwnSync(new LifecycleAnnouncingHolders(holders, events::add));

  VideoAttributeSync sync() {
    return new VideoAttributeSync(
        holders,
        new VideoProviders(List.of(local, hosted), "local"),
        List.of(own),
        UNFINISHED,
        events::add,
        CLOCK);
  }

  static Video queued(String provider) {
    return Video.uploaded(UID, provider, "alice", Map.of("name", "a.mp4"), 10, T0);
  }

  @Test
  void aSelfHostedVideoIsFetchedAndStoredInEveryHolderUntilItIsReady() {
    holders.hold(Video.ofUid(UID).withProvider("local"));
    holders.hold(Video.ofUid(UID).withProvider("local"));
    local.videos.put(UID, queued("local"));

    Optional<Instant> next = sync().step(UID);

    // 40 s old: a quarter of its age, 10 s
    assertThat(next).contains(CLOCK.instant().plusSeconds(10));
    assertThat(holders.values.get(UID))
        .allSatisfy(v -> assertThat(v.state()).contains(VideoState.QUEUED));

    local.videos.put(UID, queued("local").ready(3, new VideoInput(640, 360), T0.plusSeconds(30)));
    assertThat(sync().step(UID)).isEmpty();
    assertThat(holders.values.get(UID))
        .hasSize(2)
        .allSatisfy(v -> {
          assertThat(v.readyToStream()).isTrue();
          assertThat(v.provider()).isEqualTo("local");
        });
    assertThat(own.steps).isEmpty();
    assertThat(events).as("the self-hosted provider publishes its own events").isEmpty();
  }

  @Test
  void theScheduleIsAQuarterOfTheAgeWithinItsBounds() {
    holders.hold(Video.ofUid(UID).withProvider("local"));
    Video old = Video.uploaded(UID, "local", "alice", Map.of(), 10, T0.minus(Duration.ofDays(1)));
    local.videos.put(UID, old);

    assertThat(sync().step(UID)).contains(CLOCK.instant().plus(Duration.ofMinutes(5)));
  }

  @Test
  void aProviderWithItsOwnSyncGetsTheStepAndItsTransitionsBecomeEvents() {
    holders.hold(Video.ofUid(UID).withProvider("hosted"));
    own.next = queued("hosted").withStatus(VideoStatus.of(VideoState.IN_PROGRESS), T0);

    sync().step(UID);
    assertThat(own.steps).containsExactly(UID);
    assertThat(events).singleElement().isInstanceOf(VideoUploadedEvent.class);

    own.next = queued("hosted").ready(5, VideoInput.UNKNOWN, T0.plusSeconds(9));
    sync().step(UID);
    assertThat(events).hasSize(2).last().isInstanceOf(VideoReadyEvent.class);

    sync().step(UID);
    assertThat(events).as("no second ready for the same video").hasSize(2);
  }

  @Test
  void aFailedVideoOfAProviderWithItsOwnSyncIsAFailedEvent() {
    holders.hold(Video.ofUid(UID).withProvider("hosted"));
    own.next = queued("hosted").failed("ERR_NON_VIDEO", "not a video", T0.plusSeconds(5));

    sync().step(UID);

    assertThat(events)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("VideoUploadedEvent", "VideoFailedEvent");
  }

  @Test
  void aUidNoAttributeHoldsGoesToTheProviderThatKnowsIt() {
    own.knows = true;

    sync().step(UID);

    assertThat(own.steps).containsExactly(UID);
  }

  @Test
  void nothingHeldAndNobodyKnowsItMeansNothingToDo() {
    assertThat(sync().step(UID)).isEmpty();
    assertThat(own.steps).isEmpty();
  }

  @Test
  void aVideoGoneFromItsProviderOrNamingAnUnconfiguredOneStops() {
    holders.hold(Video.ofUid(UID).withProvider("local"));
    assertThat(sync().step(UID)).isEmpty();

    holders.values.clear();
    holders.hold(Video.ofUid(UID).withProvider("elsewhere"));
    assertThat(sync().step(UID)).isEmpty();
  }

  @Test
  void aProviderThatCannotBeAskedFailsTheStepSoTheJobRetries() {
    holders.hold(Video.ofUid(UID).withProvider("local"));
    local.failure = new VideoProviderException("down", true, new RuntimeException());

    assertThatThrownBy(() -> sync().step(UID)).isInstanceOf(VideoProviderException.class);
  }

  @Test
  void deletionWaitsWhileHeldThenDeletesAtTheNamedProvider() {
    local.videos.put(UID, queued("local"));
    holders.hold(queued("local"));
    assertThat(sync().deleteIfUnused(UID, "local")).isTrue();
    assertThat(local.deleted).isEmpty();

    holders.values.clear();
    assertThat(sync().deleteIfUnused(UID, "local")).isTrue();
    assertThat(local.deleted).containsExactly(UID);
    assertThat(hosted.deleted).isEmpty();
  }

  @Test
  void aDeletionAtAProviderWithItsOwnSyncIsHandedOverAndAnnounced() {
    assertThat(sync().deleteIfUnused(UID, "hosted")).isTrue();

    assertThat(own.deletions).containsExactly(UID);
    assertThat(events)
        .singleElement()
        .isInstanceOfSatisfying(
            VideoDeletedEvent.class, e -> assertThat(e.video().provider()).isEqualTo("hosted"));
  }

  @Test
  void aRefusedDeletionIsGivenUpAndATransientOneRetried() {
    local.failure = new VideoProviderException("no", false, new RuntimeException());
    assertThat(sync().deleteIfUnused(UID, "local")).isFalse();

    local.failure = new VideoProviderException("down", true, new RuntimeException());
    assertThatThrownBy(() -> sync().deleteIfUnused(UID, "local"))
        .isInstanceOf(VideoProviderException.class);

    assertThat(sync().deleteIfUnused(UID, "gone")).isFalse();
  }

  @Test
  void theMergeKeepsTheNewestTheProviderAndTheDownloadUrl() {
    Video stored =
        queued("local")
            .withStatus(VideoStatus.of(VideoState.IN_PROGRESS), T0.plusSeconds(20))
            .withMeta("download_url", "https://d/x.mp4");
    Video older = Video.fromMap(Map.of("uid", UID, "modified", T0.toString(), "status", Map.of()));
    Video newer =
        Video.fromMap(
            Map.of(
                "uid",
                UID,
                "modified",
                T0.plusSeconds(30).toString(),
                "status",
                Map.of("state", "ready")));

    assertThat(VideoAttributeSync.merge(stored, older)).isSameAs(stored);
    Video merged = VideoAttributeSync.merge(stored, newer);
    assertThat(merged.state()).contains(VideoState.READY);
    assertThat(merged.provider()).isEqualTo("local");
    assertThat(merged.downloadUrl()).isEqualTo("https://d/x.mp4");
    assertThat(VideoAttributeSync.merge(stored, Video.ofUid("fedcba9876543210"))).isSameAs(stored);
  }

  @Test
  void theOwnSyncsAnswersAreTheStepsAnswers() {
    holders.hold(Video.ofUid(UID).withProvider("hosted"));
    own.later = T0.plusSeconds(99);
    own.deletes = false;

    assertThat(sync().step(UID)).contains(T0.plusSeconds(99));
    holders.values.clear();
    assertThat(sync().deleteIfUnused(UID, "hosted")).isFalse();
    assertThat(events).as("a refused deletion is not announced").isEmpty();
  }

  @Test
  void aVideoStillWaitingForItsBytesIsNotUploaded() {
    Video waiting =
        Video.fromMap(
            Map.of("uid", UID, "provider", "hosted", "status", Map.of("state", "pendingupload")));
    holders.hold(waiting);
    own.next = waiting;

    sync().step(UID);

    assertThat(events).isEmpty();
  }

  @Test
  void transitionsAreJudgedFromTheNewestHolder() {
    Video older = queued("hosted");
    Video newer = older.withStatus(VideoStatus.of(VideoState.IN_PROGRESS), T0.plusSeconds(10));
    holders.hold(older.withStatus(VideoStatus.of(VideoState.PENDING_UPLOAD), T0));
    holders.hold(newer);
    own.next = newer;

    sync().step(UID);

    assertThat(events).as("the newest holder was uploaded already").isEmpty();
  }
}
