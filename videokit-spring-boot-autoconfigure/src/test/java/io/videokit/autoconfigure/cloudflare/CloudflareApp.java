package io.videokit.autoconfigure.cloudflare;

import io.videokit.autoconfigure.Databases;
import io.videokit.autoconfigure.cloudflare.app.CloudflareTestApplication;
import io.videokit.cloudflare.fake.FakeCloudflareStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the test application against a fake Cloudflare and a fresh H2 or PostgreSQL database. */
final class CloudflareApp {

  private CloudflareApp() {}

  static ConfigurableApplicationContext start(
      String vendor, FakeCloudflareStream fake, Path data, String... extra) {
    List<String> properties =
        new ArrayList<>(
            List.of(
                "spring.datasource.url=" + Databases.url(vendor),
                "spring.jpa.hibernate.ddl-auto=update",
                "spring.jpa.open-in-view=false",
                "spring.flyway.enabled=false",
                "server.port=0",
                "videokit.storage.local.root=" + data.resolve("media"),
                "videokit.uploads.directory=" + data.resolve("uploads"),
                "videokit.media.probe=false",
                "videokit.watch.enabled=false",
                "videokit.cloudflare.account-id=" + fake.accountId(),
                "videokit.cloudflare.api-token=" + fake.apiToken(),
                "videokit.cloudflare.base-url=" + fake.baseUrl(),
                "videokit.cloudflare.max-attempts=3",
                "videokit.cloudflare.max-retry-wait=2s",
                "videokit.cloudflare.request-timeout=2s",
                "videokit.cloudflare.sync.initial-delay=100ms",
                "videokit.cloudflare.sync.max-delay=400ms",
                "db-scheduler.polling-interval=100ms",
                "db-scheduler.immediate-execution-enabled=true",
                "db-scheduler.threads=4"));
    properties.addAll(List.of(extra));
    return new SpringApplicationBuilder(CloudflareTestApplication.class)
        .properties(properties.toArray(String[]::new))
        .run();
  }
}
