package io.videokit.autoconfigure.properties;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * The one place where the Django package's environment names become videokit settings: each name of
 * {@link #NAMES} that is set (in the environment, or in any other property source) is copied to its
 * {@code videokit.*} key in a property source of the lowest precedence, so a {@code videokit.*} key
 * set anywhere else wins over the Django name. Registered in {@code META-INF/spring.factories}
 * under {@link EnvironmentPostProcessor}; it runs after the configuration files are loaded, so a
 * Django name in {@code application.properties} or an imported {@code .env} counts too.
 */
public class DjangoEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  /** The name of the property source holding the mapped values. */
  public static final String PROPERTY_SOURCE_NAME = "videokitDjangoEnvironmentNames";

  /** Runs right after the configuration files are loaded. */
  public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 1;

  /** Django environment name → videokit key, in the order the README lists them. */
  public static final Map<String, String> NAMES = names();

  /** Creates the post-processor; used by Spring Boot. */
  public DjangoEnvironmentPostProcessor() {}

  private static Map<String, String> names() {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("CLOUDFLARE_ACCOUNT_ID", CloudflareProperties.PREFIX + ".account-id");
    names.put("CLOUDFLARE_API_TOKEN", CloudflareProperties.PREFIX + ".api-token");
    names.put(
        "CLOUDFLARE_VIDEO_MAX_DURATION_SECONDS",
        CloudflareProperties.PREFIX + ".max-duration-seconds");
    names.put(
        "CLOUDFLARE_VIDEO_TRIM_DURATION_SECONDS",
        CloudflareProperties.PREFIX + ".trim-duration-seconds");
    names.put("CLOUDFLARE_VIDEO_AUTOMATIC_TRIM", CloudflareProperties.PREFIX + ".automatic-trim");
    return Collections.unmodifiableMap(names);
  }

  /**
   * Maps the Django names found in the environment.
   *
   * @param environment the application's environment
   * @param application the application, unused
   */
  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, @Nullable SpringApplication application) {
    apply(environment);
  }

  /**
   * Maps the Django names found in an environment onto their videokit keys, at the lowest
   * precedence; calling it again replaces the earlier mapping.
   *
   * @param environment the environment to read and extend
   */
  public static void apply(ConfigurableEnvironment environment) {
    MutablePropertySources sources = environment.getPropertySources();
    sources.remove(PROPERTY_SOURCE_NAME);
    Map<String, Object> mapped = new LinkedHashMap<>();
    NAMES.forEach((django, key) -> {
      String value = environment.getProperty(django);
      if (value != null && !value.isBlank()) {
        mapped.put(key, value.strip());
      }
    });
    if (!mapped.isEmpty()) {
      sources.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, mapped));
    }
  }

  /**
   * Runs right after the configuration files are loaded.
   *
   * @return {@link #ORDER}
   */
  @Override
  public int getOrder() {
    return ORDER;
  }
}
