package io.videokit.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The self-hosted provider's transitions, written in Cloudflare's shape. */
class VideoLifecycleTest {

  private static final String UID = "0123456789abcdef0123456789abcdef";
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-12-01T10:00:05.5Z");

  private final JsonMapper json = JsonMapper.builder().build();

  private static Video uploaded() {
    return Video.uploaded(UID, "local", "alice", Map.of("name", "a.mp4"), 1234, T0);
  }

  @Test
  void anUploadedVideoIsQueuedAndNamesItsProvider() {
    Video video = uploaded();

    assertThat(video.uid()).isEqualTo(UID);
    assertThat(video.provider()).isEqualTo("local");
    assertThat(video.creator()).isEqualTo("alice");
    assertThat(video.state()).contains(VideoState.QUEUED);
    assertThat(video.isSynced()).isTrue();
    assertThat(video.isTerminal()).isFalse();
    assertThat(video.readyToStream()).isFalse();
    assertThat(video.size()).isEqualTo(1234);
    assertThat(video.created()).isEqualTo(T0);
    assertThat(video.uploaded()).isEqualTo(T0);
    assertThat(video.duration()).isEqualTo(-1);
    assertThat(video.input()).isEqualTo(VideoInput.UNKNOWN);
    assertThat(video.metaString("name")).isEqualTo("a.mp4");
  }

  @Test
  void readyWritesCloudflaresStatusShape() {
    Video ready = uploaded().ready(12.5, new VideoInput(1920, 1080), T1);

    assertThat(ready.state()).contains(VideoState.READY);
    assertThat(ready.readyToStream()).isTrue();
    assertThat(ready.readyToStreamAt()).isEqualTo(T1);
    assertThat(ready.modified()).isEqualTo(T1);
    assertThat(ready.duration()).isEqualTo(12.5);
    assertThat(ready.input()).isEqualTo(new VideoInput(1920, 1080));
    assertThat(ready.toMap().get("status"))
        .isEqualTo(Map.of("state", "ready", "pctComplete", "100.000000"));
    assertThat(ready.status().pctComplete()).isEqualTo(100.0);
  }

  @Test
  void failedKeepsCodeAndTextAndIsNotPlayable() {
    Video failed = uploaded().failed(VideoErrors.NON_VIDEO, "not a video", T1);

    assertThat(failed.state()).contains(VideoState.ERROR);
    assertThat(failed.isTerminal()).isTrue();
    assertThat(failed.readyToStream()).isFalse();
    assertThat(failed.readyToStreamAt()).isNull();
    assertThat(failed.status().errorReasonCode()).isEqualTo("ERR_NON_VIDEO");
    assertThat(failed.status().errorReasonText()).isEqualTo("not a video");
  }

  @Test
  void aVideoFromItsUidAloneHasNoProviderUntilTold() {
    Video video = Video.ofUid(UID);

    assertThat(video.provider()).isNull();
    assertThat(video.withProvider("cloudflare").provider()).isEqualTo("cloudflare");
    assertThat(video.withProvider("cloudflare").uid()).isEqualTo(UID);
  }

  @Test
  void playbackIncludesTheSelfHostedFile() {
    Video video = uploaded().withPlayback(new VideoPlayback(null, null, "/api/videos/x/file"));

    assertThat(video.playback()).isEqualTo(new VideoPlayback(null, null, "/api/videos/x/file"));
    assertThat(video.toMap().get("playback")).isEqualTo(Map.of("file", "/api/videos/x/file"));
  }

  @Test
  void roundTripsThroughJsonUnchanged() {
    Video ready = uploaded().ready(3, new VideoInput(640, 360), T1);

    Video read = json.readValue(json.writeValueAsString(ready), Video.class);

    assertThat(read).isEqualTo(ready);
    assertThat(read.created()).isEqualTo(T0);
  }

  @Test
  void readsDocumentsWrittenWithEpochSecondTimestamps() {
    Video old =
        Video.fromMap(
            Map.of("uid", UID, "created", 1764583200.25, "status", Map.of("state", "ready")));

    assertThat(old.created()).isEqualTo(Instant.parse("2025-12-01T10:00:00.250Z"));
  }

  @Test
  void anInvalidUidIsRefusedEverywhere() {
    assertThatThrownBy(() -> Video.uploaded("../x", "local", "a", Map.of(), 1, T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Video.requireValidUid("short"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
