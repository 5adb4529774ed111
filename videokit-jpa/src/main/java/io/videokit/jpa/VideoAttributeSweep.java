package io.videokit.jpa;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net under the after-commit scheduling of {@link VideoAttributeListener}: every
 * unfinished video an attribute holds gets a synchronisation job if it has none. A job is missing
 * when the process died between an entity's commit and the job's insert (they are two
 * transactions), when its retries were used up during a long provider outage, or when an attach
 * committed while a step of the same uid was ending. Run periodically ({@code
 * videokit-video-attribute-sweep}, on one instance at a time).
 */
public class VideoAttributeSweep {

  private static final Logger log = LoggerFactory.getLogger(VideoAttributeSweep.class);

  private final VideoHolders holders;
  private final Supplier<VideoAttributeJobs> jobs;
  private final Clock clock;
  private final int limit;

  /**
   * The sweep.
   *
   * @param holders finds the unfinished videos
   * @param jobs schedules the synchronisation (a uid that has a job keeps it unchanged)
   * @param clock the clock
   * @param limit at most this many videos per attribute and run
   */
  public VideoAttributeSweep(
      VideoHolders holders, Supplier<VideoAttributeJobs> jobs, Clock clock, int limit) {
    this.holders = holders;
    this.jobs = jobs;
    this.clock = clock;
    this.limit = limit;
  }

  /**
   * One run: asks for a synchronisation of every unfinished held video, now, unless one is
   * scheduled already.
   *
   * @return how many unfinished videos were found
   */
  public int run() {
    List<String> uids = holders.unfinished(limit);
    VideoAttributeJobs scheduler = jobs.get();
    for (String uid : uids) {
      scheduler.sync(uid, clock.instant(), false);
    }
    if (!uids.isEmpty()) {
      log.debug("sweep: {} unfinished videos have a synchronisation job", uids.size());
    }
    return uids.size();
  }
}
