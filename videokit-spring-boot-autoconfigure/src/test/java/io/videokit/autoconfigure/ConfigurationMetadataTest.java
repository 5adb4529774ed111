package io.videokit.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.autoconfigure.properties.CloudflareProperties;
import io.videokit.autoconfigure.properties.StorageProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jar describes its properties for IDE completion on every supported JDK (javac 23+ ignores
 * annotation processors found only on the class path, so a JDK 25 build once shipped none).
 */
class ConfigurationMetadataTest {

  private static final String METADATA = "META-INF/spring-configuration-metadata.json";

  /** Every key videokit reads; splitting or renaming a properties class must not lose one. */
  private static final List<String> KEYS =
      List.of(
          "videokit.broadcast.default-kind",
          "videokit.broadcast.enabled",
          "videokit.broadcast.idle-timeout",
          "videokit.broadcast.ingest-base-path",
          "videokit.broadcast.maintenance-interval",
          "videokit.broadcast.max-live-per-user",
          "videokit.broadcast.recording-timeout",
          "videokit.broadcast.relay.enabled",
          "videokit.broadcast.relay.ffmpeg",
          "videokit.broadcast.relay.loopback-base",
          "videokit.broadcast.relay.port-range",
          "videokit.broadcast.relay.public-host",
          "videokit.broadcast.s3.bucket",
          "videokit.broadcast.s3.credential-duration",
          "videokit.broadcast.s3.playback-base-url",
          "videokit.broadcast.s3.region",
          "videokit.broadcast.s3.role-arn",
          "videokit.broadcast.s3.s3-endpoint",
          "videokit.broadcast.s3.sts-endpoint",
          "videokit.cloudflare.account-id",
          "videokit.cloudflare.api-token",
          "videokit.cloudflare.automatic-trim",
          "videokit.cloudflare.base-url",
          "videokit.cloudflare.connect-timeout",
          "videokit.cloudflare.duration-exceeded",
          "videokit.cloudflare.enabled",
          "videokit.cloudflare.max-attempts",
          "videokit.cloudflare.max-duration-seconds",
          "videokit.cloudflare.max-retry-wait",
          "videokit.cloudflare.rate-limit-period",
          "videokit.cloudflare.rate-limit-requests",
          "videokit.cloudflare.request-timeout",
          "videokit.cloudflare.signing.key",
          "videokit.cloudflare.signing.key-id",
          "videokit.cloudflare.signing.token-ttl",
          "videokit.cloudflare.sync.delete-attempts",
          "videokit.cloudflare.sync.give-up-after",
          "videokit.cloudflare.sync.initial-delay",
          "videokit.cloudflare.sync.max-delay",
          "videokit.cloudflare.trim-duration-seconds",
          "videokit.cloudflare.upload.allowed-location-origins",
          "videokit.cloudflare.upload.enabled",
          "videokit.cloudflare.upload.path",
          "videokit.cloudflare.webhook.path",
          "videokit.cloudflare.webhook.secret",
          "videokit.cloudflare.webhook.tolerance",
          "videokit.health.cloudflare.cache-for",
          "videokit.health.jobs.dead-after",
          "videokit.health.jobs.overdue-after",
          "videokit.media.ffprobe",
          "videokit.media.probe",
          "videokit.schema.enabled",
          "videokit.provider",
          "videokit.security.staff-role",
          "videokit.storage.local.root",
          "videokit.streaming.buffer-size",
          "videokit.streaming.max-range-length",
          "videokit.streaming.max-ranges",
          "videokit.streaming.media-origin",
          "videokit.streaming.path",
          "videokit.streaming.path-variable",
          "videokit.streaming.report-sendfile",
          "videokit.streaming.zero-copy",
          "videokit.uploads.allowed-origins",
          "videokit.uploads.cleanup-interval",
          "videokit.uploads.directory",
          "videokit.uploads.enabled",
          "videokit.uploads.expiration",
          "videokit.uploads.lock-wait",
          "videokit.uploads.max-concurrent-per-user",
          "videokit.uploads.max-size",
          "videokit.uploads.min-free-space",
          "videokit.uploads.path",
          "videokit.uploads.quota.per-user",
          "videokit.watch.enabled",
          "videokit.watch.flush-interval",
          "videokit.watch.idle-timeout",
          "videokit.watch.trusted-proxies");

