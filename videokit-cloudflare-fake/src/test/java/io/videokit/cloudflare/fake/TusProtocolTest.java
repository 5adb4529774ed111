package io.videokit.cloudflare.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake's tus URL follows tus 1.0.0 closely enough for real clients. */
class TusProtocolTest {

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));
  private FakeCloudflareStream fake;
  private Http http;
  private String uid;
  private String tusUrl;

  @BeforeEach
  void start() {
    Clock clock =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    fake = FakeCloudflareStream.builder().clock(clock).start();
    http = new Http(fake);
    HttpResponse<String> created =
        http.send(
            http.authorized("?direct_user=true", "POST", null)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "10")
                .header("Upload-Metadata", "name YS5tcDQ=")
                .build());
    uid = created.headers().firstValue("stream-media-id").orElseThrow();
    tusUrl = created.headers().firstValue("Location").orElseThrow();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void optionsAnnouncesTheProtocolWithCors() {
    HttpResponse<String> options = http.send(tus("OPTIONS", null).build());
    assertThat(options.statusCode()).isEqualTo(204);
    assertThat(options.headers().firstValue("Tus-Version")).contains("1.0.0");
    assertThat(options.headers().firstValue("Tus-Extension")).isPresent();
    assertThat(options.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(options.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
        .contains("Upload-Offset")
        .contains("Tus-Resumable");
  }

  @Test
  void headPatchAndResume() {
    HttpResponse<String> head =
        http.send(tus("HEAD", null).header("Tus-Resumable", "1.0.0").build());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Upload-Offset")).contains("0");
    assertThat(head.headers().firstValue("Upload-Length")).contains("10");
    assertThat(head.headers().firstValue("Upload-Metadata")).contains("name YS5tcDQ=");
    assertThat(head.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(head.headers().firstValue("Upload-Expires"))
        .contains("Thu, 02 Jan 2025 00:00:00 GMT");

    assertThat(patch(0, new byte[4], "application/offset+octet-stream").statusCode())
        .isEqualTo(204);
    HttpResponse<String> conflict = patch(0, new byte[4], "application/offset+octet-stream");
    assertThat(conflict.statusCode()).isEqualTo(409);
    HttpResponse<String> wrongType = patch(4, new byte[4], "application/octet-stream");
    assertThat(wrongType.statusCode()).isEqualTo(415);
    HttpResponse<String> tooMuch = patch(4, new byte[7], "application/offset+octet-stream");
    assertThat(tooMuch.statusCode()).isEqualTo(400);
    assertThat(
            http.send(tus("HEAD", null).header("Tus-Resumable", "1.0.0").build())
                .headers()
                .firstValue("Upload-Offset"))
        .contains("4");

    // POST + X-HTTP-Method-Override: PATCH, as tus-java-client and proxied browsers send it.
    HttpResponse<String> overridden =
        http.send(
            tus("POST", new byte[6])
                .header("X-HTTP-Method-Override", "PATCH")
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", "4")
                .header("Content-Type", "application/offset+octet-stream")
                .build());
    assertThat(overridden.statusCode()).isEqualTo(204);
    assertThat(overridden.headers().firstValue("Upload-Offset")).contains("10");
    assertThat(fake.video(uid).orElseThrow().get("status")).asString().contains("state=queued");
    // The tus URL needs no Authorization, and every tus answer allows cross-origin reads.
    assertThat(fake.requests().stream().filter(r -> r.path().startsWith("/tus/")))
        .allSatisfy(r -> assertThat(r.header("Authorization")).isEmpty());
    assertThat(overridden.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
        .contains("Upload-Offset");
    fake.assertNoSchemaViolations();
  }

  @Test
  void versionUnknownUploadAndExpiry() {
    HttpResponse<String> noVersion = http.send(tus("HEAD", null).build());
    assertThat(noVersion.statusCode()).isEqualTo(412);
    assertThat(noVersion.headers().firstValue("Tus-Version")).contains("1.0.0");

    HttpResponse<String> unknown =
        http.send(
            HttpRequest.newBuilder(URI.create(fake.wireMock().baseUrl() + "/tus/0123456789abcdef"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Tus-Resumable", "1.0.0")
                .build());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Upload-Offset")).isEmpty();

    now.set(now.get().plus(Duration.ofDays(2)));
    assertThat(patch(0, new byte[1], "application/offset+octet-stream").statusCode())
        .isEqualTo(410);
  }

  private HttpRequest.Builder tus(String method, byte[] body) {
    return HttpRequest.newBuilder(URI.create(tusUrl))
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
  }

  private HttpResponse<String> patch(long offset, byte[] bytes, String contentType) {
    return http.send(
        tus("PATCH", bytes)
            .header("Tus-Resumable", "1.0.0")
            .header("Upload-Offset", String.valueOf(offset))
            .header("Content-Type", contentType)
            .build());
  }
}
