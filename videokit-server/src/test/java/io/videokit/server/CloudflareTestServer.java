package io.videokit.server;

import io.videokit.cloudflare.fake.FakeCloudflareStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The reference server with the Cloudflare Stream provider switched on (and picked for new uploads)
 * against a fresh {@link FakeCloudflareStream}, on a random port, with a new database of the given
 * vendor and fast background synchronisation. Users as in {@link ServerTestSupport}.
 */
final class CloudflareTestServer implements AutoCloseable {

  /** An origin allowed to use the upload proxy cross-origin (CORS). */
  static final String ALLOWED_ORIGIN = "http://app.example";

  final FakeCloudflareStream cloudflare;
  final ConfigurableApplicationContext context;
  final int port;

  private CloudflareTestServer(
      FakeCloudflareStream cloudflare, ConfigurableApplicationContext context) {
    this.cloudflare = cloudflare;
    this.context = context;
    this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /**
   * Starts the fake, then the server.
   *
   * @param vendor {@code h2} or {@code postgresql}
   * @return the running pair; close it when done
   */
  static CloudflareTestServer start(String vendor) throws IOException {
    FakeCloudflareStream cloudflare = FakeCloudflareStream.start();
    try {
      Path data = Files.createTempDirectory("videokit-cloudflare-it-");
      List<String> args = new ArrayList<>(TestDatabases.newDatabase(vendor));
      args.addAll(
          List.of(
              "--server.port=0",
              "--spring.main.banner-mode=off",
              "--videokit.storage.local.root=" + data.resolve("media"),
              "--videokit.uploads.directory=" + data.resolve("uploads"),
              "--videokit.uploads.allowed-origins=" + ALLOWED_ORIGIN,
              "--videokit.cloudflare.account-id=" + cloudflare.accountId(),
              "--videokit.cloudflare.api-token=" + cloudflare.apiToken(),
              "--videokit.cloudflare.base-url=" + cloudflare.baseUrl(),
              // new uploads go to Cloudflare (the default, local, keeps them on this server)
              "--videokit.provider=cloudflare",
              // the fake's one-time upload URLs are on http://localhost, not Cloudflare's hosts
              "--videokit.cloudflare.upload.allowed-location-origins=http://localhost:"
                  + cloudflare.port(),
              "--videokit.cloudflare.sync.initial-delay=200ms",
              "--videokit.cloudflare.sync.max-delay=1s",
              "--db-scheduler.polling-interval=200ms"));
      // Command-line arguments outrank application.properties.
      ConfigurableApplicationContext context =
          new SpringApplicationBuilder(VideokitServerApplication.class)
              .run(
                  Stream.concat(ServerTestSupport.userArguments().stream(), args.stream())
                      .toArray(String[]::new));
      return new CloudflareTestServer(cloudflare, context);
    } catch (RuntimeException | IOException e) {
      cloudflare.close();
      throw e;
    }
  }

  /**
   * A URL of the server.
   *
   * @param path e.g. {@code /api/me}
   * @return {@code http://127.0.0.1:<port><path>}
   */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Stops the server, then the fake. */
  @Override
  public void close() {
    try {
      context.close();
    } finally {
      cloudflare.close();
    }
  }
}
