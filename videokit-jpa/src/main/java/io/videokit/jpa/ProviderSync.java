package io.videokit.jpa;

import java.time.Instant;
import java.util.Optional;

/**
 * A provider's own synchronisation of the attributes holding its videos, for providers with more to
 * do than fetch and store (Cloudflare's automatic trim and MP4 download). Providers without one are
 * synchronised by {@link VideoAttributeSync} itself.
 */
public interface ProviderSync {

  /**
   * The provider this synchronises.
   *
   * @return its name, e.g. {@code cloudflare}
   */
  String provider();

  /**
   * Whether this provider has its own record of a uid no attribute holds (yet): a video it is still
   * working on, such as a replacement clip.
   *
   * @param uid the video's uid
   * @return true when the step should be handed to this synchronisation
   */
  boolean knows(String uid);

  /**
   * One synchronisation step for a video of this provider.
   *
   * @param uid the video's uid
   * @return when to run the next step, or empty when nothing is left to do
   */
  Optional<Instant> step(String uid);

  /**
   * Deletes the video at the provider unless an attribute still holds it.
   *
   * @param uid the video's uid
   * @return true when it is gone or kept in use; false when the provider refused for good
   */
  boolean deleteIfUnused(String uid);
}
