package io.videokit.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.videokit.broadcast.BroadcastException.Reason;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The broadcast rules on the in-memory store (no transactions needed). */
class BroadcastServiceTest {

  static final Instant START = Instant.parse("2026-12-01T20:15:30.123456Z");

  final InMemoryBroadcastStore<DefaultBroadcast> store =
      new InMemoryBroadcastStore<>(DefaultBroadcast::new);
  final Clock clock = Clock.fixed(START, ZoneOffset.UTC);
  final Requester alice = new Requester("alice", false);
  final Requester bob = new Requester("bob", false);
  final Requester admin = new Requester("admin", true);

  @TempDir Path root;

  BroadcastService<DefaultBroadcast> service(int cap) {
    return Fixtures.service(store, clock, root, cap);
  }

  @Test
  void startHandsOutAnHlsPutEndpointWithASecretStoredOnlyAsItsHash() {
    var started = service(0).start("Alice/../x", "Morning show", null);

    DefaultBroadcast b = started.broadcast();
    PublisherEndpoint endpoint = started.endpoint();
    assertThat(b.isLive()).isTrue();
    assertThat(b.getId()).matches("[0-9a-f]{32}");
    assertThat(b.getStoragePrefix()).isEqualTo("live/alice_.._x/" + b.getId() + "/");
    assertThat(b.getLiveManifest()).isEqualTo(b.getStoragePrefix() + "index.m3u8");
    assertThat(b.getEventManifest()).isEqualTo(b.getStoragePrefix() + "vod.m3u8");
    assertThat(endpoint.setting("url")).isEqualTo("/live/" + b.getId() + "/index.m3u8");
    assertThat(endpoint.setting("secret")).matches("[A-Za-z0-9_-]{43}");
    assertThat(endpoint.settings().get("headers"))
        .isEqualTo(Map.of("Authorization", "Bearer " + endpoint.setting("secret")));
    assertThat(endpoint.setting("ffmpeg"))
        .contains("-method PUT")
        .contains(endpoint.setting("url"));
    assertThat(b.secretHash())
        .isEqualTo(BroadcastService.hash(endpoint.setting("secret")))
        .doesNotContain(endpoint.setting("secret"));
    assertThat(b.toString())
        .doesNotContain(endpoint.setting("secret"))
        .doesNotContain(b.secretHash());
    assertThat(endpoint.toString()).doesNotContain(endpoint.setting("secret"));
    String json = JsonMapper.builder().build().writeValueAsString(b);
    assertThat(json).doesNotContain(endpoint.setting("secret")).doesNotContain(b.secretHash());
  }

  @Test
  void ownerSegmentNeverEscapesThePrefix() {
    assertThat(StoragePaths.segment("..")).isEqualTo("_.");
    assertThat(StoragePaths.segment("")).isEqualTo("_");
    assertThat(StoragePaths.segment("a/b\\c")).isEqualTo("a_b_c");
    assertThat(StoragePaths.segment("x".repeat(100))).hasSize(64);
  }

  @Test
  void onlyTheOwnerOrStaffStopAndStoppingTwiceIsHarmless() {
    BroadcastService<DefaultBroadcast> service = service(0);
    String id = service.start("alice", "show", null).broadcast().getId();

    assertThatThrownBy(() -> service.stop(id, bob))
        .isInstanceOfSatisfying(
            BroadcastException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN));
    assertThat(store.find(id).orElseThrow().isLive()).isTrue();

    DefaultBroadcast stopped = service.stop(id, alice);
    assertThat(stopped.isLive()).isFalse();
    assertThat(stopped.getStopDate()).isEqualTo(START);
    assertThat(stopped.secretHash()).as("the secret is revoked").isNull();
    assertThat(service.stop(id, admin).getStopDate()).isEqualTo(START);

