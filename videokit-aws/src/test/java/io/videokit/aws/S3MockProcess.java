package io.videokit.aws;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * S3Mock (a real S3 protocol server) as its own process from its exec jar, on free ports; the jar
 * is copied to {@code target/s3mock} by the build. S3Mock accepts any credentials and does not
 * evaluate IAM policies.
 */
final class S3MockProcess implements AutoCloseable {

  private final Process process;
  private final URI endpoint;

  private S3MockProcess(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  static S3MockProcess start(Path root, String... buckets)
      throws IOException, InterruptedException {
    String jar = System.getProperty("s3mock.jar", "target/s3mock/s3mock-exec.jar");
    String java = ProcessHandle.current().info().command().orElse("java");
    int http = freePort();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1"));
    command.addAll(
        List.of(
            "-jar",
            jar,
            "--server.port=" + freePort(),
            "--http.port=" + http,
            "--vectors.http.port=" + freePort(),
            "--vectors.https.port=" + freePort(),
            "--com.adobe.testing.s3mock.store.root=" + root,
            "--com.adobe.testing.s3mock.store.initial-buckets=" + String.join(",", buckets)));
    Path log = Files.createTempFile(root.getParent(), "s3mock", ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    URI endpoint = URI.create("http://127.0.0.1:" + http);
    S3MockProcess started = new S3MockProcess(process, endpoint);
    HttpClient client = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Mock exited: " + Files.readString(log));
      }
      try {
        HttpResponse<Void> response =
            client.send(
                HttpRequest.newBuilder(endpoint.resolve("/")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return started;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    started.close();
    throw new IllegalStateException("S3Mock did not start: " + Files.readString(log));
  }

  URI endpoint() {
    return endpoint;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
