package io.videokit.autoconfigure;

import io.videokit.autoconfigure.properties.BroadcastProperties;
import io.videokit.autoconfigure.properties.RelayProperties;
import io.videokit.broadcast.HlsPutIngest;
import io.videokit.broadcast.relay.PortRange;
import io.videokit.broadcast.relay.RelaySupervisor;
import io.videokit.broadcast.relay.RtmpIngest;
import io.videokit.broadcast.relay.SrtIngest;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The SRT and RTMP endpoint kinds, when {@code videokit.broadcast.relay.enabled=true}: one {@link
 * RelaySupervisor} (closed with the context, killing every listener) and the two ingests relaying
 * into the HLS-over-PUT ingest on loopback. Wiring only.
 */
@AutoConfiguration(after = VideokitBroadcastAutoConfiguration.class)
@ConditionalOnClass(RelaySupervisor.class)
@ConditionalOnBean(HlsPutIngest.class)
@ConditionalOnProperty(prefix = RelayProperties.PREFIX, name = "enabled", havingValue = "true")
@EnableConfigurationProperties({RelayProperties.class, BroadcastProperties.class})
public class VideokitRelayAutoConfiguration {
  /** Creates the instance; used by Spring or by hand. */
  public VideokitRelayAutoConfiguration() {}

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  RelaySupervisor videokitRelaySupervisor(
      RelayProperties relay, BroadcastProperties broadcasts, Environment environment) {
    return new RelaySupervisor(
        () -> RelaySupervisor.findFfmpeg(relay.getFfmpeg()),
        PortRange.parse(relay.getPortRange()),
        () -> loopbackBase(relay, broadcasts, environment),
        Duration.ofMillis(500));
  }

  /**
   * The configured loopback base, else {@code http://127.0.0.1:<local.server.port><context
   * path><ingest path>}, asked for when a listener starts (the server is up by then).
   */
  static String loopbackBase(
      RelayProperties relay, BroadcastProperties broadcasts, Environment environment) {
    String configured = relay.getLoopbackBase();
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    String port = environment.getProperty("local.server.port");
    if (port == null) {
      throw new IllegalStateException(
          "the server's port is not known yet; set " + RelayProperties.PREFIX + ".loopback-base");
    }
    String context = environment.getProperty("server.servlet.context-path", "");
    String ingest = broadcasts.getIngestBasePath();
    String path = ingest.contains("://") ? URI.create(ingest).getPath() : ingest;
    return "http://127.0.0.1:" + port + context.replaceAll("/+$", "") + path;
  }

  @Bean
  SrtIngest videokitSrtIngest(
      RelaySupervisor relays, HlsPutIngest hlsPut, RelayProperties properties) {
    return new SrtIngest(relays, hlsPut, properties.getPublicHost());
  }

  @Bean
  RtmpIngest videokitRtmpIngest(
      RelaySupervisor relays, HlsPutIngest hlsPut, RelayProperties properties) {
    return new RtmpIngest(relays, hlsPut, properties.getPublicHost());
  }
}