  /**
   * A quoted key or prefix, a {@code ${key:default}} placeholder, or a condition's prefix + name.
   */
  private static final Pattern READ =
      Pattern.compile(
          "\"(videokit(?:\\.[a-z0-9-]+)+)\""
              + "|\\$\\{(videokit(?:\\.[a-z0-9-]+)+)"
              + "|prefix\\s*=\\s*\"(videokit[a-z0-9.-]*)\",\\s*name\\s*=\\s*\"([a-z0-9-]+)\"");

  private static Map<String, String> descriptions() throws IOException {
    Map<String, String> descriptions = new LinkedHashMap<>();
    try (InputStream in =
        ConfigurationMetadataTest.class.getClassLoader().getResourceAsStream(METADATA)) {
      assertThat(in).as(METADATA + " generated by spring-boot-configuration-processor").isNotNull();
      JsonNode properties = JsonMapper.builder().build().readTree(in).path("properties");
      properties.forEach(property ->
          descriptions.put(
              property.path("name").asString(), property.path("description").asString("")));
    }
    return descriptions;
  }

  @Test
  void describesTheVideokitAndCloudflareProperties() throws IOException {
    List<String> names = new ArrayList<>(descriptions().keySet());

    assertThat(names)
        .anyMatch(name -> name.startsWith(StorageProperties.PREFIX + "."))
        .anyMatch(name -> name.startsWith(CloudflareProperties.PREFIX + "."));
  }

  @Test
  void describesEveryKeyTheCodeReads() throws IOException {
    List<String> described = new ArrayList<>();
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(METADATA)) {
      JsonNode root = JsonMapper.builder().build().readTree(in);
      root.path("properties").forEach(p -> described.add(p.path("name").asString()));
      root.path("groups").forEach(g -> described.add(g.path("name").asString()));
    }
    Set<String> read = new TreeSet<>();
    // every module's main code: the keys are read where the beans and endpoints live
    List<Path> sources;
    try (Stream<Path> modules = Files.list(Path.of(".."))) {
      sources =
          modules
              .filter(m -> m.getFileName().toString().startsWith("videokit-"))
              // the reference server is an application: its own keys (videokit.server.*) are in
              // its own metadata (ServerUsersMetadataTest), not the library's
              .filter(m -> !m.getFileName().toString().equals("videokit-server"))
              .map(m -> m.resolve("src/main/java"))
              .filter(Files::isDirectory)
              .toList();
    }
    for (Path source : sources) {
      try (Stream<Path> files = Files.walk(source)) {
        for (Path file :
            files
                .filter(f -> f.toString().endsWith(".java"))
                // the Micrometer binders name meters (videokit.stream.bytes, …), not properties
                .filter(f -> !f.toString().contains("/autoconfigure/metrics/"))
                .toList()) {
          Matcher m = READ.matcher(Files.readString(file));
          while (m.find()) {
            read.add(
                m.group(1) != null
                    ? m.group(1)
                    : m.group(2) != null ? m.group(2) : m.group(3) + "." + m.group(4));
          }
        }
      }
    }

    assertThat(read).contains("videokit.uploads.path", "videokit.schema.enabled");
    assertThat(described).containsAll(read);
  }

  @Test
  void describesEveryKeyWithItsJavadoc() throws IOException {
    Map<String, String> descriptions = descriptions();

    assertThat(descriptions.keySet()).containsExactlyInAnyOrderElementsOf(KEYS);
    assertThat(descriptions)
        .allSatisfy((name, description) -> assertThat(description).as(name).isNotBlank());
  }
}
