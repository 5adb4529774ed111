package io.videokit.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Every {@code @Bean} method of every auto-configuration (the classes listed in {@code
 * AutoConfiguration.imports} and their nested configuration classes) backs off when the application
 * declares its own bean ({@code @ConditionalOnMissingBean}), unless it is one of the exceptions
 * below — the same list, with the same reasons, as the README's "Replacing beans" section. A new
 * bean method without the condition and without a documented reason fails here.
 */
class ConditionalOnMissingBeanAuditTest {

  /**
   * {@code Class#method} → why the bean does not back off. Keep in step with the README ("Replacing
   * beans").
   */
  static final Map<String, String> EXCEPTIONS = new TreeMap<>();

  static {
    EXCEPTIONS.put(
        "VideokitSchemaAutoConfiguration#videokitEntityManagerFactoryDependsOnSchema",
        "ordering post-processor: migration before JPA");
    EXCEPTIONS.put(
        "SchedulerDependsOnSchema#videokitSchedulerDependsOnSchema",
        "ordering post-processor: migration before db-scheduler");
    EXCEPTIONS.put(
        "EntityScanRegistration#videokitEntityScanPackages",
        "adds videokit's entities to an application's @EntityScan");
    EXCEPTIONS.put(
        "VideokitJpaAutoConfiguration#videokitJsonFunctions",
        "customizer that only sets absent Hibernate properties");
    EXCEPTIONS.put(
        "InProcessQueue#videokitProcessingExecutor",
        "only without db-scheduler; replace VideoProcessor instead");
    EXCEPTIONS.put(
        "VideokitJobsAutoConfiguration#videokitProcessVideoTask",
        "db-scheduler task, found by name; Task beans are many");
    EXCEPTIONS.put(
        "VideokitJobsAutoConfiguration#videokitRemoveExpiredUploadsTask",
        "db-scheduler task, found by name; Task beans are many");
    EXCEPTIONS.put(
        "VideokitAttributeAutoConfiguration#videokitVideoSyncTask",
        "db-scheduler task, found by name; Task beans are many");
    EXCEPTIONS.put(
        "VideokitAttributeAutoConfiguration#videokitVideoDeleteTask",
        "db-scheduler task, found by name; Task beans are many");
    EXCEPTIONS.put(
        "VideokitAttributeAutoConfiguration#videokitVideoAttributeSweepTask",
        "db-scheduler task, found by name; Task beans are many");
    EXCEPTIONS.put(
        "LiveMeters#videokitLiveStreamMetrics",
        "startup wiring: hands the stream observer to every HLS-over-PUT handler");
    EXCEPTIONS.put(
        "Jobs#videokitBroadcastMaintenanceTask",
        "db-scheduler task, found by name; Task beans are many");
    EXCEPTIONS.put("Uploads#videokitUploadCors", "one UploadCors per endpoint, both may exist");
    EXCEPTIONS.put(
        "Web#videokitCloudflareUploadCors", "one UploadCors per endpoint, both may exist");
    EXCEPTIONS.put(
        "VideokitAttributeAutoConfiguration#videokitLocalVideoOrigins",
        "one VideoOrigins per provider, all consulted");
    EXCEPTIONS.put(
        "Synchronisation#videokitCloudflareVideoOrigins",
        "one VideoOrigins per provider, all consulted");
    EXCEPTIONS.put(
        "VideokitAttributeAutoConfiguration#videokitVideoAttributeListener",
        "the Video attribute itself; its policy is replaceable");
    EXCEPTIONS.put(
        "VideokitAttributeAutoConfiguration#videokitVideoAttributeListenerRegistration",
        "registers that listener with Hibernate");
    EXCEPTIONS.put(
        "VideokitAttributeAutoConfiguration#videokitProcessedVideoSync",
        "the Video attribute's event wiring");
    EXCEPTIONS.put("Uploads#videokitInterruptedCompletions", "startup wiring of the tus handler");
    EXCEPTIONS.put("Web#videokitCloudflareUploadPathAlias", "registers the proxy's second path");
    EXCEPTIONS.put(
        "HlsPut#videokitHlsPutIngest", "one BroadcastIngest per endpoint kind, all registered");
    EXCEPTIONS.put(
        "VideokitRelayAutoConfiguration#videokitSrtIngest",
        "one BroadcastIngest per endpoint kind, all registered");
    EXCEPTIONS.put(
        "VideokitRelayAutoConfiguration#videokitRtmpIngest",
        "one BroadcastIngest per endpoint kind, all registered");
  }

  @Test
  void everyAutoConfiguredBeanBacksOffOrIsADocumentedException() throws Exception {
    List<String> missing = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (Class<?> configuration : autoConfigurations()) {
      collect(configuration, missing, all);
    }
    assertThat(all).hasSizeGreaterThan(40);
    assertThat(missing).as("@Bean methods without @ConditionalOnMissingBean").isEmpty();
    assertThat(all)
        .as("every documented exception is still a bean method")
        .containsAll(EXCEPTIONS.keySet());
  }

  private static void collect(Class<?> type, List<String> missing, List<String> all) {
    for (Method method : type.getDeclaredMethods()) {
      if (!method.isAnnotationPresent(Bean.class)) {
        continue;
      }
      String name = type.getSimpleName() + "#" + method.getName();
      all.add(name);
      if (!method.isAnnotationPresent(ConditionalOnMissingBean.class)
          && !EXCEPTIONS.containsKey(name)) {
        missing.add(name);
      }
    }
    for (Class<?> nested : type.getDeclaredClasses()) {
      collect(nested, missing, all);
    }
  }

  private static List<Class<?>> autoConfigurations() throws IOException, ClassNotFoundException {
    String resource =
        "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";
    List<Class<?>> classes = new ArrayList<>();
    try (InputStream in =
        ConditionalOnMissingBeanAuditTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).isNotNull();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String name = line.strip();
        if (!name.isEmpty() && !name.startsWith("#") && name.startsWith("io.videokit.")) {
          classes.add(Class.forName(name));
        }
      }
    }
    return classes;
  }
}
