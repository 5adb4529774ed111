package io.videokit.video.provider;

import java.util.Optional;

/** A provider that ingests live broadcasts and records them as videos. */
public interface LiveInputProvider extends VideoProvider {

  /**
   * Creates a live input with recording on. A creating call.
   *
   * @param name a readable name, stored as the input's {@code meta.name}
   * @return the input, with its ingest URLs and keys (secrets: never log them)
   * @throws VideoProviderException if the provider refused
   */
  LiveInput createLiveInput(String name);

  /**
   * A live input's current state.
   *
   * @param id the input's identifier
   * @return the input, or empty when it does not exist
   * @throws VideoProviderException if the provider could not be asked
   */
  Optional<LiveInput> liveInput(String id);

  /**
   * Deletes a live input; its recordings stay videos.
   *
   * @param id the input's identifier
   * @return true if it existed
   * @throws VideoProviderException if the provider could not be asked
   */
  boolean deleteLiveInput(String id);
}
