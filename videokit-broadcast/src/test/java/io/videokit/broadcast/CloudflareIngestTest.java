package io.videokit.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.videokit.cloudflare.CloudflareStreamClient;
import io.videokit.cloudflare.CloudflareVideoProvider;
import io.videokit.cloudflare.SignedUrls;
import io.videokit.cloudflare.fake.FakeCloudflareStream;
import io.videokit.cloudflare.fake.VideoSeed;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link EndpointKind#CLOUDFLARE} kind against the strict Cloudflare Stream fake. */
class CloudflareIngestTest {

  private static final String LIVE_INPUTS = ".+/stream/live_inputs";

  final InMemoryBroadcastStore<DefaultBroadcast> store =
      new InMemoryBroadcastStore<>(DefaultBroadcast::new);
  final Requester alice = new Requester("alice", false);
  final Clock clock = Clock.systemUTC();

  @TempDir Path root;

  FakeCloudflareStream fake;
  BroadcastService<DefaultBroadcast> service;
  LiveInputIngest ingest;

  @BeforeEach
  void start() {
    fake = FakeCloudflareStream.start();
    CloudflareStreamClient client =
        CloudflareStreamClient.builder()
            .accountId(fake.accountId())
            .apiToken(fake.apiToken())
            .baseUri(URI.create(fake.baseUrl()))
            .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
            .maxAttempts(3)
            .build();
    CloudflareVideoProvider provider =
        new CloudflareVideoProvider(client, SignedUrls.viaApi(client), clock);
    ingest = new LiveInputIngest(provider, EndpointKind.CLOUDFLARE);
    service = Fixtures.service(store, clock, root, 0, List.of(ingest));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void startHandsOutTheLiveInputsEndpointsAndItsHlsManifest() {
    var started = service.start("alice", "Morning show", EndpointKind.CLOUDFLARE);

    String uid = started.broadcast().getIngestReference();
    assertThat(fake.liveInputUids()).containsExactly(uid);
    Map<String, Object> settings = started.endpoint().toMap();
    assertThat(settings).containsEntry("type", "CLOUDFLARE");
    assertThat(settings.keySet()).containsExactly("type", "rtmps", "srt", "webRTC");
    assertThat(settings.get("rtmps"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsOnlyKeys("url", "streamKey")
        .containsEntry("url", "rtmps://live.cloudflare.com:443/live/");
    assertThat(settings.get("srt"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsOnlyKeys("url", "streamId", "passphrase");
    assertThat(settings.get("webRTC"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsOnlyKeys("url");
    assertThat(started.broadcast().getPlaybackUrl())
        .isEqualTo("https://" + fake.customerHost() + "/" + uid + "/manifest/video.m3u8");
    // created with recording on, named after the broadcast, the broadcast's id in meta
    String body =
        fake.requests().stream()
            .filter(r -> r.method().equals("POST") && r.path().matches(LIVE_INPUTS))
            .findFirst()
            .orElseThrow()
            .body();
    assertThat(body)
        .contains("\"mode\":\"automatic\"")
        .contains("\"name\":\"Morning show\"")
        .contains("\"" + LiveInputIngest.BROADCAST_META + "\":\"" + started.broadcast().getId());
    assertThat(started.endpoint().toString())
        .doesNotContain(String.valueOf(((Map<?, ?>) settings.get("rtmps")).get("streamKey")));
    fake.assertNoSchemaViolations();
  }

  @Test
  void stopDeletesTheLiveInputAndAGoneInputIsHarmless() {
    var started = service.start("alice", "show", EndpointKind.CLOUDFLARE);
    String uid = started.broadcast().getIngestReference();

    service.stop(started.broadcast().getId(), alice);

    assertThat(fake.liveInputUids()).doesNotContain(uid);
    // closing again: the input is gone (404) and that is fine
    ingest.close(store.find(started.broadcast().getId()).orElseThrow());
    assertThat(fake.requestCount("DELETE", LIVE_INPUTS + "/" + uid)).isEqualTo(2);
    fake.assertNoSchemaViolations();
  }

  @Test
  void theRecordingIsTheInputsReadyVideo() {
    var started = service.start("alice", "show", EndpointKind.CLOUDFLARE);
    String uid = started.broadcast().getIngestReference();
    service.stop(started.broadcast().getId(), alice);
    DefaultBroadcast stopped = store.find(started.broadcast().getId()).orElseThrow();
    fake.addReadyVideo(); // a video of no live input: not this recording
    assertThat(ingest.recording(stopped)).isEqualTo(new Recording.Pending());

    String recording = fake.addVideo(VideoSeed.inState("inprogress").liveInput(uid));
    assertThat(ingest.recording(stopped)).isEqualTo(new Recording.Pending());

    fake.completeProcessing(recording);
    assertThat(ingest.recording(stopped)).isEqualTo(new Recording.Ready(recording));

    new BroadcastJobs(service, clock).collectRecordings(Duration.ofHours(6), 10);
    assertThat(store.find(stopped.getId()).orElseThrow().getRecordingUid()).isEqualTo(recording);
    fake.assertNoSchemaViolations();
  }

  @Test
  void anErroredRecordingFails() {
    var started = service.start("alice", "show", EndpointKind.CLOUDFLARE);
    String uid = started.broadcast().getIngestReference();
    fake.addVideo(VideoSeed.inState("error").error("ERR_UNKNOWN", "broken").liveInput(uid));

    assertThat(ingest.recording(started.broadcast()))
        .isInstanceOfSatisfying(
            Recording.Failed.class, f -> assertThat(f.reason()).contains("ERR_UNKNOWN"));
  }

  @Test
  void anAnswerAboutAnotherInputFailsTheStartAndEndsTheBroadcast() {
    fake.otherUidNext(1);

    assertThatThrownBy(() -> service.start("alice", "show", EndpointKind.CLOUDFLARE))
        .isInstanceOfSatisfying(
            BroadcastException.class,
            e -> assertThat(e.reason()).isEqualTo(BroadcastException.Reason.INGEST_FAILED));

    assertEnded();
    assertThat(fake.requestCount("POST", LIVE_INPUTS)).isEqualTo(1);
    // the input Cloudflare did create is found by the broadcast id in its meta and deleted
    assertThat(fake.liveInputUids()).isEmpty();
    fake.assertNoSchemaViolations();
  }

  @Test
  void anAnswerWithoutUidFailsTheStart() {
    fake.wireMock()
        .stubFor(
            com.github.tomakehurst.wiremock.client.WireMock.post(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(LIVE_INPUTS))
                .willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":"
                            + "{\"rtmps\":{\"url\":\"rtmps://live.cloudflare.com:443/live/\","
                            + "\"streamKey\":\"k\"}}}")));

    assertThatThrownBy(() -> service.start("alice", "show", EndpointKind.CLOUDFLARE))
        .isInstanceOfSatisfying(
            BroadcastException.class,
            e -> assertThat(e.reason()).isEqualTo(BroadcastException.Reason.INGEST_FAILED));
    assertEnded();
  }

  @Test
  void anAnswerWithoutRtmpsFailsTheStartAndHandsNothingOut() {
    fake.wireMock()
        .stubFor(
            com.github.tomakehurst.wiremock.client.WireMock.post(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(LIVE_INPUTS))
                .willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":"
                            + "{\"uid\":\"66be4bf738797e01e1fca35a7bdecdcd\","
                            + "\"srt\":{\"url\":\"srt://live.cloudflare.com:778\"}}}")));

    assertThatThrownBy(() -> service.start("alice", "show", EndpointKind.CLOUDFLARE))
        .isInstanceOfSatisfying(
            BroadcastException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(BroadcastException.Reason.INGEST_FAILED);
              assertThat(e.getMessage()).contains("RTMPS");
            });
    assertEnded();
  }

  @Test
  void aServerErrorOnCreateIsNotRepeated() {
    fake.failNext(1, 503);

    assertThatThrownBy(() -> service.start("alice", "show", EndpointKind.CLOUDFLARE))
        .isInstanceOfSatisfying(
            BroadcastException.class,
            e -> assertThat(e.reason()).isEqualTo(BroadcastException.Reason.INGEST_FAILED));

    assertThat(fake.requestCount("POST", LIVE_INPUTS)).isEqualTo(1);
    assertEnded();
  }

  private void assertEnded() {
    var all = service.list("alice", null, 0, 10).items();
    assertThat(all).hasSize(1);
    assertThat(all.get(0).isLive()).isFalse();
    assertThat(all.get(0).getIngestReference()).isNull();
  }
}
