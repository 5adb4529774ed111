package io.videokit.local;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.videokit.core.tus.TusHandler;
import io.videokit.video.RetryPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-hosted provider's db-scheduler tasks: processing a finished upload (retried on a {@link
 * RetryPolicy}, then dropped with one error line) and the periodic upload housekeeping (finishing
 * completions a crash interrupted, removing expired uploads).
 */
public final class LocalTasks {

  /** Name of the processing task in {@code scheduled_tasks} (data: the uid). */
  public static final String PROCESS_VIDEO = "videokit-process-video";

  /** Name of the upload housekeeping task in {@code scheduled_tasks}. */
  public static final String REMOVE_EXPIRED_UPLOADS = "videokit-remove-expired-uploads";

  /**
   * The name prefix of threads that process videos ({@code videokit-processing-N}): the in-process
   * pool's threads, and a scheduler thread while it runs {@link #PROCESS_VIDEO}.
   */
  public static final String PROCESSING_THREAD = "videokit-processing-";

  /**
   * Retries of a failed processing: 5 attempts, waiting 20 s after the first failure, doubling (40
   * s, 80 s, 160 s), no jitter.
   */
  public static final RetryPolicy PROCESSING_RETRIES =
      RetryPolicy.exponential(Duration.ofSeconds(20), Duration.ofSeconds(160), 5);

  private static final Logger log = LoggerFactory.getLogger(LocalTasks.class);

  private LocalTasks() {}

  /**
   * The processing task.
   *
   * @param processor the processor
   * @param retries when to retry a failed processing, and how often
   * @param clock the clock
   * @return the task (data: the uid)
   */
  public static OneTimeTask<String> processing(
      VideoProcessor processor, RetryPolicy retries, Clock clock) {
    return Tasks.oneTime(PROCESS_VIDEO, String.class)
        .onFailure((complete, operations) -> {
          int failures = complete.getExecution().consecutiveFailures + 1;
          Instant next = retries.next(failures, clock, ThreadLocalRandom.current());
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
          // the scheduler's pool thread carries videokit's name while it processes (logs, dumps)
          Thread thread = Thread.currentThread();
          String poolName = thread.getName();
          thread.setName(PROCESSING_THREAD + poolName.substring(poolName.lastIndexOf('-') + 1));
          try {
            processor.process(instance.getData());
          } catch (IOException e) {
            throw new IllegalStateException(
                "processing video " + instance.getData() + " failed", e);
          } finally {
            thread.setName(poolName);
          }
        });
  }

  /**
   * The upload housekeeping task.
   *
   * @param handler the tus handler, resolved at each run
   * @param interval the time between runs
   * @return the recurring task
   */
  public static RecurringTask<Void> uploadHousekeeping(
      Supplier<TusHandler> handler, Duration interval) {
    return Tasks.recurring(REMOVE_EXPIRED_UPLOADS, FixedDelay.of(interval))
        .execute((instance, context) -> {
          try {
            int resumed = handler.get().resumeCompletions();
            if (resumed > 0) {
              log.info("finished {} interrupted upload completions", resumed);
            }
            int removed = handler.get().removeExpired();
            if (removed > 0) {
              log.info("removed {} expired uploads", removed);
            }
          } catch (IOException e) {
            throw new IllegalStateException("removing expired uploads failed", e);
          }
        });
  }
}
