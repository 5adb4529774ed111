package io.videokit.cloudflare;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /accounts/{account_id}/stream/live_inputs} (and {@code PUT} to change one).
 *
 * @param meta metadata, e.g. {@code {"name": "…"}}, or null
 * @param defaultCreator the creator recorded on the recordings, or null
 * @param recordingMode {@code automatic} (record to a video) or {@code off}
 * @param timeoutSeconds seconds after a disconnect before the recording ends (0 = Cloudflare's
 *     default)
 * @param requireSignedUrls whether recordings need signed URLs
 * @param deleteRecordingAfterDays days after which recordings are deleted, or null to keep them
 * @param enabled whether the input accepts a broadcast
 */
public record LiveInputRequest(
    @Nullable Map<String, Object> meta,
    @Nullable String defaultCreator,
    String recordingMode,
    int timeoutSeconds,
    boolean requireSignedUrls,
    @Nullable Integer deleteRecordingAfterDays,
    boolean enabled) {

  /**
   * An enabled input that records automatically.
   *
   * @param name shown in the dashboard ({@code meta.name})
   * @param creator the creator of its recordings
   * @return the request
   */
  public static LiveInputRequest recording(String name, @Nullable String creator) {
    return new LiveInputRequest(Map.of("name", name), creator, "automatic", 0, false, null, true);
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    if (meta != null) {
      json.put("meta", meta);
    }
    if (defaultCreator != null) {
      json.put("defaultCreator", defaultCreator);
    }
    Map<String, Object> recording = new LinkedHashMap<>();
    recording.put("mode", recordingMode);
    recording.put("timeoutSeconds", timeoutSeconds);
    recording.put("requireSignedURLs", requireSignedUrls);
    json.put("recording", recording);
    if (deleteRecordingAfterDays != null) {
      json.put("deleteRecordingAfterDays", deleteRecordingAfterDays);
    }
    json.put("enabled", enabled);
    return json;
  }
}
