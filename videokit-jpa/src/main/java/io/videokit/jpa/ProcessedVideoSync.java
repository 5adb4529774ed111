package io.videokit.jpa;

import io.videokit.video.event.VideoLifecycleEvent;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.context.event.EventListener;

/**
 * When a provider reports that a video's processing ended (ready or failed), every attribute
 * holding it is synchronised now rather than at its next scheduled look: the self-hosted provider
 * reports through the same job as Cloudflare's webhooks.
 *
 * <p>A video no attribute holds yet gets no job: its attach schedules one after it commits. A job
 * started here for such a video could read "no holder" just before the attach commits, and the
 * attach's own scheduling would then find that job still running and add nothing, leaving the
 * attribute unsynchronised for good.
 */
public class ProcessedVideoSync {

  private final Supplier<VideoAttributeJobs> jobs;
  private final VideoAttributes attributes;
  private final AttributeHolders holders;
  private final Clock clock;

  /**
   * The bridge.
   *
   * @param jobs the job scheduler, resolved at the first event
   * @param attributes the attributes (nothing is scheduled when there are none)
   * @param holders finds the attributes holding a video (nothing is scheduled when none does)
   * @param clock the clock
   */
  public ProcessedVideoSync(
      Supplier<VideoAttributeJobs> jobs,
      VideoAttributes attributes,
      AttributeHolders holders,
      Clock clock) {
    this.jobs = jobs;
    this.attributes = attributes;
    this.holders = holders;
    this.clock = clock;
  }

  /**
   * Schedules an immediate synchronisation of a processed video.
   *
   * @param event any lifecycle event; only ready and failed ones of held videos count
   */
  @EventListener
  public void on(VideoLifecycleEvent event) {
    String uid = event.video().uid();
    if (attributes.isEmpty() || !event.video().isTerminal() || holders.find(uid).isEmpty()) {
      return;
    }
    jobs.get().sync(uid, clock.instant(), true);
  }
}
