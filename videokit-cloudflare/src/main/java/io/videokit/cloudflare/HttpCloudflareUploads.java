package io.videokit.cloudflare;

import io.videokit.core.tus.TusException;
import io.videokit.core.tus.UploadMetadata;
import io.videokit.video.Video;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link CloudflareUploads} over the {@link CloudflareTransport}. */
final class HttpCloudflareUploads implements CloudflareUploads {

  private final CloudflareTransport transport;

  HttpCloudflareUploads(CloudflareTransport transport) {
    this.transport = transport;
  }

  @Override
  public TusUploadCreated createTusUpload(TusUploadRequest request) {
    UploadMetadata metadata;
    try {
      metadata = UploadMetadata.parse(request.uploadMetadata());
    } catch (TusException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    Map<String, String> values = new LinkedHashMap<>(metadata.values());
    if (request.maxDurationSeconds() != null) {
      values.keySet().removeIf(k -> k.equalsIgnoreCase("maxDurationSeconds"));
      values.put("maxDurationSeconds", request.maxDurationSeconds().toString());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Tus-Resumable", "1.0.0");
    headers.put("Upload-Length", Long.toString(request.uploadLength()));
    String header = new UploadMetadata(values).toHeader();
    if (!header.isEmpty()) {
      headers.put("Upload-Metadata", header);
    }
    if (request.creator() != null) {
      headers.put("Upload-Creator", request.creator());
    }
    URI uri = CloudflareTransport.withQuery(transport.streamBase(), Map.of("direct_user", "true"));
    CloudflareCall call =
        new CloudflareCall(
            "POST /stream?direct_user=true", "POST", uri, new byte[0], headers, false, false);
    return transport.execute(
        call,
        answer -> {
          String location = answer.headers().firstValue("Location").orElse(null);
          String uid = answer.headers().firstValue("stream-media-id").orElse(null);
          if (location == null || uid == null || !Video.isValidUid(uid)) {
            throw new CloudflareProtocolException(
                call.operation(), "no Location or stream-media-id header", null);
          }
          return new TusUploadCreated(uri.resolve(location), uid);
        });
  }

  @Override
  public DirectUpload createDirectUpload(DirectUploadRequest request) {
    return transport.call(
        CloudflareCall.post(
            "POST /stream/direct_upload",
            transport.path("direct_upload"),
            transport.body(request.toJson()),
            false),
        result -> {
          Map<String, Object> map = transport.toMap(result);
          Object uid = map.get("uid");
          Object url = map.get("uploadURL");
          if (!(uid instanceof String s) || !(url instanceof String u)) {
            throw new CloudflareProtocolException("POST /stream/direct_upload", "no uid", null);
          }
          return new DirectUpload(s, URI.create(u));
        });
  }
}
