package io.videokit.local;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Processing on db-scheduler: persistent and cluster-safe; queuing the same uid twice schedules it
 * once ({@code scheduleIfNotExists}), so a resumed upload completion never processes twice.
 */
public class SchedulerProcessingQueue implements VideoProcessingQueue {

  private final Supplier<SchedulerClient> scheduler;
  private final OneTimeTask<String> task;
  private final Clock clock;

  /**
   * The queue.
   *
   * @param scheduler the scheduler, resolved at the first call
   * @param task the processing task ({@link LocalTasks#processing})
   * @param clock the clock (processing is scheduled for now)
   */
  public SchedulerProcessingQueue(
      Supplier<SchedulerClient> scheduler, OneTimeTask<String> task, Clock clock) {
    this.scheduler = scheduler;
    this.task = task;
    this.clock = clock;
  }

  @Override
  public void enqueue(String uid) {
    scheduler.get().scheduleIfNotExists(task.instance(uid, uid), clock.instant());
  }
}
