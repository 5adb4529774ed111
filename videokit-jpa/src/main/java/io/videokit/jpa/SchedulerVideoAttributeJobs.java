package io.videokit.jpa;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * {@link VideoAttributeJobs} on db-scheduler: one execution per uid and task, persistent and
 * cluster-safe on the shared database.
 */
public class SchedulerVideoAttributeJobs implements VideoAttributeJobs {

  private final Supplier<SchedulerClient> scheduler;

  /**
   * The jobs.
   *
   * @param scheduler the scheduler client, resolved at the first call
   */
  public SchedulerVideoAttributeJobs(Supplier<SchedulerClient> scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public void sync(String uid, Instant at, boolean urgent) {
    SchedulerClient client = scheduler.get();
    boolean scheduled = client.scheduleIfNotExists(new TaskInstance<>(SYNC, uid, uid), at);
    if (!scheduled && urgent) {
      try {
        client.reschedule(TaskInstanceId.of(SYNC, uid), at);
      } catch (RuntimeException running) {
        // it is running now and will look at the video again itself
      }
    }
  }

  @Override
  public void delete(String uid, String provider, Instant at) {
    scheduler.get().scheduleIfNotExists(new TaskInstance<>(DELETE, uid, provider), at);
  }
}
