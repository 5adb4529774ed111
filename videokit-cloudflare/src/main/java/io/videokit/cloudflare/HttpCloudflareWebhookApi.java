package io.videokit.cloudflare;

import io.videokit.video.Video;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** {@link CloudflareWebhookApi} over the {@link CloudflareTransport}. */
final class HttpCloudflareWebhookApi implements CloudflareWebhookApi {

  private final CloudflareTransport transport;

  HttpCloudflareWebhookApi(CloudflareTransport transport) {
    this.transport = transport;
  }

  @Override
  public Webhook registerWebhook(URI notificationUrl) {
    return transport.call(
        CloudflareCall.put(
            "PUT /stream/webhook",
            transport.path("webhook"),
            transport.body(Map.of("notificationUrl", notificationUrl.toString()))),
        this::toWebhook);
  }

  @Override
  public Optional<Webhook> webhook() {
    try {
      return transport.call(
          CloudflareCall.get("GET /stream/webhook", transport.path("webhook")),
          result ->
              result == null
                      || result.isNull()
                      || transport.toMap(result).get("notificationUrl") == null
                  ? Optional.<Webhook>empty()
                  : Optional.of(toWebhook(result)));
    } catch (CloudflareApiException e) {
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public boolean deleteWebhook() {
    return transport.deleting(
        CloudflareCall.delete("DELETE /stream/webhook", transport.path("webhook")));
  }

  private Webhook toWebhook(@Nullable JsonNode result) {
    Map<String, Object> map = transport.toMap(result);
    Object url = map.get("notificationUrl");
    if (url == null) {
      throw new CloudflareProtocolException("webhook", "no notificationUrl", null);
    }
    return new Webhook(
        url.toString(),
        Video.parseInstant(map.get("modified")),
        CloudflareTransport.string(map.get("secret")));
  }
}
