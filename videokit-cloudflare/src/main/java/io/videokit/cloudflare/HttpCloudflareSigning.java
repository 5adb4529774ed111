package io.videokit.cloudflare;

import io.videokit.video.Video;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** {@link CloudflareSigning} over the {@link CloudflareTransport}. */
final class HttpCloudflareSigning implements CloudflareSigning {

  private final CloudflareTransport transport;

  HttpCloudflareSigning(CloudflareTransport transport) {
    this.transport = transport;
  }

  @Override
  public String createToken(String uid, TokenRequest request) {
    Video.requireValidUid(uid);
    return transport.call(
        CloudflareCall.post(
            "POST /stream/{uid}/token",
            transport.path(uid + "/token"),
            transport.body(request.toJson()),
            true),
        result -> {
          Object token = transport.toMap(result).get("token");
          if (!(token instanceof String s)) {
            throw new CloudflareProtocolException("POST /stream/{uid}/token", "no token", null);
          }
          return s;
        });
  }

  @Override
  public SigningKey createSigningKey() {
    return transport.call(
        CloudflareCall.post(
            "POST /stream/keys", transport.path("keys"), CloudflareCall.EMPTY_JSON, false),
        this::toKey);
  }

  @Override
  public List<SigningKey> signingKeys() {
    return transport.call(
        CloudflareCall.get("GET /stream/keys", transport.path("keys")),
        result -> {
          List<SigningKey> keys = new ArrayList<>();
          if (result != null && result.isArray()) {
            result.forEach(node -> keys.add(toKey(node)));
          }
          return List.copyOf(keys);
        });
  }

  @Override
  public boolean deleteSigningKey(String id) {
    return transport.deleting(
        CloudflareCall.delete(
            "DELETE /stream/keys/{id}",
            transport.path("keys/" + CloudflareTransport.safeSegment(id))));
  }

  private SigningKey toKey(@Nullable JsonNode result) {
    Map<String, Object> map = transport.toMap(result);
    Object id = map.get("id");
    if (id == null) {
      throw new CloudflareProtocolException("keys", "no key id", null);
    }
    return new SigningKey(
        id.toString(),
        CloudflareTransport.string(map.get("pem")),
        CloudflareTransport.string(map.get("jwk")),
        Video.parseInstant(map.get("created")));
  }
}
