package io.videokit.autoconfigure.tomcat;

import io.videokit.web.tomcat.ProblemErrorReportValve;
import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts {@link ProblemErrorReportValve} in place of the Host's {@link ErrorReportValve}: removes the
 * one Spring Boot adds (when {@code server.error.include-stacktrace=never}, the default) and makes
 * it the Host's error report class, so Tomcat adds no HTML one either. Runs after Spring Boot's own
 * Tomcat customizer.
 */
public final class ProblemErrorReportCustomizer
    implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

  /** Creates the customizer. */
  public ProblemErrorReportCustomizer() {}

  @Override
  public void customize(ConfigurableTomcatWebServerFactory factory) {
    factory.addContextCustomizers(context -> install(context.getParent()));
  }

  /**
   * Installs the valve in a Host's pipeline, replacing any other error report valve.
   *
   * @param host the Host (the parent of the application's context)
   */
  static void install(Container host) {
    Pipeline pipeline = host.getPipeline();
    boolean present = false;
    for (Valve valve : pipeline.getValves()) {
      if (valve instanceof ProblemErrorReportValve) {
        present = true;
      } else if (valve instanceof ErrorReportValve) {
        pipeline.removeValve(valve);
      }
    }
    if (host instanceof StandardHost standardHost) {
      standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
    }
    if (!present) {
      pipeline.addValve(new ProblemErrorReportValve());
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
