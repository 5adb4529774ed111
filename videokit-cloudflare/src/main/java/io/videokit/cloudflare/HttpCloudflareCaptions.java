package io.videokit.cloudflare;

import io.videokit.video.Video;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** {@link CloudflareCaptions} over the {@link CloudflareTransport}. */
final class HttpCloudflareCaptions implements CloudflareCaptions {

  private final CloudflareTransport transport;

  HttpCloudflareCaptions(CloudflareTransport transport) {
    this.transport = transport;
  }

  @Override
  public Caption uploadCaption(String uid, String language, byte[] webVtt) {
    Video.requireValidUid(uid);
    String tag = requireLanguage(language);
    String text = new String(webVtt, StandardCharsets.UTF_8);
    if (!text.replaceFirst("^\uFEFF", "").startsWith("WEBVTT")) {
      throw new IllegalArgumentException("a caption file must be WebVTT (start with WEBVTT)");
    }
    String boundary = "videokit-" + Long.toHexString(System.nanoTime());
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + tag
                + ".vtt\"\r\nContent-Type: text/vtt\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + webVtt.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(webVtt, 0, body, head.length, webVtt.length);
    System.arraycopy(tail, 0, body, head.length + webVtt.length, tail.length);
    CloudflareCall call =
        new CloudflareCall(
            "PUT /stream/{uid}/captions/{language}",
            "PUT",
            transport.path(uid + "/captions/" + tag),
            body,
            Map.of("Content-Type", "multipart/form-data; boundary=" + boundary),
            true,
            true);
    return transport.call(call, result -> toCaption(call.operation(), result));
  }

  @Override
  public List<Caption> captions(String uid) {
    Video.requireValidUid(uid);
    String operation = "GET /stream/{uid}/captions";
    return transport.call(
        CloudflareCall.get(operation, transport.path(uid + "/captions")),
        result -> {
          if (result == null || !result.isArray()) {
            throw new CloudflareProtocolException(operation, "result is not a list", null);
          }
          List<Caption> captions = new ArrayList<>();
          result.forEach(node -> captions.add(toCaption(operation, node)));
          return List.copyOf(captions);
        });
  }

  @Override
  public boolean deleteCaption(String uid, String language) {
    Video.requireValidUid(uid);
    return transport.deleting(
        CloudflareCall.delete(
            "DELETE /stream/{uid}/captions/{language}",
            transport.path(uid + "/captions/" + requireLanguage(language))));
  }

  @Override
  public Caption generateCaption(String uid, String language) {
    Video.requireValidUid(uid);
    String operation = "POST /stream/{uid}/captions/{language}/generate";
    CloudflareCall call =
        new CloudflareCall(
            operation,
            "POST",
            transport.path(uid + "/captions/" + requireLanguage(language) + "/generate"),
            null,
            Map.of(),
            false,
            true);
    return transport.call(call, result -> toCaption(operation, result));
  }

  private Caption toCaption(String operation, @Nullable JsonNode result) {
    if (result == null || !result.isObject()) {
      throw new CloudflareProtocolException(operation, "result is not a caption object", null);
    }
    return Caption.fromMap(transport.toMap(result));
  }

  private static String requireLanguage(String language) {
    if (language == null || !language.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")) {
      throw new IllegalArgumentException("not a BCP 47 language tag: " + language);
    }
    return language;
  }
}
