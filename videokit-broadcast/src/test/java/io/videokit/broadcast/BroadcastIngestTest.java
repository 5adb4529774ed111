package io.videokit.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.videokit.broadcast.BroadcastException.Reason;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's contract with its ingests: open once and never again, close after a stored stop,
 * capabilities from the types an ingest implements, and the jobs (idle timeout, recordings).
 */
class BroadcastIngestTest {

  static final Instant START = Instant.parse("2026-12-01T20:00:00Z");

  @TempDir Path root;

  final InMemoryBroadcastStore<DefaultBroadcast> store =
      new InMemoryBroadcastStore<>(DefaultBroadcast::new);
  final AtomicReference<Instant> now = new AtomicReference<>(START);
  final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  final Requester alice = new Requester("alice", false);

  /** An RTMP-kind ingest that records what it is asked; only open and close. */
  static class Plain implements BroadcastIngest {
    final List<String> calls = new ArrayList<>();
    RuntimeException openFailure;

    @Override
    public EndpointKind kind() {
      return EndpointKind.RTMP;
    }

    @Override
    public OpenedIngest open(Broadcast broadcast, IngestRequest request) {
      calls.add("open " + broadcast.getId());
      if (openFailure != null) {
        throw openFailure;
      }
      return new OpenedIngest(
          new PublisherEndpoint(kind(), Map.of("url", "rtmp://host/live/key")),
          "https://cdn.example/" + broadcast.getId() + ".m3u8",
          "port-1935");
    }

    @Override
    public void close(Broadcast broadcast) {
      calls.add("close " + broadcast.getId() + " " + broadcast.getIngestReference());
    }
  }

  /** A Cloudflare-kind ingest that is monitored and records. */
  static class Recorded extends Plain implements MonitoredIngest, RecordingIngest {
    Optional<Instant> activity = Optional.empty();
    Recording recording = new Recording.Pending();

    @Override
    public EndpointKind kind() {
      return EndpointKind.CLOUDFLARE;
    }

    @Override
    public Optional<Instant> lastActivity(Broadcast broadcast) {
      return activity;
    }

    @Override
    public Recording recording(Broadcast broadcast) {
      calls.add("recording " + broadcast.getId());
      return recording;
    }
  }

  final Plain plain = new Plain();
  final Recorded recorded = new Recorded();

  BroadcastService<DefaultBroadcast> service() {
    return Fixtures.service(store, clock, root, 0, List.of(plain, recorded));
  }

  @Test
  void openIsCalledOnceAndItsAnswerIsKeptWithTheBroadcast() {
    var started = service().start("alice", "show", EndpointKind.RTMP);

    DefaultBroadcast b = started.broadcast();
    assertThat(plain.calls).containsExactly("open " + b.getId());
    assertThat(b.getPlaybackUrl()).isEqualTo("https://cdn.example/" + b.getId() + ".m3u8");
    assertThat(store.find(b.getId()).orElseThrow().getIngestReference()).isEqualTo("port-1935");
    assertThat(started.endpoint().toMap()).containsEntry("type", "RTMP");
    assertThat(started.endpoint().toSeedMap()).containsOnlyKeys("RTMP");
  }

