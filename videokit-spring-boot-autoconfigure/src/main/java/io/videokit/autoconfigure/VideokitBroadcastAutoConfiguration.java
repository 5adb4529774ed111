package io.videokit.autoconfigure;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.videokit.autoconfigure.properties.BroadcastProperties;
import io.videokit.autoconfigure.properties.MediaProperties;
import io.videokit.autoconfigure.properties.SecurityProperties;
import io.videokit.autoconfigure.properties.UploadProperties;
import io.videokit.broadcast.BroadcastIngest;
import io.videokit.broadcast.BroadcastJobs;
import io.videokit.broadcast.BroadcastLiveTargets;
import io.videokit.broadcast.BroadcastService;
import io.videokit.broadcast.BroadcastStore;
import io.videokit.broadcast.BroadcastThumbnails;
import io.videokit.broadcast.DefaultBroadcast;
import io.videokit.broadcast.EndpointKind;
import io.videokit.broadcast.HlsPutIngest;
import io.videokit.broadcast.HlsRemux;
import io.videokit.broadcast.JpaBroadcastStore;
import io.videokit.broadcast.LiveInputIngest;
import io.videokit.broadcast.LiveRecorder;
import io.videokit.cloudflare.CloudflareVideoProvider;
import io.videokit.core.storage.MediaStorage;
import io.videokit.core.watch.ClientAddressResolver;
import io.videokit.live.HlsPutHandler;
import io.videokit.live.LiveLimits;
import io.videokit.live.LiveListener;
import io.videokit.live.LiveThumbnails;
import io.videokit.local.VideoProcessingQueue;
import io.videokit.local.VideoService;
import io.videokit.web.broadcast.BroadcastController;
import io.videokit.web.broadcast.LiveIngestController;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
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
    after = {
      HibernateJpaAutoConfiguration.class,
      VideokitAutoConfiguration.class,
      VideokitProviderAutoConfiguration.class,
      VideokitJpaAutoConfiguration.class
    },
    before = DbSchedulerAutoConfiguration.class)
@ConditionalOnClass({BroadcastService.class, EntityManager.class})
@ConditionalOnBean(EntityManagerFactory.class)
@ConditionalOnProperty(prefix = "videokit.broadcast", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties({
  BroadcastProperties.class,
  MediaProperties.class,
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
        Clock clock,
        MediaProperties media,
        ObjectProvider<ClientAddressResolver> addresses,
        @Qualifier("applicationTaskExecutor") ObjectProvider<Executor> executor)
        throws IOException {
      Path temp = Files.createDirectories(uploads.getDirectory().resolve("live"));
      Path ffmpeg = HlsRemux.discoverFfmpeg(media.getFfprobe());
      LiveListener listener =
          ffmpeg == null
              ? LiveListener.NONE
              : new BroadcastThumbnails(
                  new LiveThumbnails(storage, ffmpeg, temp, Runnable::run),
                  broadcasts::getObject,
                  executor.getIfAvailable(
                      () -> task -> new Thread(task, "videokit-thumbnail").start()));
      return new HlsPutHandler(
          properties.getIngestBasePath(),
          storage,
          new BroadcastLiveTargets(broadcasts::getObject, LiveLimits.defaults()),
          temp,
          clock,
          listener,
          addresses.getIfAvailable(() -> new ClientAddressResolver(List.of())));
    }

    /** Ended broadcasts are remuxed with ffmpeg (if found) and given to the recorder (if any). */
    @Bean
    HlsPutIngest videokitHlsPutIngest(
        HlsPutHandler handler,
        MediaStorage storage,
        ObjectProvider<LiveRecorder> recorder,
        UploadProperties uploads,
        MediaProperties media) {
      Path ffmpeg = HlsRemux.discoverFfmpeg(media.getFfprobe());
      HlsRemux remux =
          ffmpeg == null
              ? null
              : new HlsRemux(
                  storage, ffmpeg, uploads.getDirectory().resolve("recordings"), REMUX_TIMEOUT);
      return new HlsPutIngest(handler, storage, remux, recorder.getIfAvailable());
    }

    /** Longest a recording's remux may take (a copy, no encoding: minutes for hours of video). */
    static final Duration REMUX_TIMEOUT = Duration.ofHours(1);

    /**
     * The ingest endpoint, nested here rather than conditional on the handler bean: javac lists
     * member classes in no promised order and Spring evaluates them in that order, so a sibling's
     * {@code @ConditionalOnBean(HlsPutHandler.class)} ran before the handler was defined and the
     * ingest was never mapped (every PUT answered 404).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(LiveIngestController.class)
    static class Endpoint {
      @Bean
      @ConditionalOnMissingBean
      LiveIngestController videokitLiveIngestController(HlsPutHandler handler) {
        return new LiveIngestController(handler);
      }
    }
  }

  /** Recordings become videos of the self-hosted provider, processed like uploads. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(VideoService.class)
  static class LocalRecordings {
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(VideoService.class)
    LiveRecorder videokitLiveRecorder(
        VideoService videos, ObjectProvider<VideoProcessingQueue> queue) {
      return (broadcast, uid, file) -> {
        String created =
            videos.importFile(uid, broadcast.getOwner(), broadcast.getName(), file).uid();
        queue.getObject().enqueue(created);
        return created;
      };
    }
  }

  /**
   * The {@link EndpointKind#CLOUDFLARE} kind: a Cloudflare Stream live input per broadcast, when
   * the Cloudflare provider is configured.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(CloudflareVideoProvider.class)
  static class Cloudflare {
    @Bean
    @ConditionalOnBean(CloudflareVideoProvider.class)
    @ConditionalOnMissingBean(name = "videokitCloudflareIngest")
    LiveInputIngest videokitCloudflareIngest(CloudflareVideoProvider provider) {
      return new LiveInputIngest(provider, EndpointKind.CLOUDFLARE);
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
    @Bean
    @ConditionalOnMissingBean
    BroadcastController videokitBroadcastController(
        BroadcastService<?> broadcasts,
        BroadcastProperties properties,
        SecurityProperties security,
        ObjectProvider<HlsPutHandler> handler) {
      HlsPutHandler live = handler.getIfAvailable();
      return new BroadcastController(
          broadcasts,
          properties.getIngestBasePath(),
          security.getStaffRole(),
          live == null ? id -> 0 : live::viewers);
    }
  }
}
