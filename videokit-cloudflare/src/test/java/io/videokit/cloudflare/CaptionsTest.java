package io.videokit.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.videokit.cloudflare.fake.RecordedRequest;
import io.videokit.cloudflare.fake.VideoSeed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Captions and subtitles: upload (multipart WebVTT), list, generate, delete (issue 8). */
class CaptionsTest extends FakeCloudflareTestSupport {

  private static final byte[] VTT =
      "WEBVTT\n\n00:00.000 --> 00:02.000\nMerhaba\n".getBytes(StandardCharsets.UTF_8);

  @Override
  CloudflareStreamClient client() {
    return clientBuilder().requestTimeout(Duration.ofSeconds(20)).build();
  }

  @Test
  void aWebVttFileIsUploadedPerLanguageListedAndDeleted() {
    CloudflareStreamClient client = client();
    String uid = fake.addReadyVideo();

    Caption turkish = client.uploadCaption(uid, "tr", VTT);
    assertThat(turkish).isEqualTo(new Caption("tr", "Türkçe", false, "ready"));
    RecordedRequest put = requests("PUT", "/" + uid + "/captions/tr").get(0);
    assertThat(put.header("Content-Type").orElseThrow())
        .startsWith("multipart/form-data; boundary=");
    assertThat(client.uploadCaption(uid, "pt-BR", VTT).language()).isEqualTo("pt-BR");

    assertThat(client.captions(uid)).extracting(Caption::language).containsExactly("tr", "pt-BR");
    assertThat(client.deleteCaption(uid, "tr")).isTrue();
    assertThat(client.deleteCaption(uid, "tr")).isFalse();
    assertThat(client.captions(uid)).extracting(Caption::language).containsExactly("pt-BR");
    fake.assertNoSchemaViolations();
  }

  @Test
  void generatedCaptionsStartInProgressAndBecomeReady() {
    CloudflareStreamClient client = client();
    String uid = fake.addReadyVideo();
    Caption started = client.generateCaption(uid, "en");
    assertThat(started.generated()).isTrue();
    assertThat(started.isReady()).isFalse();
    assertThat(client.captions(uid))
        .singleElement()
        .satisfies(c -> assertThat(c.label()).isEqualTo("English"));
    assertThat(client.captions(uid))
        .singleElement()
        .satisfies(c -> assertThat(c.isReady()).isTrue());
    String queued = fake.addVideo(VideoSeed.inState("queued"));
    CloudflareApiException notReady =
        thrown(CloudflareApiException.class, () -> client.generateCaption(queued, "en"));
    assertThat(notReady.status()).isEqualTo(400);
    fake.assertNoSchemaViolations();
  }

  @Test
  void badInputIsRefusedBeforeAnyCallAndUnknownVideosAre404() {
    CloudflareStreamClient client = client();
    String uid = fake.addReadyVideo();
    assertThatThrownBy(() -> client.uploadCaption(uid, "en/../x", VTT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() ->
            client.uploadCaption(
                uid, "en", "1\n00:00 --> 00:01\nhi".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WebVTT");
    assertThat(apiRequests()).isEmpty();
    CloudflareApiException missing =
        thrown(
            CloudflareApiException.class,
            () -> client.captions("0123456789abcdef0123456789abcdef"));
    assertThat(missing.isNotFound()).isTrue();
  }

  @Test
  void aCaptionAnswerOfTheWrongTypeIsAProtocolError() {
    String uid = fake.addReadyVideo();
    fake.wrongTypeNext(1);
    thrown(CloudflareProtocolException.class, () -> client().captions(uid));
    fake.wrongTypeNext(1);
    thrown(CloudflareProtocolException.class, () -> client().uploadCaption(uid, "en", VTT));
  }
}
