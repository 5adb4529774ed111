package io.videokit.autoconfigure;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.videokit.autoconfigure.properties.SecurityProperties;
import io.videokit.jpa.ProcessedVideoSync;
import io.videokit.jpa.ProviderSync;
import io.videokit.jpa.SchedulerVideoAttributeJobs;
import io.videokit.jpa.VideoAttachPolicy;
import io.videokit.jpa.VideoAttributeJobs;
import io.videokit.jpa.VideoAttributeListener;
import io.videokit.jpa.VideoAttributeSweep;
import io.videokit.jpa.VideoAttributeSync;
import io.videokit.jpa.VideoAttributeTasks;
import io.videokit.jpa.VideoAttributes;
import io.videokit.jpa.VideoHolders;
import io.videokit.jpa.VideoJobObserver;
import io.videokit.jpa.VideoOrigins;
import io.videokit.local.LocalVideoProvider;
import io.videokit.local.VideoEntity;
import io.videokit.local.VideoService;
import io.videokit.video.RetryPolicy;
import io.videokit.video.provider.VideoProviders;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code Video} attributes on the application's JPA entities, for every provider: the attributes
 * found in the metamodel, the Hibernate listener (attach policy, provider naming, after-commit
 * jobs), the synchronisation and deletion jobs on db-scheduler, the sweep that gives every
 * unfinished held video a job every ten minutes, and the bridge from the self-hosted provider's
 * lifecycle events to an immediate synchronisation. Wiring only.
 */
@AutoConfiguration(
    after = {HibernateJpaAutoConfiguration.class, VideokitJpaAutoConfiguration.class},
    before = DbSchedulerAutoConfiguration.class)
@ConditionalOnClass({Scheduler.class, SessionFactoryImplementor.class})
@ConditionalOnBean(EntityManagerFactory.class)
@EnableConfigurationProperties(SecurityProperties.class)
public class VideokitAttributeAutoConfiguration {

  private static final Logger log =
      LoggerFactory.getLogger(VideokitAttributeAutoConfiguration.class);

