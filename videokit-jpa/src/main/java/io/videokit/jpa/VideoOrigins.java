package io.videokit.jpa;

import io.videokit.video.provider.VideoProviders;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a uid came from: which provider holds the video and who uploaded it, as each provider
 * recorded it (the self-hosted provider's video table; the Cloudflare creation proxy's records).
 * Read before a uid is attached to an entity, to name its provider and to apply the {@link
 * VideoAttachPolicy}.
 */
@FunctionalInterface
public interface VideoOrigins {

  /**
   * What is known of a uid.
   *
   * @param provider the name of the provider holding the video
   * @param uploader the principal that uploaded it through videokit, or null when unknown
   */
  record Origin(String provider, @Nullable String uploader) {}

  /**
   * Looks a uid up.
   *
   * @param uid the video's uid
   * @return its origin, or empty when no provider recorded it
   */
  Optional<Origin> find(String uid);

  /**
   * Asks several sources in order; the first that knows the uid answers.
   *
   * @param sources one per provider
   * @return the combined lookup
   */
  static VideoOrigins firstOf(List<VideoOrigins> sources) {
    List<VideoOrigins> copy = List.copyOf(sources);
    return uid -> {
      for (VideoOrigins source : copy) {
        Optional<Origin> found = source.find(uid);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    };
  }

  /**
   * The provider of a uid no provider recorded. A provider that records every video it holds (the
   * self-hosted one) would have answered, so such a uid is a hosted provider's — a Cloudflare video
   * uploaded outside videokit, say.
   *
   * @param providers the configured providers
   * @param recordingProvider the name of the provider that records all its videos
   * @return the first other configured provider, else the one for new uploads
   */
  static String unrecordedUidProvider(VideoProviders providers, String recordingProvider) {
    return providers.names().stream()
        .filter(name -> !name.equals(recordingProvider))
        .findFirst()
        .orElse(providers.forNewUploads().name());
  }
}
