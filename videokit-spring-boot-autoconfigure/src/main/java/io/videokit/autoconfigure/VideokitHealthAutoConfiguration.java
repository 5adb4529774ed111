package io.videokit.autoconfigure;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import io.videokit.autoconfigure.health.CloudflareHealthIndicator;
import io.videokit.autoconfigure.health.JobEngineHealthIndicator;
import io.videokit.autoconfigure.health.MediaToolsHealthIndicator;
import io.videokit.autoconfigure.health.StorageHealthIndicator;
import io.videokit.autoconfigure.properties.CloudflareProperties;
import io.videokit.autoconfigure.properties.HealthProperties;
import io.videokit.autoconfigure.properties.MediaProperties;
import io.videokit.autoconfigure.properties.StorageProperties;
import io.videokit.autoconfigure.properties.UploadProperties;
import io.videokit.broadcast.HlsRemux;
import io.videokit.cloudflare.CloudflareStreamClient;
import io.videokit.core.media.MediaProbe;
import io.videokit.core.storage.LocalMediaStorage;
import io.videokit.core.storage.MediaStorage;
import io.videokit.core.tus.LocalUploadStore;
import io.videokit.core.tus.UploadStore;
import io.videokit.core.tus.UsableSpace;
import io.videokit.local.DiscoveredFfprobe;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.ClassUtils;

/**
 * videokit's Actuator health contributors, when Spring Boot's health support is on the class path.
 * Each is named after its bean (Spring Boot drops the {@code HealthIndicator} suffix), switched off
 * with {@code management.health.<name>.enabled=false} and replaced by declaring a bean of the same
 * name:
 *
 * <ul>
 *   <li>{@code videokitStorage} ({@code management.health.videokit-storage.enabled}): the local
 *       media root and upload directory are writable and above {@code
 *       videokit.uploads.min-free-space};
 *   <li>{@code videokitMediaTools} ({@code videokit-media-tools}): the ffprobe and ffmpeg videokit
 *       found; a missing one is UP with details, never DOWN;
 *   <li>{@code videokitCloudflare} ({@code videokit-cloudflare}): when Cloudflare is configured,
 *       its API accepts the credentials (cached {@code videokit.health.cloudflare.cache-for});
 *   <li>{@code videokitJobs} ({@code videokit-jobs}): no dead or overdue db-scheduler executions.
 * </ul>
 */
@AutoConfiguration(
    after = {
      HealthContributorAutoConfiguration.class,
      VideokitAutoConfiguration.class,
      VideokitJpaAutoConfiguration.class,
      VideokitWebAutoConfiguration.class,
      VideokitJobsAutoConfiguration.class,
      VideokitCloudflareAutoConfiguration.class,
      DbSchedulerAutoConfiguration.class
    })
@ConditionalOnClass({HealthIndicator.class, HealthContributorAutoConfiguration.class})
@EnableConfigurationProperties({
  HealthProperties.class,
  StorageProperties.class,
  UploadProperties.class,
  MediaProperties.class
})
public class VideokitHealthAutoConfiguration {

  /** Creates the instance; used by Spring or by hand. */
  public VideokitHealthAutoConfiguration() {}

  /**
   * The directories of videokit's own local stores. A store is videokit's when it is a local one or
   * when its bean is still videokit's definition (an application may decorate the bean, e.g. for
   * metrics, and the decorator is no {@link LocalMediaStorage}); an application's own store (S3, a
   * database) has no local directory to check.
   */
  @Bean
  @ConditionalOnBean(MediaStorage.class)
  @ConditionalOnMissingBean(name = "videokitStorageHealthIndicator")
  @ConditionalOnEnabledHealthIndicator("videokit-storage")
  HealthIndicator videokitStorageHealthIndicator(
      MediaStorage storage,
      ObjectProvider<UploadStore> uploadStore,
      StorageProperties storageProperties,
      UploadProperties uploads,
      ObjectProvider<UsableSpace> space,
      ListableBeanFactory beans) {
    Map<String, Path> directories = new LinkedHashMap<>();
    if (storage instanceof LocalMediaStorage local) {
      directories.put("media", local.root());
    } else if (beans.containsBeanDefinition(VIDEOKIT_MEDIA_STORAGE)) {
      directories.put("media", storageProperties.getLocal().getRoot());
    }
    if (uploadStore.getIfAvailable() instanceof LocalUploadStore
        || beans.containsBeanDefinition(VIDEOKIT_UPLOAD_STORE)) {
      directories.put("uploads", uploads.getDirectory());
    }
    return new StorageHealthIndicator(
        directories,
        uploads.getMinFreeSpace().toBytes(),
        space.getIfAvailable(UsableSpace::fileStores));
  }

  /** The bean names of {@link VideokitAutoConfiguration}'s stores (absent when replaced). */
  private static final String VIDEOKIT_MEDIA_STORAGE = "videokitMediaStorage";

