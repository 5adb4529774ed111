package io.videokit.server;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * What Spring Security observes on the reference server: authentications and authorizations (one
 * observation each per request, the {@code spring.security.authentications} and {@code
 * spring.security.authorizations} meters), but not the filter chain itself.
 *
 * <p>Observing the chain wraps every one of its ~15 filters in an observation of its own (a {@code
 * spring.security.filterchains} timer plus an event per filter): on a range request that was a
 * fifth to a quarter of the server's CPU samples (JFR, issue 12), more than the range streaming
 * itself. The request as a whole is still timed by Spring's {@code http.server.requests}, and
 * videokit's own {@code videokit.stream.*} meters count every streamed answer. Set {@code
 * videokit.server.observe-security-filter-chain=true} to get the per-filter observations back.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityObservationConfiguration {

  /** Creates the configuration; used by Spring. */
  public SecurityObservationConfiguration() {}

  @Bean
  @ConditionalOnProperty(
      name = "videokit.server.observe-security-filter-chain",
      havingValue = "false",
      matchIfMissing = true)
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
  }
}
