package io.videokit.autoconfigure;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.videokit.autoconfigure.properties.UploadProperties;
import io.videokit.core.tus.TusHandler;
import io.videokit.local.VideoProcessingQueue;
import io.videokit.local.VideoProcessor;
import io.videokit.video.RetryPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
  public static final String PROCESS_VIDEO = "videokit-process-video";

  /** Name of the upload cleanup task in {@code scheduled_tasks}. */
  public static final String REMOVE_EXPIRED_UPLOADS = "videokit-remove-expired-uploads";

  private static final Logger log = LoggerFactory.getLogger(VideokitJobsAutoConfiguration.class);

  /**
   * Retries of a failed processing: 5 attempts, waiting 20 s after the first failure, doubling (40
   * s, 80 s, 160 s), no jitter.
   */
  static final RetryPolicy PROCESSING_RETRIES =
      RetryPolicy.exponential(Duration.ofSeconds(20), Duration.ofSeconds(160), 5);

  @Bean
  OneTimeTask<String> videokitProcessVideoTask(VideoProcessor processor, Clock clock) {
    return Tasks.oneTime(PROCESS_VIDEO, String.class)
        .onFailure((complete, operations) -> {
          int failures = complete.getExecution().consecutiveFailures + 1;
          Instant next = PROCESSING_RETRIES.next(failures, clock, ThreadLocalRandom.current());
          if (next == null) {
            log.error(
                "giving up processing video {} after {} attempts",
                complete.getExecution().taskInstance.getId(),
                failures);
            operations.remove();
          } else {
            operations.reschedule(complete, next);
          }
        })
        .execute((instance, context) -> {
          try {
            processor.process(instance.getData());
          } catch (IOException e) {
            throw new IllegalStateException(
                "processing video " + instance.getData() + " failed", e);
          }
        });
  }

  @Bean
  @ConditionalOnBean(TusHandler.class)
  Task<Void> videokitRemoveExpiredUploadsTask(
      ObjectProvider<TusHandler> handler, UploadProperties uploads) {
    return Tasks.recurring(REMOVE_EXPIRED_UPLOADS, FixedDelay.of(uploads.getCleanupInterval()))
        .execute((instance, context) -> {
          try {
            int resumed = handler.getObject().resumeCompletions();
            if (resumed > 0) {
              log.info("finished {} interrupted upload completions", resumed);
            }
            int removed = handler.getObject().removeExpired();
            if (removed > 0) {
              log.info("removed {} expired uploads", removed);
            }
          } catch (IOException e) {
            throw new IllegalStateException("removing expired uploads failed", e);
          }
        });
  }

  @Bean
  @ConditionalOnMissingBean
  VideoProcessingQueue videokitVideoProcessingQueue(
      ObjectProvider<Scheduler> scheduler,
      OneTimeTask<String> videokitProcessVideoTask,
      Clock clock) {
    return uid ->
        scheduler
            .getObject()
            .scheduleIfNotExists(videokitProcessVideoTask.instance(uid, uid), clock.instant());
  }
}
