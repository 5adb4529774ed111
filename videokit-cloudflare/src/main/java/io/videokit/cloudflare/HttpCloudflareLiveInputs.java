package io.videokit.cloudflare;

import java.util.ArrayList;
import java.util.List;
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
