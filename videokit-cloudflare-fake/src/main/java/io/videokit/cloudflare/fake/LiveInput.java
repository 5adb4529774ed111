package io.videokit.cloudflare.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One live input of the fake account. Guarded by the {@link StreamState} lock. */
final class LiveInput {

  final String uid;
  final Instant created;
  Instant modified;
  ObjectNode meta = Json.object();
  String defaultCreator;
  String recordingMode = "off";
  int recordingTimeoutSeconds;
  boolean recordingRequireSignedURLs;
  List<String> recordingAllowedOrigins = new ArrayList<>();
  Double deleteRecordingAfterDays;
  boolean enabled = true;
  private final String rtmpsKey = Ids.hex(16) + "k" + Ids.hex(16);
  private final String rtmpsPlaybackKey = Ids.hex(16) + "k" + Ids.hex(16);
  private final String srtPassphrase = Ids.hex(16);
  private final String srtPlaybackPassphrase = Ids.hex(16);
  private final String srtPlaybackId = "play" + Ids.hex(14);

  LiveInput(String uid, Instant created) {
    this.uid = uid;
    this.created = created;
    this.modified = created;
  }

  /** Applies a create or update body ({@code stream_create_input_request}); absent keys stay. */
  void apply(JsonNode body) {
    if (body.has("meta") && body.get("meta").isObject()) {
      meta = body.get("meta").deepCopy();
    }
    if (body.hasNonNull("defaultCreator")) {
      defaultCreator = body.get("defaultCreator").asText();
    }
    if (body.hasNonNull("deleteRecordingAfterDays")) {
      deleteRecordingAfterDays = body.get("deleteRecordingAfterDays").asDouble();
    }
    if (body.hasNonNull("enabled")) {
      enabled = body.get("enabled").asBoolean();
    }
    JsonNode recording = body.path("recording");
    if (recording.hasNonNull("mode")) {
      recordingMode = recording.get("mode").asText();
    }
    if (recording.hasNonNull("timeoutSeconds")) {
      recordingTimeoutSeconds = recording.get("timeoutSeconds").asInt();
    }
    if (recording.hasNonNull("requireSignedURLs")) {
      recordingRequireSignedURLs = recording.get("requireSignedURLs").asBoolean();
    }
    if (recording.has("allowedOrigins") && recording.get("allowedOrigins").isArray()) {
      recordingAllowedOrigins = new ArrayList<>();
      recording.get("allowedOrigins").forEach(o -> recordingAllowedOrigins.add(o.asText()));
    }
  }

  /** The full object ({@code stream_live_input}). */
  ObjectNode toJson(String customerHost) {
    ObjectNode json = summary();
    ObjectNode rtmps = json.putObject("rtmps");
    rtmps.put("url", "rtmps://live.cloudflare.com:443/live/");
    rtmps.put("streamKey", rtmpsKey);
    ObjectNode rtmpsPlayback = json.putObject("rtmpsPlayback");
    rtmpsPlayback.put("url", "rtmps://live.cloudflare.com:443/live/");
    rtmpsPlayback.put("streamKey", rtmpsPlaybackKey);
    ObjectNode srt = json.putObject("srt");
    srt.put("url", "srt://live.cloudflare.com:778");
    srt.put("streamId", uid);
    srt.put("passphrase", srtPassphrase);
    ObjectNode srtPlayback = json.putObject("srtPlayback");
    srtPlayback.put("url", "srt://live.cloudflare.com:778");
    srtPlayback.put("streamId", srtPlaybackId);
    srtPlayback.put("passphrase", srtPlaybackPassphrase);
    json.putObject("webRTC")
        .put("url", "https://" + customerHost + "/" + rtmpsKey + "/webRTC/publish");
    json.putObject("webRTCPlayback")
        .put("url", "https://" + customerHost + "/" + uid + "/webRTC/play");
    json.set("status", NullNode.getInstance());
    ObjectNode recording = json.putObject("recording");
    recording.put("mode", recordingMode);
    recording.put("timeoutSeconds", recordingTimeoutSeconds);
    recording.put("requireSignedURLs", recordingRequireSignedURLs);
    ArrayNode origins = recording.putArray("allowedOrigins");
    recordingAllowedOrigins.forEach(origins::add);
    return json;
  }

  /** The list entry ({@code stream_live_input_object_without_url}). */
  ObjectNode summary() {
    ObjectNode json = Json.object();
    json.put("uid", uid);
    json.put("created", Timestamps.format(created));
    json.put("modified", Timestamps.format(modified));
    json.set("meta", meta.deepCopy());
    if (deleteRecordingAfterDays != null) {
      json.put("deleteRecordingAfterDays", deleteRecordingAfterDays);
    }
    return json;
  }
}
