package io.videokit.cloudflare;

import io.videokit.video.Video;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Live inputs: the RTMPS, SRT and WebRTC endpoints a broadcaster streams to. */
public interface CloudflareLiveInputs {

  /**
   * Creates a live input: {@code POST /accounts/{account_id}/stream/live_inputs}. Never repeated
   * once the request may have reached Cloudflare.
   *
   * @param request recording mode, creator, metadata
   * @return the live input with its RTMPS, SRT and WebRTC endpoints
   * @throws CloudflareException on failure
   */
  CloudflareLiveInput createLiveInput(LiveInputRequest request);

  /**
   * A live input: {@code GET /accounts/{account_id}/stream/live_inputs/{live_input_identifier}}.
   *
   * @param id the live input uid
   * @return the live input
   * @throws CloudflareException on failure (404 when it does not exist)
   */
  CloudflareLiveInput liveInput(String id);

  /**
   * Changes a live input: {@code PUT
   * /accounts/{account_id}/stream/live_inputs/{live_input_identifier}}.
   *
   * @param id the live input uid
   * @param request the new settings
   * @return the live input after the change
   * @throws CloudflareException on failure
   */
  CloudflareLiveInput updateLiveInput(String id, LiveInputRequest request);

  /**
   * Deletes a live input: {@code DELETE
   * /accounts/{account_id}/stream/live_inputs/{live_input_identifier}}.
   *
   * @param id the live input uid
   * @return true if deleted, false if it did not exist
   * @throws CloudflareException on failure
   */
  boolean deleteLiveInput(String id);

  /**
   * The account's live inputs: {@code GET /accounts/{account_id}/stream/live_inputs}.
   *
   * @return the live inputs (without secrets in list answers)
   * @throws CloudflareException on failure
   */
  List<CloudflareLiveInput> liveInputs();

  /**
   * The recordings of a live input: {@code GET /accounts/{account_id}/stream?type=live&asc=true}
   * (the schema has no per-input listing), keeping the videos whose {@code liveInput} is this
   * input's uid.
   *
   * @param id the live input uid
   * @param createdAfter only videos created at or after this instant ({@code start}), or null
   * @return the recordings, oldest first (at most one page of 1,000 live videos is read)
   * @throws CloudflareException on failure
   */
  List<Video> liveInputVideos(String id, @Nullable Instant createdAfter);
}
