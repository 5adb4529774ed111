package io.videokit.cloudflare;

import io.videokit.video.Video;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** {@link CloudflareLiveInputs} over the {@link CloudflareTransport}. */
final class HttpCloudflareLiveInputs implements CloudflareLiveInputs {

  private final CloudflareTransport transport;

  HttpCloudflareLiveInputs(CloudflareTransport transport) {
    this.transport = transport;
  }

  @Override
  public CloudflareLiveInput createLiveInput(LiveInputRequest request) {
    return transport.call(
        CloudflareCall.post(
            "POST /stream/live_inputs",
            transport.path("live_inputs"),
            transport.body(request.toJson()),
            false),
        this::toLiveInput);
  }

  @Override
  public CloudflareLiveInput liveInput(String id) {
    return transport.call(
        CloudflareCall.get("GET /stream/live_inputs/{id}", inputPath(id)), this::toLiveInput);
  }

  @Override
  public CloudflareLiveInput updateLiveInput(String id, LiveInputRequest request) {
    return transport.call(
        CloudflareCall.put(
            "PUT /stream/live_inputs/{id}", inputPath(id), transport.body(request.toJson())),
        this::toLiveInput);
  }

  @Override
  public boolean deleteLiveInput(String id) {
    return transport.deleting(
        CloudflareCall.delete("DELETE /stream/live_inputs/{id}", inputPath(id)));
  }

  @Override
  public List<CloudflareLiveInput> liveInputs() {
    return transport.call(
        CloudflareCall.get("GET /stream/live_inputs", transport.path("live_inputs")),
        result -> {
          JsonNode list = result;
          if (result != null && result.isObject() && result.get("liveInputs") != null) {
            list = result.get("liveInputs");
          }
          List<CloudflareLiveInput> inputs = new ArrayList<>();
          if (list != null && list.isArray()) {
            list.forEach(node -> inputs.add(toLiveInput(node)));
          }
          return List.copyOf(inputs);
        });
  }

  @Override
  public List<Video> liveInputVideos(String id, @Nullable Instant createdAfter) {
    String uid = CloudflareTransport.safeSegment(id);
    Map<String, String> query = new LinkedHashMap<>();
    query.put("type", "live");
    query.put("asc", "true");
    if (createdAfter != null) {
      query.put("start", createdAfter.toString());
    }
    return transport.call(
        CloudflareCall.get(
            "GET /stream?type=live", CloudflareTransport.withQuery(transport.streamBase(), query)),
        result -> {
          if (result == null || !result.isArray()) {
            throw new CloudflareProtocolException(
                "GET /stream?type=live", "result is not a list of videos", null);
          }
          List<Video> videos = new ArrayList<>();
          for (JsonNode node : result) {
            if (!node.isObject()) {
              throw new CloudflareProtocolException(
                  "GET /stream?type=live", "a listed video is not an object", null);
            }
            Video video = Video.fromMap(transport.toMap(node));
            if (uid.equals(video.liveInput())) {
              videos.add(video);
            }
          }
          return List.copyOf(videos);
        });
  }

  private java.net.URI inputPath(String id) {
    return transport.path("live_inputs/" + CloudflareTransport.safeSegment(id));
  }

  private CloudflareLiveInput toLiveInput(@Nullable JsonNode result) {
    if (result == null || !result.isObject()) {
      throw new CloudflareProtocolException("live input", "result is not an object", null);
    }
    return CloudflareLiveInput.fromMap(transport.toMap(result));
  }
}
