package io.videokit.server;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reference server's OpenAPI description (springdoc at {@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}, both public): its title and its two ways to authenticate, HTTP Basic
 * and the login form's session cookie. videokit's auto-configuration adds the tus operations, the
 * problem responses and the catalogue.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

  /** Creates the configuration; used by Spring. */
  public OpenApiConfiguration() {}

  @Bean
  OpenAPI videokitServerOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("videokit")
                .version("0.1.0-SNAPSHOT")
                .description(
                    "The videokit reference server: tus 1.0.0 uploads, RFC 9110 range streaming,"
                        + " videos, shared videos, watch sessions, broadcasts and live ingest.")
                .license(
                    new License()
                        .name("Apache-2.0")
                        .url("https://www.apache.org/licenses/LICENSE-2.0")))
        .components(
            new Components()
                .addSecuritySchemes(
                    "basicAuth",
                    new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                .addSecuritySchemes(
                    "session",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.COOKIE)
                        .name("JSESSIONID")
                        .description("the session of the login form at /login")))
        // either scheme, or none: reads of ready videos and streaming are public
        .addSecurityItem(new SecurityRequirement().addList("basicAuth"))
        .addSecurityItem(new SecurityRequirement().addList("session"))
        .addSecurityItem(new SecurityRequirement());
  }
}