    String other = service.start("alice", "two", null).broadcast().getId();
    assertThat(service.stop(other, admin).isLive()).isFalse();
  }

  @Test
  void unknownIdIsNotFound() {
    assertThatThrownBy(() -> service(0).stop("nope", admin))
        .isInstanceOfSatisfying(
            BroadcastException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
  }

  @Test
  void theCapOnLiveBroadcastsPerUserRefusesAndFreesOnStop() {
    BroadcastService<DefaultBroadcast> service = service(1);
    String first = service.start("alice", "one", null).broadcast().getId();

    assertThatThrownBy(() -> service.start("alice", "two", null))
        .isInstanceOfSatisfying(
            BroadcastException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.LIMIT_REACHED);
              assertThat(e.getMessage()).contains("at most 1");
            });
    assertThat(service.start("bob", "bob's", null).broadcast().isLive()).isTrue();
    service.stop(first, alice);
    assertThat(service.start("alice", "two", null).broadcast().isLive()).isTrue();
  }

  @Test
  void unsupportedKindsAreRefusedListingTheSupportedOnes() {
    assertThatThrownBy(() -> service(0).start("alice", "show", EndpointKind.RTMP))
        .isInstanceOfSatisfying(
            BroadcastException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_KIND);
              assertThat(e.getMessage()).contains("supported: hls_put");
            });
    assertThat(store.count(null, null)).isZero();
  }

  @Test
  void namesMustBeOneToTwoHundredCharacters() {
    assertThatThrownBy(() -> service(0).start("alice", " ", null))
        .isInstanceOf(BroadcastException.class);
    assertThatThrownBy(() -> service(0).start("alice", "x".repeat(201), null))
        .isInstanceOf(BroadcastException.class);
  }

  @Test
  void thePublisherIsAuthorizedByItsCurrentSecretOnlyWhileLive() {
    BroadcastService<DefaultBroadcast> service = service(0);
    var started = service.start("alice", "show", null);
    String id = started.broadcast().getId();
    String secret = started.endpoint().setting("secret");

    assertThat(service.authorizePublisher(id, secret)).isTrue();
    assertThat(service.authorizePublisher(id, secret + "x")).isFalse();
    assertThat(service.authorizePublisher("unknown", secret)).isFalse();

    assertThatThrownBy(() -> service.refresh(id, bob)).isInstanceOf(BroadcastException.class);
    String rotated = service.refresh(id, alice).endpoint().setting("secret");
    assertThat(rotated).isNotEqualTo(secret);
    assertThat(service.authorizePublisher(id, secret)).as("the old secret").isFalse();
    assertThat(service.authorizePublisher(id, rotated)).isTrue();

    service.stop(id, alice);
    assertThat(service.authorizePublisher(id, rotated)).isFalse();
    assertThatThrownBy(() -> service.refresh(id, alice))
        .isInstanceOfSatisfying(
            BroadcastException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_LIVE));
    assertThat(service.forViewer(id)).isPresent();
  }

  @Test
  void listsPagedAndFilteredByOwnerAndLive() {
    BroadcastService<DefaultBroadcast> service = service(0);
    String a = service.start("alice", "a", null).broadcast().getId();
    service.start("alice", "b", null);
    service.start("bob", "c", null);
    service.stop(a, alice);

    assertThat(service.list("alice", null, 0, 10).total()).isEqualTo(2);
    assertThat(service.list("alice", true, 0, 10).items())
        .extracting(Broadcast::getName)
        .containsExactly("b");
    assertThat(service.list(null, null, 0, 2).items()).hasSize(2);
    assertThat(service.list(null, null, 1, 2).items()).hasSize(1);
  }

  @Test
  void theSeedShapesAreByteCompatible() {
    BroadcastService<DefaultBroadcast> service = service(0);
    var started = service.startHlsStream("alice", "show");
    String id = started.broadcast().getId();
    JsonMapper json = JsonMapper.builder().build();

    Map<String, Object> start = SeedResponses.prepareStartHlsStreamResponse(started);
    String startJson = json.writeValueAsString(start);
    assertThat(startJson)
        .startsWith(
            "{\"stream\":{\"id\":\""
                + id
                + "\",\"name\":\"show\",\"start_date\":\"2026-12-01 20:15:30\"},"
                + "\"endpoint\":{\"HLS_PUT\":{\"url\":\"/live/"
                + id
                + "/index.m3u8\",\"secret\":\""
                + started.endpoint().setting("secret")
                + "\",\"headers\":{\"Authorization\":\"Bearer ");

    String stopJson =
        json.writeValueAsString(
            SeedResponses.prepareStopStreamResponse(service.stopStream(id, alice)));
    assertThat(stopJson)
        .isEqualTo(
            "{\"stream\":{\"id\":\""
                + id
                + "\",\"name\":\"show\",\"start_date\":\"2026-12-01 20:15:30\","
                + "\"stop_date\":\"2026-12-01 20:15:30\"}}");
  }
}
