package io.videokit.video.provider;

import io.videokit.video.Video;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A provider that ingests live broadcasts and records them as videos. */
public interface LiveInputProvider extends VideoProvider {

  /**
   * Creates a live input with recording on. A creating call.
   *
   * @param name a readable name, stored as the input's {@code meta.name}
   * @return the input, with its ingest URLs and keys (secrets: never log them)
   * @throws VideoProviderException if the provider refused
   */
  default LiveInput createLiveInput(String name) {
    return createLiveInput(name, Map.of());
  }

  /**
   * Creates a live input with recording on and metadata of the caller's (e.g. which broadcast it
   * serves). A creating call: sent once, never repeated once the provider may have acted on it.
   *
   * @param name a readable name, stored as the input's {@code meta.name}
   * @param meta more metadata stored with the input
   * @return the input, with its ingest endpoints and keys (secrets: never log them)
   * @throws VideoProviderException if the provider refused or answered something else than a live
   *     input
   */
  LiveInput createLiveInput(String name, Map<String, String> meta);

  /**
   * A live input's current state.
   *
   * @param id the input's identifier
   * @return the input, or empty when it does not exist
   * @throws VideoProviderException if the provider could not be asked
   */
  Optional<LiveInput> liveInput(String id);

  /**
   * The live inputs whose metadata holds the given entries, e.g. to find one whose creation was
   * answered by a lost or wrong answer.
   *
   * @param meta entries every returned input's metadata holds
   * @return their identifiers
   * @throws VideoProviderException if the provider could not be asked
   */
  List<String> liveInputIds(Map<String, String> meta);

  /**
   * Deletes a live input; its recordings stay videos.
   *
   * @param id the input's identifier
   * @return true if it existed
   * @throws VideoProviderException if the provider could not be asked
   */
  boolean deleteLiveInput(String id);

  /**
   * The recordings of a live input: videos of this provider, oldest first.
   *
   * @param id the input's identifier
   * @param createdAfter only videos created at or after this instant, or null for all
   * @return the videos recorded from that input (none yet: empty)
   * @throws VideoProviderException if the provider could not be asked
   */
  List<Video> liveInputVideos(String id, @Nullable Instant createdAfter);
}
