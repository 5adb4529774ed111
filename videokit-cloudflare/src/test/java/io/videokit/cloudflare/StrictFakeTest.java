package io.videokit.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.cloudflare.fake.VideoSeed;
import io.videokit.video.Video;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client against the strict fake: what the schema requires is sent, and answers that are
 * schema-valid but wrong for the call (another uid, a string result, no uid in the clip answer) are
 * protocol errors, never taken at face value (issue 8).
 */
class StrictFakeTest extends FakeCloudflareTestSupport {

  /** No timing is tested here: a generous timeout keeps a loaded machine from failing it. */
  @Override
  CloudflareStreamClient client() {
    return clientBuilder().requestTimeout(Duration.ofSeconds(20)).build();
  }

  @Test
  void everyCallSendsTheBodyAndHeadersTheSchemaRequires() {
    CloudflareStreamClient client = client();
    String uid = fake.addVideo(VideoSeed.ready().duration(30));
    fake.downloadSteps(1);
    client.createDownload(uid);
    client.deleteDownloads(uid);
    SigningKey key = client.createSigningKey();
    assertThat(client.deleteSigningKey(key.id())).isTrue();
    client.registerWebhook(URI.create("https://example.com/hook"));
    assertThat(client.deleteWebhook()).isTrue();
    String input =
        client.createLiveInput(new LiveInputRequest(null, null, "off", 0, false, 30, true)).uid();
    assertThat(client.deleteLiveInput(input)).isTrue();
    assertThat(client.delete(uid)).isTrue();
    assertThat(client.delete(uid)).isFalse();
    assertEveryApiRequestSentTheBearerToken();
    fake.assertNoSchemaViolations();
  }

  @Test
  void aDetailsAnswerForAnotherUidIsAProtocolError() {
    String uid = fake.addReadyVideo();
    fake.otherUidNext(1);
    CloudflareProtocolException thrown =
        thrown(CloudflareProtocolException.class, () -> client().video(uid));
    assertThat(thrown.getMessage()).contains("another video");
    fake.otherUidNext(1);
    thrown(CloudflareProtocolException.class, () -> client().edit(uid, Map.of("meta", Map.of())));
    assertThat(client().video(uid).uid()).isEqualTo(uid);
    fake.assertNoSchemaViolations();
  }

  @Test
  void aStringWhereAnObjectIsDocumentedIsAProtocolError() {
    String uid = fake.addReadyVideo();
    fake.wrongTypeNext(1);
    thrown(CloudflareProtocolException.class, () -> client().video(uid));
    fake.wrongTypeNext(1);
    thrown(CloudflareProtocolException.class, () -> client().download(uid).orElseThrow());
  }

  @Test
  void randomSchemaValidValuesNeverBreakTheClientBeyondAProtocolError() {
    String uid = fake.addReadyVideo();
    for (int i = 0; i < 20; i++) {
      fake.randomValuesNext(1);
      try {
        Video video = client().video(uid);
        assertThat(video.uid()).isEqualTo(uid);
      } catch (CloudflareProtocolException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
    fake.assertNoSchemaViolations();
  }

  @Test
  void theClipUidIsTakenFromTheAnswersUrlsBecauseTheDocumentedAnswerHasNone() {
    String parent = fake.addVideo(VideoSeed.ready().duration(60));
    Video clip = client().clip(ClipRequest.firstSeconds(parent, 10));
    assertThat(requests("POST", "/clip").get(0).body()).contains(parent);
    assertThat(clip.uid()).isNotEqualTo(parent);
    assertThat(fake.videoUids()).contains(clip.uid());
    assertThat(client().video(clip.uid()).clippedFrom()).isEqualTo(parent);
    fake.assertNoSchemaViolations();
  }
}
