package io.videokit.autoconfigure;

import io.videokit.autoconfigure.properties.CloudflareUploadProperties;
import io.videokit.autoconfigure.properties.CloudflareWebhookProperties;
import io.videokit.autoconfigure.properties.StreamingProperties;
import io.videokit.autoconfigure.properties.UploadProperties;
import io.videokit.autoconfigure.tomcat.ProblemErrorReportCustomizer;
import io.videokit.autoconfigure.tomcat.SendfileReportingCustomizer;
import io.videokit.core.stream.SendfileReporting;
import io.videokit.web.security.ProblemAccessDeniedHandler;
import io.videokit.web.security.ProblemAuthenticationEntryPoint;
import io.videokit.web.security.ProblemRequestRejectedHandler;
import io.videokit.web.security.RequestRejectedAdvice;
import io.videokit.web.security.VideokitFirewall;
import io.videokit.web.security.VideokitRequestMatchers;
import io.videokit.web.tomcat.TomcatSendfileReporting;
import org.apache.catalina.startup.Tomcat;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Malformed or unusual requests answered as the protocol says, as RFC 9457 problems, for the whole
 * application: with Spring Security, a firewall that lets header values outside ASCII through
 * ({@link VideokitFirewall}) and rejected requests as 400 problems; with Tomcat, the errors Tomcat
 * answers by itself (over-long headers or request lines) as problems instead of HTML. Each bean
 * backs off when the application declares its own ({@code HttpFirewall}, {@code
 * RequestRejectedHandler}). With Spring Security it also offers videokit's paths as request
 * matchers ({@link VideokitRequestMatchers}) and the 401/403 problem answers ({@link
 * ProblemAuthenticationEntryPoint}, {@link ProblemAccessDeniedHandler}) for the application's
 * security rules.
 */
@AutoConfiguration(
    after = {VideokitAutoConfiguration.class, VideokitCloudflareAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class VideokitHttpAutoConfiguration {
  /** Creates the instance; used by Spring or by hand. */
  public VideokitHttpAutoConfiguration() {}

  /** Spring Security's firewall and its rejections. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(StrictHttpFirewall.class)
  static class Firewall {

    @Bean
    @ConditionalOnMissingBean(HttpFirewall.class)
    StrictHttpFirewall videokitHttpFirewall() {
      return VideokitFirewall.create();
    }

    @Bean
    @ConditionalOnMissingBean(RequestRejectedHandler.class)
    ProblemRequestRejectedHandler videokitRequestRejectedHandler() {
      return new ProblemRequestRejectedHandler();
    }

    @Bean
    @ConditionalOnClass(DispatcherServlet.class)
    @ConditionalOnMissingBean
    RequestRejectedAdvice videokitRequestRejectedAdvice() {
      return new RequestRejectedAdvice();
    }
  }

  /**
   * videokit's paths as request matchers and its 401/403 problem answers, for the application's
   * {@code SecurityFilterChain}.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({RequestMatcher.class, AuthenticationEntryPoint.class})
  static class Security {

    @Bean
    @ConditionalOnBean(UploadProperties.class)
    @ConditionalOnMissingBean
    VideokitRequestMatchers videokitRequestMatchers(
        UploadProperties uploads, StreamingProperties streaming, Environment environment) {
      // without Cloudflare credentials its endpoints are not served, but their paths stay
      // videokit's: requests there get problem answers (404), like with the credentials
      Binder binder = Binder.get(environment);
      CloudflareUploadProperties proxy =
          binder.bindOrCreate(CloudflareUploadProperties.PREFIX, CloudflareUploadProperties.class);
      CloudflareWebhookProperties webhook =
          binder.bindOrCreate(
              CloudflareWebhookProperties.PREFIX, CloudflareWebhookProperties.class);
      boolean broadcasts =
          ClassUtils.isPresent("io.videokit.broadcast.BroadcastService", null)
              && binder.bind("videokit.broadcast.enabled", Boolean.class).orElse(true);
      String livePath =
          broadcasts
              ? binder.bind("videokit.broadcast.ingest-base-path", String.class).orElse("/live")
              : null;
      return new VideokitRequestMatchers(
          uploads.getPath(),
          streaming.getPath(),
          new VideokitRequestMatchers.CloudflarePaths(proxy.getPath(), webhook.getPath()),
          livePath);
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemAuthenticationEntryPoint videokitAuthenticationEntryPoint() {
      return new ProblemAuthenticationEntryPoint();
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemAccessDeniedHandler videokitAccessDeniedHandler() {
      return new ProblemAccessDeniedHandler();
    }
  }

  /** Tomcat's own error answers. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({Tomcat.class, ConfigurableTomcatWebServerFactory.class})
  static class TomcatErrors {

    @Bean
    @ConditionalOnMissingBean
    ProblemErrorReportCustomizer videokitProblemErrorReportCustomizer() {
      return new ProblemErrorReportCustomizer();
    }
  }

  /** Sendfile transfers reported back, so that watch sessions need not copy long answers. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({Tomcat.class, TomcatWebServerFactory.class})
  @ConditionalOnBooleanProperty(name = "videokit.streaming.report-sendfile", matchIfMissing = true)
  static class TomcatSendfileReports {

    @Bean
    @ConditionalOnMissingBean
    SendfileReporting videokitSendfileReporting() {
      return TomcatSendfileReporting.INSTANCE;
    }

    @Bean
    @ConditionalOnMissingBean
    SendfileReportingCustomizer videokitSendfileReportingCustomizer() {
      return new SendfileReportingCustomizer();
    }
  }
}
