package io.videokit.video.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.videokit.video.Video;
import io.videokit.video.VideoPlayback;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Capabilities come from the types a provider implements. */
class VideoProvidersTest {

  /** Only the core. */
  static class Plain implements VideoProvider {
    private final String name;

    Plain(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public UploadTicket createUpload(UploadRequest request) {
      return new UploadTicket(URI.create("/u/1"), "0123456789abcdef", name);
    }

    @Override
    public Optional<Video> fetch(String uid) {
      return Optional.empty();
    }

    @Override
    public boolean delete(String uid) {
      return false;
    }

    @Override
    public VideoPlayback playback(Video video) {
      return new VideoPlayback(null, null, null);
    }
  }

  /** The core plus clipping. */
  static final class Clipping extends Plain implements ClippingProvider {
    Clipping(String name) {
      super(name);
    }

    @Override
    public Video clip(String uid, double startSeconds, double endSeconds) {
      return Video.ofUid("fedcba9876543210");
    }
  }

  @Test
  void capabilitiesAreTheInterfacesImplemented() {
    VideoProviders providers =
        new VideoProviders(List.of(new Plain("local"), new Clipping("hosted")), "local");

    assertThat(providers.capability("hosted", ClippingProvider.class)).isPresent();
    assertThat(providers.capability("local", ClippingProvider.class)).isEmpty();
    assertThat(providers.capability("hosted", DownloadingProvider.class)).isEmpty();
    assertThat(providers.capability("absent", ClippingProvider.class)).isEmpty();
    assertThat(VideoProviders.capabilitiesOf(new Clipping("x")))
        .containsExactly(ClippingProvider.class);
    assertThat(VideoProviders.capabilitiesOf(new Plain("x"))).isEmpty();
  }

  @Test
  void newUploadsGoToTheConfiguredProviderAndVideosToTheirOwn() {
    Plain local = new Plain("local");
    Clipping hosted = new Clipping("hosted");
    VideoProviders providers = new VideoProviders(List.of(local, hosted), "hosted");

    assertThat(providers.forNewUploads()).isSameAs(hosted);
    assertThat(providers.of(Video.ofUid("0123456789abcdef").withProvider("local")))
        .containsSame(local);
    assertThat(providers.of(Video.ofUid("0123456789abcdef"))).isEmpty();
    assertThat(providers.of(Video.ofUid("0123456789abcdef").withProvider("gone"))).isEmpty();
    assertThat(providers.names()).containsExactly("local", "hosted");
  }

  @Test
  void aMisconfigurationSaysWhatIsConfigured() {
    assertThatThrownBy(() -> new VideoProviders(List.of(new Plain("local")), "cloudflare"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("videokit.provider=cloudflare")
        .hasMessageContaining("configured providers: local");
    assertThatThrownBy(() -> new VideoProviders(List.of(new Plain("a"), new Plain("a")), "a"))
        .hasMessageContaining("two providers are named a");
    assertThatThrownBy(() -> new VideoProviders(List.of(new Plain("Bad Name")), "Bad Name"))
        .hasMessageContaining("lower-case");
  }
}
