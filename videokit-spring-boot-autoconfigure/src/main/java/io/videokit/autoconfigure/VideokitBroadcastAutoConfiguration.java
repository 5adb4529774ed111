package io.videokit.autoconfigure;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.videokit.autoconfigure.properties.BroadcastProperties;
import io.videokit.autoconfigure.properties.SecurityProperties;
import io.videokit.autoconfigure.properties.UploadProperties;
import io.videokit.broadcast.BroadcastIngest;
import io.videokit.broadcast.BroadcastJobs;
import io.videokit.broadcast.BroadcastLiveTargets;
import io.videokit.broadcast.BroadcastService;
import io.videokit.broadcast.BroadcastStore;
import io.videokit.broadcast.DefaultBroadcast;
import io.videokit.broadcast.HlsPutIngest;
import io.videokit.broadcast.JpaBroadcastStore;
import io.videokit.core.storage.MediaStorage;
import io.videokit.live.HlsPutHandler;
import io.videokit.live.LiveLimits;
import io.videokit.web.broadcast.BroadcastController;
import io.videokit.web.broadcast.LiveIngestController;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Live broadcasts: the {@link DefaultBroadcast} store on JPA (an application replaces the {@link
 * BroadcastStore} bean to use its own entity), the service from {@code videokit.broadcast.*}, and
 * the endpoints in a servlet application. Wiring only.
 */
@AutoConfiguration(
    after = {HibernateJpaAutoConfiguration.class, VideokitAutoConfiguration.class},
    before = DbSchedulerAutoConfiguration.class)
@ConditionalOnClass({BroadcastService.class, EntityManager.class})
@ConditionalOnBean(EntityManagerFactory.class)
@ConditionalOnProperty(prefix = "videokit.broadcast", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties({
  BroadcastProperties.class,
  SecurityProperties.class,
  UploadProperties.class
})
public class VideokitBroadcastAutoConfiguration {
  /** Creates the instance; used by Spring or by hand. */
  public VideokitBroadcastAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  BroadcastStore<?> videokitBroadcastStore(EntityManagerFactory entityManagerFactory) {
    return new JpaBroadcastStore<>(
        SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory),
        DefaultBroadcast.class,
        DefaultBroadcast::new);
  }

  @Bean
  @ConditionalOnMissingBean
  BroadcastService<?> videokitBroadcastService(
      BroadcastStore<?> store,
      PlatformTransactionManager transactionManager,
      Clock clock,
      BroadcastProperties properties,
      ObjectProvider<BroadcastIngest> ingests) {
    return new BroadcastService<>(
        store,
        new TransactionTemplate(transactionManager),
        clock,
        new BroadcastService.Settings(
            properties.getIngestBasePath(),
            properties.getMaxLivePerUser(),
            properties.getDefaultKind()),
        ingests.orderedStream().toList());
  }

  @Bean
  @ConditionalOnMissingBean
  BroadcastJobs videokitBroadcastJobs(BroadcastService<?> broadcasts, Clock clock) {
    return new BroadcastJobs(broadcasts, clock);
  }

  /** The HLS-over-PUT ingest, on videokit's own media store. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(MediaStorage.class)
  static class HlsPut {
    @Bean
    @ConditionalOnMissingBean
    HlsPutHandler videokitHlsPutHandler(
        MediaStorage storage,
        ObjectProvider<BroadcastService<?>> broadcasts,
        UploadProperties uploads,
        BroadcastProperties properties,
        Clock clock)
        throws IOException {
      Path temp = Files.createDirectories(uploads.getDirectory().resolve("live"));
      return new HlsPutHandler(
          properties.getIngestBasePath(),
          storage,
          new BroadcastLiveTargets(broadcasts::getObject, LiveLimits.defaults()),
          temp,
          clock);
    }

    @Bean
    HlsPutIngest videokitHlsPutIngest(HlsPutHandler handler, MediaStorage storage) {
      return new HlsPutIngest(handler, storage);
    }
  }

  /** Idle broadcasts stopped and recordings collected, on db-scheduler (one instance at a time). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Scheduler.class)
  static class Jobs {
    /** Name of the broadcast maintenance task in {@code scheduled_tasks}. */
    static final String TASK = "videokit-broadcast-maintenance";

    @Bean
    RecurringTask<Void> videokitBroadcastMaintenanceTask(
        ObjectProvider<BroadcastJobs> jobs, BroadcastProperties properties) {
      return Tasks.recurring(TASK, FixedDelay.of(properties.getMaintenanceInterval()))
          .execute((instance, context) -> {
            jobs.getObject().stopIdle(properties.getIdleTimeout());
            jobs.getObject().collectRecordings(properties.getRecordingTimeout(), 20);
          });
    }
  }

  /** The endpoints, in a servlet application with videokit-web. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(BroadcastController.class)
  static class Web {
    // on HlsPut's own condition: a bean of a sibling nested class is not reliably registered yet
    // when this condition is evaluated (the controller was missing and PUTs met the static handler)
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(MediaStorage.class)
    LiveIngestController videokitLiveIngestController(HlsPutHandler handler) {
      return new LiveIngestController(handler);
    }

    @Bean
    @ConditionalOnMissingBean
    BroadcastController videokitBroadcastController(
        BroadcastService<?> broadcasts,
        BroadcastProperties properties,
        SecurityProperties security) {
      return new BroadcastController(
          broadcasts, properties.getIngestBasePath(), security.getStaffRole());
    }
  }
}
