package io.videokit.broadcast;

import io.videokit.broadcast.Recording.Failed;
import io.videokit.broadcast.Recording.Pending;
import io.videokit.broadcast.Recording.Ready;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broadcast service's periodic work, for a scheduler to call: ending broadcasts whose publisher
 * vanished (a crashed encoder never says goodbye) and turning ended broadcasts into videos. Both
 * are safe to run on several instances at once: a stop is serialised on the broadcast's row, and a
 * recording is written once.
 */
public class BroadcastJobs {

  /** Who stops idle broadcasts, as the log and the audit trail name it. */
  public static final Requester SYSTEM = new Requester("videokit:idle-timeout", true);

  private static final Logger log = LoggerFactory.getLogger(BroadcastJobs.class);
  private static final int PAGE = 100;

  private final BroadcastService<?> broadcasts;
  private final Clock clock;

  /**
   * Creates the jobs.
   *
   * @param broadcasts the service
   * @param clock time source (UTC)
   */
  public BroadcastJobs(BroadcastService<?> broadcasts, Clock clock) {
    this.broadcasts = broadcasts;
    this.clock = clock;
  }

  /**
   * Stops live broadcasts whose publisher sent nothing for longer than {@code idle} (counted from
   * the start while nothing arrived yet). Only kinds whose ingest is a {@link MonitoredIngest} are
   * considered. A publisher that reconnects within {@code idle} continues the same broadcast.
   *
   * @param idle how long a broadcast may go without media
   * @return the ids of the broadcasts stopped
   */
  public List<String> stopIdle(Duration idle) {
    Instant now = clock.instant();
    List<String> idleIds = new ArrayList<>();
    for (int page = 0; ; page++) {
      List<? extends Broadcast> live = broadcasts.list(null, true, page, PAGE).items();
      for (Broadcast broadcast : live) {
        if (broadcasts.ingest(broadcast.getKind()) instanceof MonitoredIngest monitored) {
          Instant last = monitored.lastActivity(broadcast).orElse(broadcast.getStartDate());
          if (last.isBefore(broadcast.getStartDate())) {
            last = broadcast.getStartDate();
          }
          if (Duration.between(last, now).compareTo(idle) > 0) {
            idleIds.add(broadcast.getId());
          }
        }
      }
      if (live.size() < PAGE) {
        break;
      }
    }
    for (String id : idleIds) {
      log.info("broadcast {}: no media for more than {} s, stopping it", id, idle.toSeconds());
      broadcasts.stop(id, SYSTEM);
    }
    return idleIds;
  }

  /**
   * Asks the ingests of ended broadcasts for their recordings and records the answers: a video uid,
   * or a reason there is none. A broadcast whose ingest records nothing ({@link RecordingIngest}
   * not implemented) is marked as having no recording; one still pending after {@code giveUpAfter}
   * since its stop is marked failed.
   *
   * @param giveUpAfter how long after the stop a recording may take to appear
   * @param limit at most this many broadcasts per call
   * @return how many broadcasts got a recording or a reason
   */
  public int collectRecordings(Duration giveUpAfter, int limit) {
    int settled = 0;
    for (Broadcast broadcast : broadcasts.store().awaitingRecording(limit)) {
      Recording recording = recordingOf(broadcast);
      Instant stopped =
          broadcast.getStopDate() == null ? broadcast.getStartDate() : broadcast.getStopDate();
      if (recording instanceof Pending
          && Duration.between(stopped, clock.instant()).compareTo(giveUpAfter) > 0) {
        recording = new Failed("no recording within " + giveUpAfter.toMinutes() + " min");
      }
      if (!(recording instanceof Pending) && settle(broadcast.getId(), recording)) {
        settled++;
      }
    }
    return settled;
  }

  private Recording recordingOf(Broadcast broadcast) {
    if (!(broadcasts.ingest(broadcast.getKind()) instanceof RecordingIngest recorder)) {
      return new Failed(broadcast.getKind() + " broadcasts are not recorded");
    }
    try {
      return recorder.recording(broadcast);
    } catch (RuntimeException e) {
      log.warn("broadcast {}: recording failed", broadcast.getId(), e);
      return new Failed("recording failed: " + e.getMessage());
    }
  }

  private boolean settle(String id, Recording recording) {
    return Boolean.TRUE.equals(
        broadcasts.transactions().execute(status -> settle(broadcasts.store(), id, recording)));
  }

  private static <B extends Broadcast> boolean settle(
      BroadcastStore<B> store, String id, Recording recording) {
    B found = store.findForUpdate(id).orElse(null);
    if (found == null || found.getRecordingUid() != null || found.getRecordingError() != null) {
      return false;
    }
    if (recording instanceof Ready ready) {
      found.recorded(ready.uid());
      log.info("broadcast {}: recorded as video {}", id, ready.uid());
    } else if (recording instanceof Failed failed) {
      found.recordingFailed(failed.reason());
      log.info("broadcast {}: no recording ({})", id, failed.reason());
    } else {
      return false;
    }
    store.update(found);
    return true;
  }
}
