package io.videokit.video.provider;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A live input: where a broadcaster sends a stream.
 *
 * @param id the input's identifier
 * @param status e.g. {@code connected}, {@code disconnected}, or null before the first connection
 * @param ingest ingest URL per protocol ({@code rtmps}, {@code srt}, {@code webRTC}), each with its
 *     key or passphrase embedded as the provider documents it — secrets: never log them
 */
public record LiveInput(String id, @Nullable String status, Map<String, String> ingest) {

  /** Copies the ingest map. */
  public LiveInput {
    ingest = Map.copyOf(ingest);
  }

  @Override
  public String toString() {
    return "LiveInput[id=" + id + ", status=" + status + ", ingest=" + ingest.keySet() + "]";
  }
}
