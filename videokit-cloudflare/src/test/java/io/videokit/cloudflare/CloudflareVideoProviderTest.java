package io.videokit.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.videokit.video.Video;
import io.videokit.video.VideoPlayback;
import io.videokit.video.VideoState;
import io.videokit.video.provider.CaptionsProvider;
import io.videokit.video.provider.ClippingProvider;
import io.videokit.video.provider.DownloadingProvider;
import io.videokit.video.provider.LiveInput;
import io.videokit.video.provider.LiveInputProvider;
import io.videokit.video.provider.SignedPlaybackProvider;
import io.videokit.video.provider.UploadRequest;
import io.videokit.video.provider.UploadTicket;
import io.videokit.video.provider.VideoProviderException;
import io.videokit.video.provider.VideoProviders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Cloudflare provider through the provider SPI, against the strict fake. */
class CloudflareVideoProviderTest extends FakeCloudflareTestSupport {

  private CloudflareVideoProvider provider() {
    CloudflareStreamClient client = clientBuilder().build();
    return new CloudflareVideoProvider(client, SignedUrls.viaApi(client), Clock.systemUTC());
  }

  @Test
  void offersEveryCapabilityByItsTypes() {
    assertThat(VideoProviders.capabilitiesOf(provider()))
        .containsExactly(
            ClippingProvider.class,
            DownloadingProvider.class,
            SignedPlaybackProvider.class,
            CaptionsProvider.class,
            LiveInputProvider.class);
  }

  @Test
  void anUploadIsADirectCreatorUploadAndTheVideoNamesItsProvider() {
    CloudflareVideoProvider provider = provider();

    UploadTicket ticket =
        provider.createUpload(new UploadRequest(1024, "alice", Map.of("name", "a.mp4"), 60));

    assertThat(ticket.provider()).isEqualTo("cloudflare");
    assertThat(ticket.location().getPort()).isEqualTo(fake.port());
    assertThat(ticket.location().getPath()).contains(ticket.uid());
    assertThat(Video.isValidUid(ticket.uid())).isTrue();
    Video video = provider.fetch(ticket.uid()).orElseThrow();
    assertThat(video.uid()).isEqualTo(ticket.uid());
    assertThat(video.provider()).isEqualTo("cloudflare");
    assertThat(video.state()).contains(VideoState.PENDING_UPLOAD);
    fake.assertNoSchemaViolations();
  }

  @Test
  void fetchAnswersEmptyForAnUnknownVideoAndDeleteIsIdempotent() {
    CloudflareVideoProvider provider = provider();
    String uid = fake.addReadyVideo();

    assertThat(provider.fetch(uid).orElseThrow().readyToStream()).isTrue();
    assertThat(provider.delete(uid)).isTrue();
    assertThat(provider.fetch(uid)).isEmpty();
    assertThat(provider.delete(uid)).isFalse();
  }

  @Test
  void playbackIsTheVideosManifestsAndSignedPlaybackReplacesTheUidByAToken() {
    CloudflareVideoProvider provider = provider();
    Video video = provider.fetch(fake.addReadyVideo()).orElseThrow();

    VideoPlayback playback = provider.playback(video);
    VideoPlayback signed = provider.signedPlayback(video, Duration.ofMinutes(5));

    assertThat(playback.hls()).contains(video.uid()).endsWith(".m3u8");
    assertThat(signed.hls()).doesNotContain(video.uid()).endsWith(".m3u8");
    assertThatThrownBy(() -> provider.signedPlayback(video, Duration.ofDays(2)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void downloadsClipsCaptionsAndLiveInputsGoThroughTheClient() {
    CloudflareVideoProvider provider = provider();
    String uid = fake.addReadyVideo();

    assertThat(provider.createDownload(uid).state()).isIn("inprogress", "ready");
    assertThat(provider.download(uid)).isPresent();
    Video clip = provider.clip(uid, 0, 1);
    assertThat(clip.uid()).isNotEqualTo(uid);
    assertThat(clip.provider()).isEqualTo("cloudflare");
    byte[] vtt = "WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n".getBytes(StandardCharsets.UTF_8);
    assertThat(provider.putCaption(uid, "en", vtt).language()).isEqualTo("en");
    assertThat(provider.captions(uid)).extracting(c -> c.language()).containsExactly("en");
    assertThat(provider.deleteCaption(uid, "en")).isTrue();
    LiveInput input = provider.createLiveInput("morning show");
    assertThat(input.ingest()).containsKey("rtmps");
    assertThat(input.toString()).doesNotContain(input.ingest().get("rtmps"));
    assertThat(provider.liveInput(input.id())).isPresent();
    assertThat(provider.deleteLiveInput(input.id())).isTrue();
    assertThat(provider.liveInput(input.id())).isEmpty();
    fake.assertNoSchemaViolations();
  }

  @Test
  void failuresSayWhetherToTryAgain() {
    CloudflareVideoProvider provider = provider();
    String uid = fake.addReadyVideo();

    fake.failNext(MAX_ATTEMPTS, 503);
    assertThatThrownBy(() -> provider.fetch(uid))
        .isInstanceOfSatisfying(
            VideoProviderException.class, e -> assertThat(e.isRetryable()).isTrue());
    fake.failNext(1, 400);
    assertThatThrownBy(() -> provider.delete(uid))
        .isInstanceOfSatisfying(
            VideoProviderException.class, e -> assertThat(e.isRetryable()).isFalse());
    fake.otherUidNext(1);
    assertThatThrownBy(() -> provider.fetch(uid)).isInstanceOf(VideoProviderException.class);
  }
}
