package io.videokit.autoconfigure;

import io.videokit.autoconfigure.properties.MediaProperties;
import io.videokit.autoconfigure.properties.WatchProperties;
import io.videokit.core.media.MediaProbe;
import io.videokit.core.storage.MediaStorage;
import io.videokit.core.tus.UploadHooks;
import io.videokit.core.tus.UserUsage;
import io.videokit.local.DiscoveredFfprobe;
import io.videokit.local.InProcessProcessingQueue;
import io.videokit.local.LocalTasks;
import io.videokit.local.VideoProcessingQueue;
import io.videokit.local.VideoProcessor;
import io.videokit.local.VideoRepository;
import io.videokit.local.VideoService;
import io.videokit.local.VideoStorageUsage;
import io.videokit.local.VideoUploadHooks;
import io.videokit.web.watch.JpaWatchSessionRecorder;
import io.videokit.web.watch.StoredTimeIndexes;
import io.videokit.web.watch.WatchSessionQuery;
import io.videokit.web.watch.WatchSessionRecorder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Videos and watch sessions on JPA: repository, service, processing, upload completion hooks and
 * the watch-session recorder. Enables HQL JSON functions so that the video document can be queried
 * by JSON path on H2 and PostgreSQL.
 */
@AutoConfiguration(after = {HibernateJpaAutoConfiguration.class, VideokitAutoConfiguration.class})
@ConditionalOnClass(EntityManager.class)
@ConditionalOnBean(EntityManagerFactory.class)
@EnableConfigurationProperties({MediaProperties.class, WatchProperties.class})
public class VideokitJpaAutoConfiguration {
  /** Creates the instance; used by Spring or by hand. */
  public VideokitJpaAutoConfiguration() {}

  private static final Logger log = LoggerFactory.getLogger(VideokitJpaAutoConfiguration.class);

  /**
   * JSON functions in HQL, and JSON columns written with Jackson 3 (videokit's JSON library) even
   * when Jackson 2 is also on the class path, where Hibernate would otherwise pick Jackson 2.
   */
  @Bean
  static HibernatePropertiesCustomizer videokitJsonFunctions() {
    return properties -> {
      properties.putIfAbsent("hibernate.query.hql.json_functions_enabled", "true");
      if (org.springframework.util.ClassUtils.isPresent(
          JACKSON3_FORMAT_MAPPER, VideokitJpaAutoConfiguration.class.getClassLoader())) {
        properties.putIfAbsent("hibernate.type.json_format_mapper", JACKSON3_FORMAT_MAPPER);
      }
    };
  }

  private static final String JACKSON3_FORMAT_MAPPER =
      "org.hibernate.type.format.jackson.Jackson3JsonFormatMapper";

  @Bean
  @ConditionalOnMissingBean
  VideoRepository videokitVideoRepository(EntityManagerFactory entityManagerFactory) {
    return new VideoRepository(
        SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory));
  }

  @Bean
  @ConditionalOnMissingBean
  VideoService videokitVideoService(
      VideoRepository repository,
      MediaStorage storage,
      PlatformTransactionManager transactionManager,
      ApplicationEventPublisher events,
      Clock clock) {
    return new VideoService(
        repository, storage, new TransactionTemplate(transactionManager), events, clock);
  }

  @Bean
  @ConditionalOnMissingBean
  MediaProbe videokitMediaProbe(MediaProperties media) {
    return new DiscoveredFfprobe(media.getFfprobe());
  }

  @Bean
  @ConditionalOnMissingBean
  VideoProcessor videokitVideoProcessor(
      VideoService videos,
      MediaStorage storage,
      ObjectProvider<MediaProbe> probe,
      MediaProperties media,
      ApplicationEventPublisher events,
      Clock clock) {
    MediaProbe selected = media.isProbe() ? probe.getIfAvailable() : null;
    if (selected instanceof DiscoveredFfprobe discovered && !discovered.isAvailable()) {
      selected = null;
    }
    return new VideoProcessor(videos, storage, selected, events, clock);
  }

  @Bean
  @ConditionalOnMissingBean
  UploadHooks videokitUploadHooks(VideoService videos, ObjectProvider<VideoProcessingQueue> queue) {
    return new VideoUploadHooks(videos, uid -> queue.getObject().enqueue(uid));
  }

  /** The per-user quota's stored bytes: the sizes of the user's videos. */
  @Bean
  @ConditionalOnMissingBean
  UserUsage videokitUserUsage(
      VideoRepository repository, PlatformTransactionManager transactionManager) {
    return new VideoStorageUsage(repository, new TransactionTemplate(transactionManager));
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "videokit.watch", name = "enabled", matchIfMissing = true)
  WatchSessionRecorder videokitWatchSessionRecorder(
      EntityManagerFactory entityManagerFactory,
      PlatformTransactionManager transactionManager,
      WatchProperties watch,
      MediaStorage storage) {
    return new JpaWatchSessionRecorder(
        SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory),
        new TransactionTemplate(transactionManager),
        watch.getIdleTimeout(),
        watch.getFlushInterval(),
        new StoredTimeIndexes(storage));
  }

  @Bean
  @ConditionalOnMissingBean
  WatchSessionQuery videokitWatchSessionQuery(
      EntityManagerFactory entityManagerFactory, PlatformTransactionManager transactionManager) {
    return new WatchSessionQuery(
        SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory),
        new TransactionTemplate(transactionManager));
  }

  /**
   * Without db-scheduler, processing runs on a small in-process pool right away (not persistent).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingClass("com.github.kagkarlsson.scheduler.Scheduler")
  static class InProcessQueue {
    @Bean(destroyMethod = "shutdown")
    ExecutorService videokitProcessingExecutor() {
      AtomicInteger threads = new AtomicInteger();
      return Executors.newFixedThreadPool(
          2, task -> new Thread(task, LocalTasks.PROCESSING_THREAD + threads.incrementAndGet()));
    }

    @Bean
    @ConditionalOnMissingBean
    VideoProcessingQueue videokitVideoProcessingQueue(
        ExecutorService videokitProcessingExecutor, VideoProcessor processor) {
      return new InProcessProcessingQueue(videokitProcessingExecutor, processor);
    }
  }
}