  private static final String VIDEOKIT_UPLOAD_STORE = "videokitUploadStore";

  /** ffprobe as the self-hosted provider discovers it, ffmpeg as the broadcasts do. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(DiscoveredFfprobe.class)
  static class MediaTools {

    @Bean
    @ConditionalOnMissingBean(name = "videokitMediaToolsHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("videokit-media-tools")
    HealthIndicator videokitMediaToolsHealthIndicator(
        ObjectProvider<MediaProbe> probe, MediaProperties media, ListableBeanFactory beans) {
      List<MediaToolsHealthIndicator.Tool> tools = new ArrayList<>();
      DiscoveredFfprobe ffprobe = ffprobe(probe.getIfAvailable(), media, beans);
      if (media.isProbe() && ffprobe != null) {
        tools.add(
            new MediaToolsHealthIndicator.Tool(
                "ffprobe",
                ffprobe::executable,
                media.getFfprobe() != null,
                "uploads become ready videos without duration or dimensions; they still play"));
      }
      if (ClassUtils.isPresent(
          "io.videokit.broadcast.HlsRemux", MediaTools.class.getClassLoader())) {
        tools.add(
            new MediaToolsHealthIndicator.Tool(
                "ffmpeg",
                Ffmpeg.discovered(media.getFfprobe()),
                false,
                "broadcasts get no thumbnail and no recording; SRT and RTMP cannot be relayed"));
      }
      return new MediaToolsHealthIndicator(tools);
    }

    /**
     * The probe's own discovery: the bean itself, or (when an application decorated videokit's
     * bean) the same discovery on the same setting; null for an application's own probe.
     */
    private static @Nullable DiscoveredFfprobe ffprobe(
        @Nullable MediaProbe probe, MediaProperties media, ListableBeanFactory beans) {
      if (probe instanceof DiscoveredFfprobe discovered) {
        return discovered;
      }
      return beans.containsBeanDefinition("videokitMediaProbe")
          ? new DiscoveredFfprobe(media.getFfprobe())
          : null;
    }
  }

  /** Loaded only when videokit-broadcast is on the class path. */
  static final class Ffmpeg {
    private Ffmpeg() {}

    /** The broadcasts' ffmpeg discovery, run once (it may unpack a bundled executable). */
    static Supplier<@Nullable Path> discovered(@Nullable Path ffprobe) {
      AtomicReference<@Nullable Optional<Path>> found = new AtomicReference<>();
      return () ->
          found
              .updateAndGet(known ->
                  known != null ? known : Optional.ofNullable(HlsRemux.discoverFfmpeg(ffprobe)))
              .orElse(null);
    }
  }

  /** The Cloudflare API, when the provider is configured. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(CloudflareStreamClient.class)
  @ConditionalOnBean(CloudflareStreamClient.class)
  @EnableConfigurationProperties(CloudflareProperties.class)
  static class Cloudflare {

    @Bean
    @ConditionalOnMissingBean(name = "videokitCloudflareHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("videokit-cloudflare")
    HealthIndicator videokitCloudflareHealthIndicator(
        CloudflareStreamClient client,
        CloudflareProperties cloudflare,
        HealthProperties health,
        Clock clock) {
      return new CloudflareHealthIndicator(
          client, cloudflare.getBaseUrl().toString(), health.getCloudflare().getCacheFor(), clock);
    }
  }

  /** db-scheduler's table. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({Scheduler.class, DbSchedulerProperties.class, JdbcClient.class})
  @ConditionalOnBean({Scheduler.class, DataSource.class})
  static class Jobs {

    /** db-scheduler's defaults, when its properties bean is absent. */
    private static final Duration HEARTBEAT_INTERVAL = Duration.ofMinutes(5);

    private static final int MISSED_HEARTBEATS_LIMIT = 6;

    @Bean
    @ConditionalOnMissingBean(name = "videokitJobsHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("videokit-jobs")
    HealthIndicator videokitJobsHealthIndicator(
        DataSource dataSource,
        ObjectProvider<DbSchedulerProperties> scheduler,
        HealthProperties health,
        Clock clock) {
      DbSchedulerProperties properties = scheduler.getIfAvailable();
      String table = properties == null ? "scheduled_tasks" : properties.getTableName();
      Duration heartbeat =
          properties == null ? HEARTBEAT_INTERVAL : properties.getHeartbeatInterval();
      int limit =
          properties == null ? MISSED_HEARTBEATS_LIMIT : properties.getMissedHeartbeatsLimit();
      Duration deadAfter = health.getJobs().getDeadAfter();
      return new JobEngineHealthIndicator(
          JdbcClient.create(dataSource),
          table,
          health.getJobs().getOverdueAfter(),
          deadAfter != null ? deadAfter : heartbeat.multipliedBy(2L * limit),
          clock);
    }
  }
}
