package io.videokit.autoconfigure.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.broadcast.BroadcastService;
import io.videokit.broadcast.EndpointKind;
import io.videokit.broadcast.LiveInputIngest;
import io.videokit.broadcast.Requester;
import io.videokit.cloudflare.fake.FakeCloudflareStream;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** With the Cloudflare provider configured, broadcasts of kind CLOUDFLARE are live inputs. */
class CloudflareBroadcastTest {

  @TempDir Path data;

  FakeCloudflareStream fake;
  ConfigurableApplicationContext app;

  @BeforeEach
  void fake() {
    fake = FakeCloudflareStream.start();
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    fake.close();
  }

  @Test
  void aCloudflareBroadcastIsALiveInputDeletedOnStop() {
    // a cold fake compiles its schema on the first request: more than the app's 2 s timeout
    app = CloudflareApp.start("h2", fake, data, "videokit.cloudflare.request-timeout=20s");
    assertThat(app.getBeansOfType(LiveInputIngest.class)).hasSize(1);
    BroadcastService<?> broadcasts = app.getBean(BroadcastService.class);

    var started = broadcasts.start("alice", "show", EndpointKind.CLOUDFLARE);

    assertThat(started.endpoint().toMap()).containsKeys("rtmps", "srt", "webRTC");
    String uid = started.broadcast().getIngestReference();
    assertThat(fake.liveInputUids()).containsExactly(uid);
    broadcasts.stop(started.broadcast().getId(), new Requester("alice", false));
    assertThat(fake.liveInputUids()).isEmpty();
    fake.assertNoSchemaViolations();
  }
}
