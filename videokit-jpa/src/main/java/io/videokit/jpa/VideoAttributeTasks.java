package io.videokit.jpa;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.videokit.video.RetryPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two db-scheduler tasks of video attributes: {@link VideoAttributeJobs#SYNC} runs {@link
 * VideoAttributeSync#step} and reschedules itself for the time it answers; {@link
 * VideoAttributeJobs#DELETE} runs {@link VideoAttributeSync#deleteIfUnused}. A failing execution is
 * retried on the given {@link RetryPolicy}, then dropped with one error line.
 */
public final class VideoAttributeTasks {

  private static final Logger log = LoggerFactory.getLogger(VideoAttributeTasks.class);

  private VideoAttributeTasks() {}

  /**
   * The synchronisation task.
   *
   * @param sync the synchroniser, resolved at the first execution
   * @param failures when to retry a failed execution, and how often
   * @param clock the clock
   * @return the task (data: the uid)
   */
  public static Task<String> sync(
      Supplier<VideoAttributeSync> sync, RetryPolicy failures, Clock clock) {
    return sync(sync, failures, clock, VideoJobObserver.NONE);
  }

  /**
   * The synchronisation task, telling an observer how each execution ended.
   *
   * @param sync the synchroniser, resolved at the first execution
   * @param failures when to retry a failed execution, and how often
   * @param clock the clock
   * @param observer told of every execution's outcome
   * @return the task (data: the uid)
   */
  public static Task<String> sync(
      Supplier<VideoAttributeSync> sync,
      RetryPolicy failures,
      Clock clock,
      VideoJobObserver observer) {
    return Tasks.custom(VideoAttributeJobs.SYNC, String.class)
        .onFailure((complete, operations) ->
            retryOrDrop(
                "synchronising",
                complete,
                operations,
                failures,
                clock,
                observer,
                VideoJobObserver.Job.SYNC))
        .execute((instance, context) -> {
          Optional<Instant> next = sync.get().step(instance.getId());
          observer.executed(VideoJobObserver.Job.SYNC, VideoJobObserver.Outcome.SUCCESS);
          if (next.isPresent()) {
            Instant at = next.get();
            return (CompletionHandler<String>)
                (complete, operations) -> operations.reschedule(complete, at);
          }
          return new CompletionHandler.OnCompleteRemove<>();
        });
  }

  /**
   * The deletion task.
   *
   * @param sync the synchroniser, resolved at the first execution
   * @param failures when to retry a failed execution, and how often
   * @param legacyProvider the provider of deletions scheduled before providers existed (their data
   *     is the uid): {@code cloudflare}
   * @param clock the clock
   * @return the task (data: the provider's name)
   */
  public static Task<String> delete(
      Supplier<VideoAttributeSync> sync, RetryPolicy failures, String legacyProvider, Clock clock) {
    return delete(sync, failures, legacyProvider, clock, VideoJobObserver.NONE);
  }

  /**
   * The deletion task, telling an observer how each execution ended.
   *
   * @param sync the synchroniser, resolved at the first execution
   * @param failures when to retry a failed execution, and how often
   * @param legacyProvider the provider of deletions scheduled before providers existed (their data
   *     is the uid): {@code cloudflare}
   * @param clock the clock
   * @param observer told of every execution's outcome
   * @return the task (data: the provider's name)
   */
  public static Task<String> delete(
      Supplier<VideoAttributeSync> sync,
      RetryPolicy failures,
      String legacyProvider,
      Clock clock,
      VideoJobObserver observer) {
    return Tasks.custom(VideoAttributeJobs.DELETE, String.class)
        .onFailure((complete, operations) ->
            retryOrDrop(
                "deleting",
                complete,
                operations,
                failures,
                clock,
                observer,
                VideoJobObserver.Job.DELETE))
        .execute((instance, context) -> {
          String uid = instance.getId();
          @Nullable String data = instance.getData();
          String provider = data == null || data.equals(uid) ? legacyProvider : data;
          sync.get().deleteIfUnused(uid, provider);
          observer.executed(VideoJobObserver.Job.DELETE, VideoJobObserver.Outcome.SUCCESS);
          return new CompletionHandler.OnCompleteRemove<>();
        });
  }

  private static void retryOrDrop(
      String what,
      ExecutionComplete complete,
      ExecutionOperations<String> operations,
      RetryPolicy failures,
      Clock clock,
      VideoJobObserver observer,
      VideoJobObserver.Job job) {
    int failed = complete.getExecution().consecutiveFailures + 1;
    Instant next = failures.next(failed, clock, ThreadLocalRandom.current());
    log.warn(
        "{} video {} failed (attempt {}): {}",
        what,
        complete.getExecution().taskInstance.getId(),
        failed,
        complete.getCause().map(Throwable::toString).orElse("unknown cause"));
    observer.executed(
        job, next == null ? VideoJobObserver.Outcome.DROPPED : VideoJobObserver.Outcome.FAILURE);
    if (next == null) {
      log.error(
          "giving up {} video {} after {} failed attempts",
          what,
          complete.getExecution().taskInstance.getId(),
          failed);
      operations.remove();
    } else {
      operations.reschedule(complete, next);
    }
  }
}
