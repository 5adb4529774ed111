package io.videokit.cloudflare.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JDK HTTP client for the tests, authenticated against one fake. */
final class Http {

  private final FakeCloudflareStream fake;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Http(FakeCloudflareStream fake) {
    this.fake = fake;
  }

  /** A call under {@code …/accounts/{id}/stream}, e.g. {@code call("GET", "/" + uid, null)}. */
  HttpResponse<String> call(String method, String pathUnderStream, String json) {
    return send(
        request(fake.streamUrl() + pathUnderStream, method, json)
            .header("Authorization", "Bearer " + fake.apiToken())
            .build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Like {@link #send(HttpRequest)} but lets I/O failures through. */
  HttpResponse<String> sendRaw(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static HttpRequest.Builder request(String url, String method, String json) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    if (json == null) {
      return builder.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return builder
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json));
  }

  HttpRequest.Builder authorized(String pathUnderStream, String method, String json) {
    return request(fake.streamUrl() + pathUnderStream, method, json)
        .header("Authorization", "Bearer " + fake.apiToken());
  }

  static JsonNode json(HttpResponse<String> response) {
    return Json.parse(response.body());
  }

  /** {@code result} of a successful envelope. */
  static JsonNode result(HttpResponse<String> response) {
    JsonNode json = json(response);
    if (response.statusCode() != 200 || !json.path("success").asBoolean()) {
      throw new AssertionError("not a success: " + response.statusCode() + " " + response.body());
    }
    return json.get("result");
  }
}
