package io.videokit.jpa;

import io.videokit.video.event.VideoLifecycleEvent;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.context.event.EventListener;

/**
 * When a provider reports that a video's processing ended (ready or failed), every attribute
 * holding it is synchronised now rather than at its next scheduled look: the self-hosted provider
 * reports through the same job as Cloudflare's webhooks.
 */
public class ProcessedVideoSync {

  private final Supplier<VideoAttributeJobs> jobs;
  private final VideoAttributes attributes;
  private final Clock clock;

  /**
   * The bridge.
   *
   * @param jobs the job scheduler, resolved at the first event
   * @param attributes the attributes (nothing is scheduled when there are none)
   * @param clock the clock
   */
  public ProcessedVideoSync(
      Supplier<VideoAttributeJobs> jobs, VideoAttributes attributes, Clock clock) {
    this.jobs = jobs;
    this.attributes = attributes;
    this.clock = clock;
  }

  /**
   * Schedules an immediate synchronisation of a processed video.
   *
   * @param event any lifecycle event; only ready and failed ones count
   */
  @EventListener
  public void on(VideoLifecycleEvent event) {
    if (!attributes.isEmpty() && event.video().isTerminal()) {
      jobs.get().sync(event.video().uid(), clock.instant(), true);
    }
  }
}
