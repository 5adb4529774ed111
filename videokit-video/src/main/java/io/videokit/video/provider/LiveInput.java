package io.videokit.video.provider;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A live input: where a broadcaster sends a stream.
 *
 * @param id the input's identifier
 * @param status e.g. {@code connected}, {@code disconnected}, or null before the first connection
 * @param ingest ingest URL per protocol ({@code rtmps}, {@code srt}, {@code webRTC}), each with its
 *     key or passphrase embedded as the provider documents it — secrets: never log them
 * @param endpoints the same per protocol as the provider answers it, field by field (e.g. {@code
 *     rtmps {url, streamKey}}, {@code srt {url, streamId, passphrase}}, {@code webRTC {url}}), in
 *     answer order — secrets: never log them
 * @param playbackUrl the live HLS manifest viewers play, or null when the provider names none
 */
public record LiveInput(
    String id,
    @Nullable String status,
    Map<String, String> ingest,
    Map<String, Map<String, String>> endpoints,
    @Nullable String playbackUrl) {

  /** Copies the maps, keeping the endpoints' order. */
  public LiveInput {
    ingest = Map.copyOf(ingest);
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    endpoints.forEach((protocol, fields) ->
        copy.put(protocol, Collections.unmodifiableMap(new LinkedHashMap<>(fields))));
    endpoints = Collections.unmodifiableMap(copy);
  }

  /**
   * A live input known only by its ingest URLs.
   *
   * @param id the input's identifier
   * @param status the connection status, or null
   * @param ingest ingest URL per protocol
   */
  public LiveInput(String id, @Nullable String status, Map<String, String> ingest) {
    this(id, status, ingest, Map.of(), null);
  }

  @Override
  public String toString() {
    return "LiveInput[id=" + id + ", status=" + status + ", ingest=" + ingest.keySet() + "]";
  }
}
