package io.videokit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.jpa.VideoAttributeSyncTest.Provider;
import io.videokit.jpa.VideoOrigins.Origin;
import io.videokit.video.provider.VideoProviders;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VideoOriginsTest {

  @Test
  void theFirstSourceThatKnowsAUidAnswers() {
    VideoOrigins local =
        uid ->
            uid.equals("aaaaaaaaaaaaaaaa")
                ? Optional.of(new Origin("local", "alice"))
                : Optional.empty();
    VideoOrigins hosted = uid -> Optional.of(new Origin("cloudflare", "bob"));

    VideoOrigins both = VideoOrigins.firstOf(List.of(local, hosted));

    assertThat(both.find("aaaaaaaaaaaaaaaa")).contains(new Origin("local", "alice"));
    assertThat(both.find("bbbbbbbbbbbbbbbb")).contains(new Origin("cloudflare", "bob"));
    assertThat(VideoOrigins.firstOf(List.of(local)).find("bbbbbbbbbbbbbbbb")).isEmpty();
  }

  @Test
  void aUidNobodyRecordedIsTheHostedProvidersElseTheDefault() {
    VideoProviders both =
        new VideoProviders(List.of(new Provider("local"), new Provider("cloudflare")), "local");
    VideoProviders onlyLocal = new VideoProviders(List.of(new Provider("local")), "local");

    assertThat(VideoOrigins.unrecordedUidProvider(both, "local")).isEqualTo("cloudflare");
    assertThat(VideoOrigins.unrecordedUidProvider(onlyLocal, "local")).isEqualTo("local");
  }
}
