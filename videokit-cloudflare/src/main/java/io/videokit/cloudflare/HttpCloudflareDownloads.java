package io.videokit.cloudflare;

import io.videokit.video.Video;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** {@link CloudflareDownloads} over the {@link CloudflareTransport}. */
final class HttpCloudflareDownloads implements CloudflareDownloads {

  private final CloudflareTransport transport;

  HttpCloudflareDownloads(CloudflareTransport transport) {
    this.transport = transport;
  }

  @Override
  public Download createDownload(String uid) {
    Video.requireValidUid(uid);
    return transport.call(
        CloudflareCall.post(
            "POST /stream/{uid}/downloads",
            transport.path(uid + "/downloads"),
            CloudflareCall.EMPTY_JSON,
            false),
        this::toDownload);
  }

  @Override
  public Optional<Download> download(String uid) {
    Video.requireValidUid(uid);
    return transport.call(
        CloudflareCall.get("GET /stream/{uid}/downloads", transport.path(uid + "/downloads")),
        result -> {
          if (result != null && !result.isNull() && !result.isObject()) {
            throw new CloudflareProtocolException(
                "GET /stream/{uid}/downloads", "result is not an object", null);
          }
          JsonNode node = result == null ? null : result.get("default");
          return node == null || node.isNull() ? Optional.empty() : Optional.of(toDownload(result));
        });
  }

  @Override
  public boolean deleteDownloads(String uid) {
    Video.requireValidUid(uid);
    // the one DELETE the schema documents without a request body
    return transport.deleting(
        new CloudflareCall(
            "DELETE /stream/{uid}/downloads",
            "DELETE",
            transport.path(uid + "/downloads"),
            null,
            Map.of(),
            true,
            true));
  }

  private Download toDownload(@Nullable JsonNode result) {
    Map<String, Object> map = transport.toMap(result);
    if (!(map.get("default") instanceof Map<?, ?> download)) {
      throw new CloudflareProtocolException("downloads", "no default download", null);
    }
    Object status = download.get("status");
    Object url = download.get("url");
    Object percent = download.get("percentComplete");
    return new Download(
        status == null ? "inprogress" : status.toString(),
        url == null ? null : url.toString(),
        percent instanceof Number n ? n.doubleValue() : 0);
  }
}
