package io.videokit.autoconfigure;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.videokit.autoconfigure.properties.UploadProperties;
import io.videokit.core.tus.TusHandler;
import io.videokit.local.LocalTasks;
import io.videokit.local.SchedulerProcessingQueue;
import io.videokit.local.VideoProcessingQueue;
import io.videokit.local.VideoProcessor;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * videokit's background jobs on db-scheduler (persistent, cluster-safe on a shared database): video
 * processing after upload, and the periodic removal of expired tus uploads.
 */
@AutoConfiguration(
    after = {VideokitJpaAutoConfiguration.class, VideokitWebAutoConfiguration.class},
    before = DbSchedulerAutoConfiguration.class)
@ConditionalOnClass(Scheduler.class)
@ConditionalOnBean(VideoProcessor.class)
@EnableConfigurationProperties(UploadProperties.class)
public class VideokitJobsAutoConfiguration {
  /** Creates the instance; used by Spring or by hand. */
  public VideokitJobsAutoConfiguration() {}

  /** Name of the processing task in {@code scheduled_tasks}. */
  public static final String PROCESS_VIDEO = LocalTasks.PROCESS_VIDEO;

  /** Name of the upload cleanup task in {@code scheduled_tasks}. */
  public static final String REMOVE_EXPIRED_UPLOADS = LocalTasks.REMOVE_EXPIRED_UPLOADS;

  @Bean
  OneTimeTask<String> videokitProcessVideoTask(VideoProcessor processor, Clock clock) {
    return LocalTasks.processing(processor, LocalTasks.PROCESSING_RETRIES, clock);
  }

  @Bean
  @ConditionalOnBean(TusHandler.class)
  Task<Void> videokitRemoveExpiredUploadsTask(
      ObjectProvider<TusHandler> handler, UploadProperties uploads) {
    return LocalTasks.uploadHousekeeping(handler::getObject, uploads.getCleanupInterval());
  }

  @Bean
  @ConditionalOnMissingBean
  VideoProcessingQueue videokitVideoProcessingQueue(
      ObjectProvider<SchedulerClient> scheduler,
      OneTimeTask<String> videokitProcessVideoTask,
      Clock clock) {
    return new SchedulerProcessingQueue(scheduler::getObject, videokitProcessVideoTask, clock);
  }
}
