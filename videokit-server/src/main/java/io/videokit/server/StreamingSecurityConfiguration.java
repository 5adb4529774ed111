package io.videokit.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.videokit.autoconfigure.properties.StreamingProperties;
import io.videokit.web.security.ProblemAccessDeniedHandler;
import io.videokit.web.security.ProblemAuthenticationEntryPoint;
import io.videokit.web.security.VideokitRequestMatchers;
import io.videokit.web.stream.StreamController;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;

/**
 * A lean filter chain for the range-streaming reads ({@link VideokitRequestMatchers#streamReads()}:
 * {@code GET}/{@code HEAD} of the stream path and of {@code /api/videos/{uid}/file}), in front of
 * {@link SecurityConfiguration}'s chain, which answers everything else.
 *
 * <p>It decides the same as the main chain does for these requests, once per request: the caller is
 * recognised (HTTP Basic, or the login form's session), every request is let through to the
 * endpoint, which applies the stream access policy itself (anonymous public media included), and
 * wrong credentials are a 401 problem. The headers are the pages' ({@link PageHeaders}); the
 * endpoint's own {@code Content-Security-Policy: sandbox…} and {@code nosniff} stay on every
 * answer.
 *
 * <p>Left out, because a safe read of media never needs them: the CSRF filter (it only checks
 * unsafe methods), the login form and logout filters (their own paths), and the saved-request cache
 * (these routes never redirect to a login). A range request used to pass ~15 filters and a dozen
 * path matchers for that (issue 12, docs/decisions/0009-lean-streaming-path.md).
 *
 * <p>In front of the chain, {@link AnonymousStreamReadFilter} answers the same reads when they
 * carry no credentials, with this chain's header writer and the same firewall (decision 10); set
 * {@code videokit.server.anonymous-stream-reads=false} to send them through the chain too.
 */
@Configuration(proxyBeanMethods = false)
public class StreamingSecurityConfiguration {

  /** Creates the configuration; used by Spring. */
  public StreamingSecurityConfiguration() {}

  @Bean
  @Order(1)
  SecurityFilterChain videokitStreamingSecurity(
      HttpSecurity http,
      PageHeaders pageHeaders,
      VideokitRequestMatchers videokit,
      ProblemAuthenticationEntryPoint unauthenticated,
      ProblemAccessDeniedHandler forbidden)
      throws Exception {
    http.securityMatcher(videokit.streamReads())
        .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
        .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
        .csrf(csrf -> csrf.disable())
        .logout(logout -> logout.disable())
        .requestCache(cache -> cache.disable())
        .exceptionHandling(exceptions ->
            exceptions.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
        .headers(pageHeaders::configure);
    return http.build();
  }

  /**
   * The front path for credential-less stream reads. By default it stands first, in front of
   * Spring's observation filter, and times what it answers itself into the same {@code
   * http.server.requests} timer (decision 14); with {@code
   * videokit.server.observe-anonymous-stream-reads=true} it stands just before Spring Security's
   * filter (so after the observation, character-encoding and request-context filters) and each of
   * its answers is a full observation (tracing span and active-requests timer included).
   */
  @Bean
  @ConditionalOnProperty(
      name = "videokit.server.anonymous-stream-reads",
      havingValue = "true",
      matchIfMissing = true)
  FilterRegistrationBean<AnonymousStreamReadFilter> videokitAnonymousStreamReads(
      FilterChainProxy security,
      HttpFirewall firewall,
      @Qualifier("videokitStreamingSecurity") SecurityFilterChain streamingChain,
      StreamController endpoint,
      StreamingProperties streaming,
      ObjectProvider<SecurityFilterProperties> securityFilter,
      ObjectProvider<MeterRegistry> meters,
      ObjectProvider<ServerRequestObservationConvention> convention,
      @Value("${videokit.server.observe-anonymous-stream-reads:false}") boolean observed) {
    MeterRegistry registry = observed ? null : meters.getIfAvailable();
    FrontPathRequestTimer timer =
        registry == null ? null : new FrontPathRequestTimer(registry, convention.getIfUnique());
    AnonymousStreamReadFilter filter =
        new AnonymousStreamReadFilter(
            security.getFilterChains(),
            firewall,
            streamingChain,
            endpoint,
            streaming.getPath(),
            timer);
    FilterRegistrationBean<AnonymousStreamReadFilter> registration =
        new FilterRegistrationBean<>(filter);
    registration.setName("videokitAnonymousStreamReads");
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    int securityOrder = securityFilter.getIfAvailable(SecurityFilterProperties::new).getOrder();
    // first: in front of ServerHttpObservationFilter (Ordered.HIGHEST_PRECEDENCE + 1)
    registration.setOrder(timer != null ? Ordered.HIGHEST_PRECEDENCE : securityOrder - 1);
    return registration;
  }
}
