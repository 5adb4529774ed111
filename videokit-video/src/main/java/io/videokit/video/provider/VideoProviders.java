package io.videokit.video.provider;

import io.videokit.video.Video;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The configured providers, by name, and the one new uploads go to ({@code videokit.provider}). A
 * video remembers its provider, so videos of several providers coexist (during a migration, say).
 *
 * <p>Capabilities are derived from types: {@code capability("cloudflare", ClippingProvider.class)}
 * is present exactly when that provider implements {@link ClippingProvider}.
 */
public final class VideoProviders {

  /** The optional capability interfaces, in the order they are listed. */
  public static final List<Class<? extends VideoProvider>> CAPABILITIES =
      List.of(
          ClippingProvider.class,
          DownloadingProvider.class,
          SignedPlaybackProvider.class,
          CaptionsProvider.class,
          LiveInputProvider.class);

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,31}");

  private final Map<String, VideoProvider> byName;
  private final VideoProvider forNewUploads;

  /**
   * The registry.
   *
   * @param providers every configured provider, each with a distinct name
   * @param forNewUploads the name of the provider new uploads go to
   * @throws IllegalArgumentException if names collide or are malformed, or {@code forNewUploads}
   *     names no configured provider (the message lists the configured ones)
   */
  public VideoProviders(Collection<? extends VideoProvider> providers, String forNewUploads) {
    Map<String, VideoProvider> map = new LinkedHashMap<>();
    for (VideoProvider provider : providers) {
      String name = provider.name();
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "a provider name is 1-32 lower-case letters or digits: " + name);
      }
      if (map.putIfAbsent(name, provider) != null) {
        throw new IllegalArgumentException("two providers are named " + name);
      }
    }
    VideoProvider selected = map.get(forNewUploads);
    if (selected == null) {
      throw new IllegalArgumentException(
          "videokit.provider="
              + forNewUploads
              + " is not configured; configured providers: "
              + String.join(", ", map.keySet()));
    }
    this.byName = java.util.Collections.unmodifiableMap(map);
    this.forNewUploads = selected;
  }

  /**
   * The provider new uploads go to.
   *
   * @return the provider named by {@code videokit.provider}
   */
  public VideoProvider forNewUploads() {
    return forNewUploads;
  }

  /**
   * A provider by name.
   *
   * @param name e.g. {@code cloudflare}
   * @return the provider, or empty when not configured
   */
  public Optional<VideoProvider> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The provider holding a video.
   *
   * @param video a video whose {@code provider} field is set
   * @return its provider, or empty when the field is missing or names a provider not configured
   */
  public Optional<VideoProvider> of(Video video) {
    String name = video.provider();
    return name == null ? Optional.empty() : get(name);
  }

  /**
   * The names of the configured providers.
   *
   * @return in configuration order
   */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /**
   * A capability of a provider, if it has it.
   *
   * @param name the provider's name
   * @param capability one of {@link #CAPABILITIES}
   * @param <T> the capability's type
   * @return the provider as that capability, or empty when it is not configured or lacks it
   */
  public <T extends VideoProvider> Optional<T> capability(String name, Class<T> capability) {
    return get(name).filter(capability::isInstance).map(capability::cast);
  }

  /**
   * What a provider can do beyond the core.
   *
   * @param provider any provider
   * @return the capability interfaces it implements, in {@link #CAPABILITIES} order
   */
  public static List<Class<? extends VideoProvider>> capabilitiesOf(VideoProvider provider) {
    List<Class<? extends VideoProvider>> found = new ArrayList<>();
    for (Class<? extends VideoProvider> capability : CAPABILITIES) {
      if (capability.isInstance(provider)) {
        found.add(capability);
      }
    }
    return found;
  }
}