  @Test
  void aFailedOpenEndsTheBroadcastAndIsNeverRepeated() {
    plain.openFailure = new IllegalStateException("connection reset after the request was sent");
    BroadcastService<DefaultBroadcast> service = service();

    assertThatThrownBy(() -> service.start("alice", "show", EndpointKind.RTMP))
        .isInstanceOfSatisfying(
            BroadcastException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.INGEST_FAILED);
              assertThat(e.getMessage()).doesNotContain("connection reset");
            });
    assertThat(plain.calls).hasSize(1);
    DefaultBroadcast left = store.list(null, null, 0, 10).get(0);
    assertThat(left.isLive()).as("nothing live is left behind").isFalse();
    assertThat(left.secretHash()).isNull();
    assertThat(service.list("alice", true, 0, 10).total()).isZero();
  }

  @Test
  void aRefusalOfTheIngestKeepsItsReason() {
    plain.openFailure = new BroadcastException(Reason.INGEST_FAILED, "STS refused: AccessDenied");

    assertThatThrownBy(() -> service().start("alice", "show", EndpointKind.RTMP))
        .hasMessage("STS refused: AccessDenied");
  }

  @Test
  void stopClosesTheEndpointOnceWithItsReference() {
    BroadcastService<DefaultBroadcast> service = service();
    String id = service.start("alice", "show", EndpointKind.RTMP).broadcast().getId();

    service.stop(id, alice);
    service.stop(id, alice);

    assertThat(plain.calls).containsExactly("open " + id, "close " + id + " port-1935");
  }

  @Test
  void onlyRefreshableIngestsRefresh() {
    BroadcastService<DefaultBroadcast> service = service();
    String id = service.start("alice", "show", EndpointKind.RTMP).broadcast().getId();

    assertThatThrownBy(() -> service.refresh(id, alice))
        .isInstanceOfSatisfying(
            BroadcastException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_KIND);
              assertThat(e.getMessage()).contains("RTMP").contains("cannot be refreshed");
            });
    String hls = service.start("alice", "hls", EndpointKind.HLS_PUT).broadcast().getId();
    assertThat(service.refresh(hls, alice).endpoint().setting("secret")).hasSize(43);
  }

  @Test
  void theOfferedKindsAreThoseWithAnIngest() {
    assertThat(service().supportedKinds()).isEqualTo("hls_put, rtmp, cloudflare");
    assertThatThrownBy(() -> service().start("alice", "show", EndpointKind.SRT))
        .hasMessageContaining("supported: hls_put, rtmp, cloudflare");
  }

  @Test
  void twoIngestsForOneKindOrNoneForTheDefaultAreConfigurationErrors() {
    assertThatThrownBy(() -> Fixtures.service(store, clock, root, 0, List.of(plain, new Plain())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two ingests serve RTMP");
  }

  @Test
  void idleBroadcastsOfMonitoredKindsAreStoppedAndOthersLeftAlone() {
    BroadcastService<DefaultBroadcast> service = service();
    BroadcastJobs jobs = new BroadcastJobs(service, clock);
    String monitored = service.start("alice", "cf", EndpointKind.CLOUDFLARE).broadcast().getId();
    String unmonitored = service.start("alice", "rtmp", EndpointKind.RTMP).broadcast().getId();

    now.set(START.plusSeconds(50));
    assertThat(jobs.stopIdle(Duration.ofSeconds(60))).isEmpty();
    recorded.activity = Optional.of(START.plusSeconds(40));
    now.set(START.plusSeconds(90));
    assertThat(jobs.stopIdle(Duration.ofSeconds(60)))
        .as("media 50 s ago is within the window")
        .isEmpty();
    now.set(START.plusSeconds(101));
    assertThat(jobs.stopIdle(Duration.ofSeconds(60))).containsExactly(monitored);

    assertThat(store.find(monitored).orElseThrow().isLive()).isFalse();
    assertThat(store.find(unmonitored).orElseThrow().isLive()).isTrue();
    assertThat(recorded.calls).contains("close " + monitored + " port-1935");
  }

  @Test
  void aPublisherThatNeverSentAnythingTimesOutFromTheStart() {
    BroadcastService<DefaultBroadcast> service = service();
    String id = service.start("alice", "hls", null).broadcast().getId();
    now.set(START.plusSeconds(61));

    assertThat(new BroadcastJobs(service, clock).stopIdle(Duration.ofSeconds(60)))
        .containsExactly(id);
  }

  @Test
  void recordingsAreCollectedOnceAndUnrecordedKindsSayWhy() {
    BroadcastService<DefaultBroadcast> service = service();
    BroadcastJobs jobs = new BroadcastJobs(service, clock);
    String cf = service.start("alice", "cf", EndpointKind.CLOUDFLARE).broadcast().getId();
    String rtmp = service.start("alice", "rtmp", EndpointKind.RTMP).broadcast().getId();
    service.stop(cf, alice);
    service.stop(rtmp, alice);

    assertThat(jobs.collectRecordings(Duration.ofHours(1), 10)).as("rtmp settles").isEqualTo(1);
    assertThat(store.find(rtmp).orElseThrow().getRecordingError())
        .isEqualTo("RTMP broadcasts are not recorded");
    assertThat(store.find(cf).orElseThrow().getRecordingUid()).isNull();

    recorded.recording = new Recording.Ready("0123456789abcdef0123456789abcdef");
    assertThat(jobs.collectRecordings(Duration.ofHours(1), 10)).isEqualTo(1);
    assertThat(store.find(cf).orElseThrow().getRecordingUid())
        .isEqualTo("0123456789abcdef0123456789abcdef");
    long asked = recorded.calls.stream().filter(c -> c.startsWith("recording")).count();
    assertThat(jobs.collectRecordings(Duration.ofHours(1), 10)).isZero();
    assertThat(recorded.calls.stream().filter(c -> c.startsWith("recording")).count())
        .as("a settled broadcast is not asked again")
        .isEqualTo(asked);
  }

  @Test
  void aRecordingStillPendingAfterTheTimeoutFails() {
    BroadcastService<DefaultBroadcast> service = service();
    String cf = service.start("alice", "cf", EndpointKind.CLOUDFLARE).broadcast().getId();
    service.stop(cf, alice);
    BroadcastJobs jobs = new BroadcastJobs(service, clock);

    now.set(START.plus(Duration.ofMinutes(30)));
    assertThat(jobs.collectRecordings(Duration.ofHours(1), 10)).isZero();
    now.set(START.plus(Duration.ofMinutes(61)));
    assertThat(jobs.collectRecordings(Duration.ofHours(1), 10)).isEqualTo(1);
    assertThat(store.find(cf).orElseThrow().getRecordingError())
        .isEqualTo("no recording within 60 min");
  }

  @Test
  void aThrowingRecorderFailsTheRecordingWithoutStoppingTheJob() {
    Recorded throwing =
        new Recorded() {
          @Override
          public Recording recording(Broadcast broadcast) {
            throw new IllegalStateException("ffmpeg exited with 1");
          }
        };
    BroadcastService<DefaultBroadcast> service =
        Fixtures.service(store, clock, root, 0, List.of(throwing));
    String cf = service.start("alice", "cf", EndpointKind.CLOUDFLARE).broadcast().getId();
    service.stop(cf, alice);

    assertThat(new BroadcastJobs(service, clock).collectRecordings(Duration.ofHours(1), 10))
        .isEqualTo(1);
    assertThat(store.find(cf).orElseThrow().getRecordingError())
        .isEqualTo("recording failed: ffmpeg exited with 1");
  }
}
