package io.videokit.autoconfigure.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.cloudflare.sync.DurationExceededAction;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The Django package's environment names become videokit keys, below any explicit key. */
class DjangoEnvironmentPostProcessorTest {

  /** What the README's table promises, spelled out here rather than read from the class. */
  private static final Map<String, String> TABLE =
      Map.of(
          "CLOUDFLARE_ACCOUNT_ID", "videokit.cloudflare.account-id",
          "CLOUDFLARE_API_TOKEN", "videokit.cloudflare.api-token",
          "CLOUDFLARE_VIDEO_MAX_DURATION_SECONDS", "videokit.cloudflare.max-duration-seconds",
          "CLOUDFLARE_VIDEO_TRIM_DURATION_SECONDS", "videokit.cloudflare.trim-duration-seconds",
          "CLOUDFLARE_VIDEO_AUTOMATIC_TRIM", "videokit.cloudflare.automatic-trim");

  private static ConfigurableEnvironment environment(Map<String, Object> values) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", values));
    return environment;
  }

  private static CloudflareProperties bind(ConfigurableEnvironment environment) {
    return Binder.get(environment)
        .bindOrCreate(CloudflareProperties.PREFIX, CloudflareProperties.class);
  }

  @Test
  void theTableIsTheOneTheReadmeDocuments() {
    assertThat(DjangoEnvironmentPostProcessor.NAMES).containsExactlyInAnyOrderEntriesOf(TABLE);
  }

  @Test
  void mapsEachDjangoNameToItsVideokitKey() {
    TABLE.forEach((django, key) -> {
      ConfigurableEnvironment environment = environment(Map.of(django, "42"));

      DjangoEnvironmentPostProcessor.apply(environment);

      assertThat(environment.getProperty(key)).as(django).isEqualTo("42");
    });
  }

  @Test
  void theMappedValuesBindAsTheDjangoPackageMeantThem() {
    ConfigurableEnvironment environment =
        environment(
            Map.of(
                "CLOUDFLARE_ACCOUNT_ID", "abc123",
                "CLOUDFLARE_API_TOKEN", "t0ken",
                "CLOUDFLARE_VIDEO_MAX_DURATION_SECONDS", "3600",
                "CLOUDFLARE_VIDEO_TRIM_DURATION_SECONDS", "30",
                "CLOUDFLARE_VIDEO_AUTOMATIC_TRIM", "True"));

    DjangoEnvironmentPostProcessor.apply(environment);
    CloudflareProperties properties = bind(environment);

    assertThat(properties.getAccountId()).isEqualTo("abc123");
    assertThat(properties.getApiToken()).isEqualTo("t0ken");
    assertThat(properties.getMaxDurationSeconds()).isEqualTo(3600);
    assertThat(properties.getTrimDurationSeconds()).isEqualTo(30);
    assertThat(properties.isAutomaticTrim()).isTrue();
    assertThat(properties.getDurationExceeded()).isEqualTo(DurationExceededAction.KEEP);
  }

  @Test
  void anExplicitVideokitKeyWinsOverTheDjangoName() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("CLOUDFLARE_ACCOUNT_ID", "from-django");
    values.put("videokit.cloudflare.account-id", "explicit");
    // the old fallback turned a false automatic-trim into the Django name's true
    values.put("CLOUDFLARE_VIDEO_AUTOMATIC_TRIM", "true");
    values.put("videokit.cloudflare.automatic-trim", "false");
    ConfigurableEnvironment environment = environment(values);

    DjangoEnvironmentPostProcessor.apply(environment);
    CloudflareProperties properties = bind(environment);

    assertThat(properties.getAccountId()).isEqualTo("explicit");
    assertThat(properties.isAutomaticTrim()).isFalse();
  }

  @Test
  void unsetOrBlankNamesAddNothing() {
    ConfigurableEnvironment environment = environment(Map.of("CLOUDFLARE_API_TOKEN", "  "));

    DjangoEnvironmentPostProcessor.apply(environment);

    assertThat(environment.getPropertySources())
        .noneMatch(s -> s.getName().equals(DjangoEnvironmentPostProcessor.PROPERTY_SOURCE_NAME));
    assertThat(environment.containsProperty("videokit.cloudflare.api-token")).isFalse();
  }

  @Test
  void springBootRunsItFromSpringFactories() {
    SpringApplication application = new SpringApplication(Empty.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setEnvironment(
        environment(
            Map.of(
                "CLOUDFLARE_ACCOUNT_ID", "from-django",
                "CLOUDFLARE_API_TOKEN", "t0ken",
                "videokit.cloudflare.api-token", "explicit")));

    try (ConfigurableApplicationContext context =
        application.run("--spring.main.banner-mode=off")) {
      assertThat(context.getEnvironment().getProperty("videokit.cloudflare.account-id"))
          .isEqualTo("from-django");
      assertThat(context.getEnvironment().getProperty("videokit.cloudflare.api-token"))
          .isEqualTo("explicit");
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Empty {}
}