  /** Failed synchronisation executions: 10 s doubling to 30 min, jittered, 10 attempts. */
  static final RetryPolicy SYNC_FAILURES =
      new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(30), 10, 1);

  /** Failed deletions: 10 s doubling to 1 h, jittered, 20 attempts (about 14 h in all). */
  static final RetryPolicy DELETE_FAILURES =
      new RetryPolicy(Duration.ofSeconds(10), Duration.ofHours(1), 20, 1);

  /** Unfinished videos are looked at again after a quarter of their age, 2 s to 5 min. */
  static final RetryPolicy UNFINISHED =
      RetryPolicy.exponential(Duration.ofSeconds(2), Duration.ofMinutes(5), 1);

  /** Creates the instance; used by Spring. */
  public VideokitAttributeAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  VideoAttributes videokitVideoAttributes(EntityManagerFactory emf) {
    // the self-hosted provider's own record is its business, not an application attribute
    VideoAttributes attributes =
        VideoAttributes.discover(emf.getMetamodel(), Set.of(VideoEntity.class));
    attributes.all().forEach(a -> log.info("video attribute {}.{}", a.entityName(), a.name()));
    return attributes;
  }

  @Bean
  @ConditionalOnMissingBean
  VideoHolders videokitVideoHolders(
      EntityManagerFactory emf,
      VideoAttributes attributes,
      PlatformTransactionManager transactionManager) {
    return new VideoHolders(
        SharedEntityManagerCreator.createSharedEntityManager(emf),
        attributes,
        new TransactionTemplate(transactionManager));
  }

  @Bean
  @ConditionalOnMissingBean
  VideoAttributeJobs videokitVideoAttributeJobs(ObjectProvider<SchedulerClient> scheduler) {
    return new SchedulerVideoAttributeJobs(scheduler::getObject);
  }

  @Bean
  @ConditionalOnMissingBean
  VideoAttributeSync videokitVideoAttributeSync(
      VideoHolders holders,
      VideoProviders providers,
      ObjectProvider<ProviderSync> own,
      ApplicationEventPublisher events,
      Clock clock) {
    return new VideoAttributeSync(
        holders, providers, own.orderedStream().toList(), UNFINISHED, events::publishEvent, clock);
  }

  @Bean
  Task<String> videokitVideoSyncTask(
      ObjectProvider<VideoAttributeSync> sync,
      Clock clock,
      ObjectProvider<VideoJobObserver> observer) {
    return VideoAttributeTasks.sync(sync::getObject, SYNC_FAILURES, clock, jobs(observer));
  }

  /** How often every unfinished held video is checked for a synchronisation job. */
  static final Duration SWEEP_INTERVAL = Duration.ofMinutes(10);

  /** Name of the sweep task in {@code scheduled_tasks}. */
  static final String SWEEP_TASK = "videokit-video-attribute-sweep";

  @Bean
  @ConditionalOnMissingBean
  VideoAttributeSweep videokitVideoAttributeSweep(
      VideoHolders holders, ObjectProvider<VideoAttributeJobs> jobs, Clock clock) {
    return new VideoAttributeSweep(holders, jobs::getObject, clock, 1000);
  }

  @Bean
  RecurringTask<Void> videokitVideoAttributeSweepTask(ObjectProvider<VideoAttributeSweep> sweep) {
    return Tasks.recurring(SWEEP_TASK, FixedDelay.of(SWEEP_INTERVAL))
        .execute((instance, context) -> sweep.getObject().run());
  }

  @Bean
  Task<String> videokitVideoDeleteTask(
      ObjectProvider<VideoAttributeSync> sync,
      Clock clock,
      ObjectProvider<VideoJobObserver> observer) {
    return VideoAttributeTasks.delete(
        sync::getObject, DELETE_FAILURES, "cloudflare", clock, jobs(observer));
  }

  /** The observers (metrics) looked up at each execution, so none is created early. */
  private static VideoJobObserver jobs(ObjectProvider<VideoJobObserver> observers) {
    return new VideoJobObserver() {
      @Override
      public void executed(Job job, Outcome outcome) {
        observers.forEach(o -> o.executed(job, outcome));
      }
    };
  }

  @Bean
  @ConditionalOnMissingBean
  VideoAttachPolicy videokitVideoAttachPolicy() {
    return VideoAttachPolicy.uploaderOrStaff();
  }

  /** The self-hosted provider's records say who uploaded a uid. */
  @Bean
  @ConditionalOnBean(VideoService.class)
  VideoOrigins videokitLocalVideoOrigins(VideoService videos) {
    return uid ->
        videos.find(uid).map(v -> new VideoOrigins.Origin(LocalVideoProvider.NAME, v.getCreator()));
  }

  @Bean
  VideoAttributeListener videokitVideoAttributeListener(
      VideoAttributes attributes,
      ObjectProvider<VideoAttributeJobs> jobs,
      ObjectProvider<VideoOrigins> origins,
      VideoAttachPolicy policy,
      ObjectProvider<VideoProviders> providers,
      SecurityProperties security,
      Clock clock) {
    VideoOrigins all = uid -> VideoOrigins.firstOf(origins.orderedStream().toList()).find(uid);
    return new VideoAttributeListener(
        attributes,
        jobs::getObject,
        all,
        () -> VideoOrigins.unrecordedUidProvider(providers.getObject(), LocalVideoProvider.NAME),
        policy,
        security.getStaffRole(),
        clock);
  }

  @Bean
  SmartInitializingSingleton videokitVideoAttributeListenerRegistration(
      EntityManagerFactory emf, VideoAttributes attributes, VideoAttributeListener listener) {
    return () -> {
      if (attributes.isEmpty()) {
        return;
      }
      EventListenerRegistry registry =
          emf.unwrap(SessionFactoryImplementor.class).getEventListenerRegistry();
      registry.appendListeners(EventType.PRE_INSERT, listener);
      registry.appendListeners(EventType.PRE_UPDATE, listener);
      registry.appendListeners(EventType.POST_COMMIT_INSERT, listener);
      registry.appendListeners(EventType.POST_COMMIT_UPDATE, listener);
      registry.appendListeners(EventType.POST_COMMIT_DELETE, listener);
    };
  }

  @Bean
  ProcessedVideoSync videokitProcessedVideoSync(
      ObjectProvider<VideoAttributeJobs> jobs,
      VideoAttributes attributes,
      VideoHolders holders,
      Clock clock) {
    return new ProcessedVideoSync(jobs::getObject, attributes, holders, clock);
  }
}
