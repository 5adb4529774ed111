package io.videokit.autoconfigure.tomcat;

import io.videokit.web.tomcat.SendfileReportingProtocol;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Makes {@link SendfileReportingProtocol} the main connector's protocol, so that watch sessions
 * keep sendfile for long answers. An application that chose another protocol keeps it (its
 * transfers are then copied when an exact count is needed, as without this customizer).
 */
public final class SendfileReportingCustomizer
    implements WebServerFactoryCustomizer<TomcatWebServerFactory> {

  /** Creates the customizer. */
  public SendfileReportingCustomizer() {}

  @Override
  public void customize(TomcatWebServerFactory factory) {
    if (TomcatWebServerFactory.DEFAULT_PROTOCOL.equals(factory.getProtocol())) {
      factory.setProtocol(SendfileReportingProtocol.class.getName());
    }
  }
}
