package io.videokit.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.videokit.autoconfigure.tomcat.ProblemErrorReportCustomizer;
import io.videokit.autoconfigure.tomcat.SendfileReportingCustomizer;
import io.videokit.core.stream.SendfileReporting;
import io.videokit.web.security.ProblemRequestRejectedHandler;
import io.videokit.web.security.RequestRejectedAdvice;
import io.videokit.web.security.VideokitFirewall;
import io.videokit.web.tomcat.SendfileReportingProtocol;
import io.videokit.web.tomcat.TomcatSendfileReporting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** Issue 7: the firewall, rejected-request and Tomcat error beans, and when they back off. */
class VideokitHttpAutoConfigurationTest {

  final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(VideokitHttpAutoConfiguration.class));

  @Test
  void withSpringSecurityAndTomcatEveryBeanIsThere() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(HttpFirewall.class);
      assertThat(context).hasSingleBean(ProblemRequestRejectedHandler.class);
      assertThat(context).hasSingleBean(RequestRejectedAdvice.class);
      assertThat(context).hasSingleBean(ProblemErrorReportCustomizer.class);
    });
  }

  @Test
  void theApplicationsOwnFirewallAndHandlerWin() {
    runner
        .withUserConfiguration(OwnSecurityBeans.class)
        .run(context -> {
          assertThat(context).getBean(HttpFirewall.class).isSameAs(OwnSecurityBeans.FIREWALL);
          assertThat(context)
              .getBean(RequestRejectedHandler.class)
              .isSameAs(OwnSecurityBeans.HANDLER);
        });
  }

  @Test
  void withoutSpringSecurityOrTomcatNothingIsAdded() {
    runner
        .withClassLoader(
            new FilteredClassLoader(
                StrictHttpFirewall.class, org.apache.catalina.startup.Tomcat.class))
        .run(context -> {
          assertThat(context).doesNotHaveBean(HttpFirewall.class);
          assertThat(context).doesNotHaveBean(ProblemErrorReportCustomizer.class);
          assertThat(context).doesNotHaveBean(SendfileReportingCustomizer.class);
        });
  }

  @Test
  void tomcatsDefaultProtocolBecomesTheReportingOneUnlessTheApplicationChoseAnother() {
    runner.run(context -> {
      assertThat(context)
          .getBean(SendfileReporting.class)
          .isSameAs(TomcatSendfileReporting.INSTANCE);
      SendfileReportingCustomizer customizer = context.getBean(SendfileReportingCustomizer.class);
      TomcatServletWebServerFactory byDefault = new TomcatServletWebServerFactory();
      customizer.customize(byDefault);
      assertThat(byDefault.getProtocol()).isEqualTo(SendfileReportingProtocol.class.getName());
      TomcatServletWebServerFactory chosen = new TomcatServletWebServerFactory();
      chosen.setProtocol("org.apache.coyote.http11.Http11Nio2Protocol");
      customizer.customize(chosen);
      assertThat(chosen.getProtocol()).isEqualTo("org.apache.coyote.http11.Http11Nio2Protocol");
    });
    runner
        .withPropertyValues("videokit.streaming.report-sendfile=false")
        .run(context -> {
          assertThat(context).doesNotHaveBean(SendfileReporting.class);
          assertThat(context).doesNotHaveBean(SendfileReportingCustomizer.class);
        });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Player/1.0 \u0085",
        "\"\u00c3\u0084\"",
        "bytes=\u00ef\u00bc\u0090-1",
        "\u00e2\u0080\u0099"
      })
  void headerValuesOutsideAsciiPassTheFirewall(String value) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/stream/");
    request.addHeader("User-Agent", value);

    assertThatCode(
            () -> VideokitFirewall.create().getFirewalledRequest(request).getHeader("User-Agent"))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> new StrictHttpFirewall().getFirewalledRequest(request).getHeader("User-Agent"))
        .isInstanceOf(RequestRejectedException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\rb", "a\nb", "a\u0000b"})
  void crLfAndNulAreStillRejected(String value) {
    assertThat(VideokitFirewall.HEADER_VALUES.test(value)).isFalse();
  }

  @Test
  void aRejectedRequestIsA400Problem() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();

    new ProblemRequestRejectedHandler()
        .handle(
            new MockHttpServletRequest("GET", "/a;b"),
            response,
            new RequestRejectedException("contains ;"));

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    assertThat(response.getContentAsString()).contains("\"status\":400", "request-rejected");
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnSecurityBeans {
    static final StrictHttpFirewall FIREWALL = new StrictHttpFirewall();
    static final RequestRejectedHandler HANDLER = (request, response, e) -> response.sendError(400);

    @Bean
    HttpFirewall myFirewall() {
      return FIREWALL;
    }

    @Bean
    RequestRejectedHandler myHandler() {
      return HANDLER;
    }
  }
}
