package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A crash at each step of an upload's completion, the way it happens: the reference server runs as
 * its own process on the embedded default (H2 file database and local disk under {@code ./data},
 * exactly as {@code application.properties} configures them), dies at the step (the JVM halts, as
 * under kill -9), is started again, and the client retries as tus clients do (HEAD). Afterwards
 * there is exactly one video holding exactly the uploaded bytes, and while it is unready nothing of
 * it is reachable by anyone but its creator — not through the video routes, not through path
 * streaming.
 */
@Tag("crash")
class CompletionCrashTest {

  private static final String PASSWORD = ServerTestSupport.PASSWORD;
  private static Path video;
  private static byte[] videoBytes;

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  @BeforeAll
  static void makeVideo(@TempDir Path dir) throws Exception {
    video = TestVideos.mp4(dir.resolve("source.mp4"), 3, 320, 240);
    videoBytes = Files.readAllBytes(video);
  }

  @ParameterizedTest
  @EnumSource(CrashingServer.Point.class)
  void aCrashAtAnyStepOfCompletionEndsInExactlyOneVideoWithTheExactBytes(
      CrashingServer.Point point, @TempDir Path home) throws Exception {
    Path gate = home.resolve("probe-gate");
    String uid;
    try (Server server = Server.start(home, point, gate)) {
      HttpResponse<Void> created =
          send(
              server,
              "/api/uploads/",
              "POST",
              HttpRequest.BodyPublishers.noBody(),
              "alice",
              "Tus-Resumable",
              "1.0.0",
              "Upload-Length",
              Long.toString(videoBytes.length),
              "Upload-Metadata",
              "filename " + b64("clip.mp4") + ",filetype " + b64("video/mp4"));
      assertThat(created.statusCode()).isEqualTo(201);
      String location = created.headers().firstValue("Location").orElseThrow();
      uid = location.substring(location.lastIndexOf('/') + 1);
      String path = URI.create(location).getPath();
      assertThatThrownBy(() ->
              send(
                  server,
                  path,
                  "PATCH",
                  HttpRequest.BodyPublishers.ofByteArray(videoBytes),
                  "alice",
                  "Tus-Resumable",
                  "1.0.0",
                  "Upload-Offset",
                  "0",
                  "Content-Type",
                  "application/offset+octet-stream"))
          .as("the server dies while completing")
          .isInstanceOf(IOException.class);
      assertThat(server.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(server.process.exitValue()).isEqualTo(137);
      assertThat(server.log()).contains("CRASH at " + point);
    }

    try (Server server = Server.start(home, null, gate)) {
      // the client's retry: HEAD reports every byte, so the upload is done from its point of view
      HttpResponse<Void> head =
          send(
              server,
              "/api/uploads/" + uid,
              "HEAD",
              HttpRequest.BodyPublishers.noBody(),
              "alice",
              "Tus-Resumable",
              "1.0.0");
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.headers().firstValue("Upload-Offset"))
          .contains(Long.toString(videoBytes.length));

      // exactly one video, unready (probing is held), reachable by its creator only
      assertThat(getString(server, "/api/videos", "admin").body())
          .contains("\"total\":1")
          .contains(uid);
      assertThat(getBytes(server, "/api/videos/" + uid + "/file", null).statusCode())
          .isEqualTo(404);
      assertThat(getBytes(server, "/api/videos/" + uid + "/file", "bob").statusCode())
          .isEqualTo(404);
      for (String user : new String[] {null, "bob"}) {
        assertThat(getBytes(server, "/api/stream/?path=videos/" + uid + ".mp4", user).statusCode())
            .as("path streaming is no side door for %s", user)
            .isEqualTo(404);
      }
      HttpResponse<byte[]> own = getBytes(server, "/api/videos/" + uid + "/file", "alice");
      assertThat(own.statusCode()).isEqualTo(200);
      assertThat(TestVideos.sha256(own.body())).isEqualTo(TestVideos.sha256(videoBytes));

      // the upload store keeps no copy once the upload is completed
      try (var files = Files.list(home.resolve("data/uploads"))) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .noneMatch(name -> name.startsWith(uid) && !name.endsWith(".json"));
      }

      // processing goes on: the video becomes ready and public, still one video
      Files.createFile(gate);
      // a processing job the dead process had already picked is taken over once its heartbeats
      // stop (application.properties: about 20 s), so allow for that
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      String document = "";
      while (System.nanoTime() < deadline && !document.contains("\"state\":\"ready\"")) {
        Thread.sleep(200);
        document = getString(server, "/api/videos/" + uid, "alice").body();
      }
      assertThat(document).contains("\"state\":\"ready\"");
      HttpResponse<byte[]> anyone = getBytes(server, "/api/videos/" + uid + "/file", null);
      assertThat(anyone.statusCode()).isEqualTo(200);
      assertThat(TestVideos.sha256(anyone.body())).isEqualTo(TestVideos.sha256(videoBytes));
      assertThat(getString(server, "/api/videos", "admin").body()).contains("\"total\":1");
    }
  }

  private static String b64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<Void> send(
      Server server,
      String path,
      String method,
      HttpRequest.BodyPublisher body,
      String user,
      String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(path))
            .timeout(Duration.ofSeconds(30))
            .method(method, body)
            .header("Authorization", ServerTestSupport.basic(user));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding());
  }

  private HttpResponse<byte[]> getBytes(Server server, String path, String user)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30));
    if (user != null) {
      request.header("Authorization", ServerTestSupport.basic(user));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> getString(Server server, String path, String user)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(server.uri(path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", ServerTestSupport.basic(user))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A {@link CrashingServer} process working in {@code home} (so {@code ./data} is under it). */
  private record Server(Process process, int port, Path logFile) implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("Started \\w+ in");

    static Server start(Path home, CrashingServer.Point crashAt, Path gate) throws Exception {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx256m");
      command.add("-Dprobe.gate=" + gate);
      if (crashAt != null) {
        command.add("-Dcrash.at=" + crashAt.name());
      }
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(CrashingServer.class.getName());
      command.add("--server.port=" + port);
      command.add("--db-scheduler.polling-interval=1s");
      Path log = home.resolve("server-" + (crashAt == null ? "restart" : crashAt) + ".log");
      Process process =
          new ProcessBuilder(command)
              .directory(home.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Server server = new Server(process, port, log);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the server died while starting:\n" + server.log());
        }
        Matcher started = STARTED.matcher(server.log());
        if (started.find()) {
          return server;
        }
        Thread.sleep(100);
      }
      process.destroyForcibly();
      throw new IllegalStateException("the server did not start in time:\n" + server.log());
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    String log() {
      try {
        return Files.readString(logFile);
      } catch (IOException e) {
        return "(no log: " + e + ")";
      }
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        process.destroy();
        try {
          if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          process.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
