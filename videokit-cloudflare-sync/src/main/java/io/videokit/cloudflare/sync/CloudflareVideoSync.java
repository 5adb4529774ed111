package io.videokit.cloudflare.sync;

import io.videokit.cloudflare.ClipRequest;
import io.videokit.cloudflare.CloudflareApiException;
import io.videokit.cloudflare.CloudflareDownloads;
import io.videokit.cloudflare.CloudflareException;
import io.videokit.cloudflare.CloudflareProtocolException;
import io.videokit.cloudflare.CloudflareRateLimitedException;
import io.videokit.cloudflare.CloudflareUnavailableException;
import io.videokit.cloudflare.CloudflareVideoProvider;
import io.videokit.cloudflare.CloudflareVideos;
import io.videokit.cloudflare.Download;
import io.videokit.cloudflare.VideoQuery;
import io.videokit.cloudflare.sync.CloudflareVideoRecord.SyncState;
import io.videokit.jpa.AttributeHolders;
import io.videokit.jpa.ProviderSync;
import io.videokit.jpa.VideoAttributeJobs;
import io.videokit.jpa.VideoAttributeSync;
import io.videokit.jpa.VideoAttributes.Attribute;
import io.videokit.video.RetryPolicy;
import io.videokit.video.Video;
import io.videokit.video.VideoState;
import io.videokit.video.VideoStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link Video} attributes in step with Cloudflare. One {@link #step(String)} per job
 * execution: fetch the video, write it into every attribute holding it, then, once it is ready, run
 * the automatic trim and the MP4 download; answer when to look again, or nothing when done.
 * Unfinished videos are refreshed on the settings' {@link RetryPolicy} (exponential, jittered, on
 * the {@link Clock}) up to a time bound, after which the synchronisation stops and the reason is
 * recorded. It depends on interfaces only (the Cloudflare resources it calls, the attribute
 * holders, its records, the job queue), so its transitions are unit-tested without Spring, a
 * database or HTTP.
 *
 * <p>Creating calls (the trim clip, the MP4 download) are recorded before they are sent and never
 * repeated once Cloudflare may have acted on them; their results are looked up instead. Why one
 * class of this size: it is one state machine, and its transitions read best together.
 */
public class CloudflareVideoSync implements ProviderSync {

  /** Cloudflare's error code for a clip range longer than the parent video. */
  public static final int CLIP_RANGE_EXCEEDS_DURATION = 10005;

  private static final Logger log = LoggerFactory.getLogger(CloudflareVideoSync.class);

  /** How far before the recorded request a clip may carry its {@code created} (clock skew). */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  /** The most videos listed when looking for a clip asked for earlier. */
  private static final int FIND_LIMIT = 5000;

  private final CloudflareVideos videos;
  private final CloudflareDownloads downloads;
  private final AttributeHolders holders;
  private final CloudflareSyncRecords records;
  private final VideoAttributeJobs jobs;
  private final CloudflareSyncSettings settings;
  private final RetryPolicy refresh;
  private final Clock clock;

  /**
   * The synchroniser.
   *
   * @param videos Cloudflare's videos
   * @param downloads their MP4 downloads
   * @param holders finds and changes the attributes
   * @param records ownership and state
   * @param jobs schedules follow-up jobs
   * @param settings trim, duration and backoff settings
   * @param clock the clock
   */
  public CloudflareVideoSync(
      CloudflareVideos videos,
      CloudflareDownloads downloads,
      AttributeHolders holders,
      CloudflareSyncRecords records,
      VideoAttributeJobs jobs,
      CloudflareSyncSettings settings,
      Clock clock) {
    this.videos = videos;
    this.downloads = downloads;
    this.holders = holders;
    this.records = records;
    this.jobs = jobs;
    this.settings = settings;
    this.refresh = settings.refreshPolicy();
    this.clock = clock;
  }

  /**
   * Newer-wins merge of a fetched video object into a stored one: an answer for another uid, or
   * older (by {@code modified}) than what is stored, is ignored, and a {@code meta.download_url}
   * videokit stored is kept when the answer lacks it.
   *
   * @param current the stored value
   * @param fetched what Cloudflare (or a webhook) says now
   * @return the value to store
   */
  public static Video merge(Video current, Video fetched) {
    return VideoAttributeSync.merge(current, fetched);
  }

  @Override
  public String provider() {
    return CloudflareVideoProvider.NAME;
  }

  /**
   * Whether videokit recorded this uid (an upload through the proxy, a trim clip it asked for).
   *
   * @param uid the video's uid
   * @return true when a record exists
   */
  @Override
  public boolean knows(String uid) {
    return records.find(uid).isPresent();
  }

  /**
   * One synchronisation step.
   *
   * @param uid the video's uid
   * @return when to run the next step, or empty when nothing is left to do
   */
  @Override
  public Optional<Instant> step(String uid) {
    CloudflareVideoRecord record = records.countAttempt(uid);
    Instant now = clock.instant();
    Video video;
    try {
      video = videos.video(uid).withProvider(CloudflareVideoProvider.NAME);
      if (!uid.equals(video.uid())) {
        // never stored under this uid (the merge ignores it too); asked again later
        throw new CloudflareProtocolException(
            "GET /stream/{uid}", "the answer describes another video (" + video.uid() + ")", null);
      }
    } catch (CloudflareApiException e) {
      if (e.isNotFound()) {
        records.mark(uid, SyncState.DELETED, "the video does not exist at Cloudflare");
        return Optional.empty();
      }
      return retryOrStop(record, e, now);
    } catch (CloudflareException e) {
      return retryOrStop(record, e, now);
    }
    String replaces = record.replacesUid();
    Video fetched = video;
    AttributeHolders.Updated updated =
        holders.updateAndRead(uid, current -> merge(current, fetched));
    List<Attribute> held = updated.attributes();
    if (updated.newest() != null && updated.newest().isSynced()) {
      // decide from the newest state: a webhook may have stored a newer one than this answer
      video = merge(video, updated.newest());
    }
    if (held.isEmpty() && replaces == null) {
      records.mark(uid, SyncState.DONE, "no entity holds this video");
      return Optional.empty();
    }
    if (!video.isTerminal()) {
      return later(record, now, "still " + describe(video));
    }
    VideoStatus status = video.status();
    if (status.isError()) {
      return failed(uid, video, record);
    }
    try {
      if (replaces != null) {
        return replaceOriginal(uid, video, replaces, record, now);
      }
      if (needsTrim(video, record, held)) {
        Optional<Instant> trimming = trim(uid, video, record, now);
        if (trimming != null) {
          return trimming;
        }
      }
      return download(uid, video, record, now, held);
    } catch (CloudflareApiException e) {
      return retryOrStop(record, e, now);
    } catch (CloudflareException e) {
      return retryOrStop(record, e, now);
    }
  }

  /**
   * Applies a video object that arrived by webhook to every attribute holding it, and asks for an
   * immediate synchronisation step (which runs the trim and download if needed).
   *
   * @param delivered the delivered video object
   * @return how many attributes hold it
   */
  public int apply(Video delivered) {
    Video video = delivered.withProvider(CloudflareVideoProvider.NAME);
    int held = holders.update(video.uid(), current -> merge(current, video)).size();
    if (held > 0 || records.find(video.uid()).map(r -> r.replacesUid() != null).orElse(false)) {
      jobs.sync(video.uid(), clock.instant(), true);
    }
    return held;
  }

  /**
   * Deletes a video at Cloudflare unless an attribute still holds it.
   *
   * @param uid the video's uid
   * @return true when it is gone (deleted now, earlier, or kept because it is in use); false when
   *     Cloudflare refused the deletion for good (a permanent 4xx, recorded as {@code FAILED} with
   *     the reason, logged once; the job does not retry)
   * @throws CloudflareException when the API call failed transiently or the token was refused (the
   *     job retries)
   */
  @Override
  public boolean deleteIfUnused(String uid) {
    if (!holders.find(uid).isEmpty()) {
      log.debug("not deleting Cloudflare video {}: still attached", uid);
      return true;
    }
    boolean existed;
    try {
      existed = videos.delete(uid);
    } catch (CloudflareApiException e) {
      if (!e.isPermanent() || isCredentials(e)) {
        throw e;
      }
      // a permanent refusal: retrying the same request cannot help, record why and stop
      records.getOrCreate(uid);
      records.mark(uid, SyncState.FAILED, "Cloudflare refused the deletion: " + refusal(e));
      log.warn("Cloudflare refused to delete video {}: {}", uid, refusal(e));
      return false;
    }
    records.getOrCreate(uid);
    records.mark(uid, SyncState.DELETED, existed ? "deleted" : "already gone at Cloudflare");
    log.info("deleted Cloudflare video {}", uid);
    return true;
  }

  private Optional<Instant> failed(String uid, Video video, CloudflareVideoRecord record) {
    VideoStatus status = video.status();
    String code = status.errorReasonCode();
    String note =
        "error " + code + (status.errorReasonText() == null ? "" : ": " + status.errorReasonText());
    if (record.replacesUid() != null) {
      records.mark(uid, SyncState.DONE, "trim clip failed, original kept: " + note);
      records.finishReplacement(uid, record.replacesUid());
      records.mark(record.replacesUid(), SyncState.DONE, "trim failed: " + note);
      jobs.delete(uid, CloudflareVideoProvider.NAME, clock.instant());
      return Optional.empty();
    }
    if (VideoStatus.ERR_DURATION_EXCEED_CONSTRAINT.equals(code)) {
      switch (settings.durationExceeded()) {
        case DELETE_ENTITY -> {
          int removed = holders.removeOwners(uid);
          records.mark(uid, SyncState.DONE, note + "; removed " + removed + " owning entities");
          return Optional.empty();
        }
        case DELETE_VIDEO -> {
          try {
            videos.delete(uid);
          } catch (CloudflareException e) {
            jobs.delete(
                uid, CloudflareVideoProvider.NAME, clock.instant().plus(settings.initialDelay()));
          }
          records.mark(uid, SyncState.DELETED, note + "; video deleted, attribute kept");
          return Optional.empty();
        }
        case KEEP -> {
          // the attribute already shows the error
        }
      }
    }
    records.mark(uid, SyncState.DONE, note);
    return Optional.empty();
  }

  private boolean needsTrim(Video video, CloudflareVideoRecord record, List<Attribute> held) {
    Integer trimSeconds = settings.trimDurationSeconds();
    if (!settings.automaticTrim() || trimSeconds == null || trimSeconds <= 0) {
      return false;
    }
    if (video.clippedFrom() != null || record.clipUid() != null) {
      return false;
    }
    double duration = video.duration();
    if (duration >= 0 && duration <= trimSeconds) {
      return false;
    }
    return held.stream().anyMatch(a -> a.options().trim());
  }

  /**
   * The automatic trim: asks Cloudflare for the clip once, recording the request before sending it;
   * once Cloudflare may have acted on it, the clip is looked for ({@code clippedFrom}) and never
   * asked for again.
   *
   * @return the step's result while trimming, or null when no clip is needed (go on)
   */
  private @Nullable Optional<Instant> trim(
      String uid, Video video, CloudflareVideoRecord record, Instant now) {
    if (record.clipRequested() != null) {
      return findClip(uid, record, now);
    }
    Integer seconds = Objects.requireNonNull(settings.trimDurationSeconds());
    records.markClipRequested(uid);
    Video clip;
    try {
      clip = videos.clip(ClipRequest.firstSeconds(uid, seconds).inheriting(video));
    } catch (CloudflareApiException e) {
      if (e.status() < 500) {
        // Cloudflare answered a refusal: nothing was made
        records.clearClipRequested(uid);
        if (e.hasErrorCode(CLIP_RANGE_EXCEEDS_DURATION)) {
          return null;
        }
      }
      throw e;
    } catch (CloudflareUnavailableException e) {
      if (e.wasNotSent()) {
        records.clearClipRequested(uid);
      }
      throw e;
    }
    adoptClip(uid, clip.uid(), record);
    log.info("trimming Cloudflare video {} to {} s: clip {}", uid, seconds, clip.uid());
    return Optional.empty();
  }

  /** The clip asked for earlier, found by listing the videos made since ({@code clippedFrom}). */
  private @Nullable Optional<Instant> findClip(
      String uid, CloudflareVideoRecord record, Instant now) {
    Instant requested = Objects.requireNonNull(record.clipRequested());
    VideoQuery since = new VideoQuery(null, null, null, false, requested.minus(CLOCK_SKEW), null);
    Optional<Video> clip =
        videos.listAll(since, FIND_LIMIT).stream()
            .filter(v -> uid.equals(v.clippedFrom()))
            .findFirst();
    if (clip.isEmpty()) {
      return later(
          record,
          now,
          "trim clip requested at " + requested + " but not found at Cloudflare (not asked again)");
    }
    if (clip.get().status().isError()) {
      log.warn("trim clip {} of Cloudflare video {} failed; original kept", clip.get().uid(), uid);
      return null;
    }
    adoptClip(uid, clip.get().uid(), record);
    log.info(
        "found trim clip {} of Cloudflare video {} (answer was unreadable)", clip.get().uid(), uid);
    return Optional.empty();
  }

  private void adoptClip(String uid, String clipUid, CloudflareVideoRecord record) {
    records.recordClip(clipUid, record);
    records.mark(uid, SyncState.TRIMMING, "trimming: clip " + clipUid);
    jobs.sync(clipUid, clock.instant().plus(settings.initialDelay()), false);
  }

  private Optional<Instant> replaceOriginal(
      String clipUid, Video clip, String originalUid, CloudflareVideoRecord record, Instant now) {
    List<Attribute> replaced =
        holders.replace(originalUid, clip.withProvider(CloudflareVideoProvider.NAME));
    records.finishReplacement(clipUid, originalUid);
    records.mark(originalUid, SyncState.DONE, "replaced by trimmed clip " + clipUid);
    jobs.delete(originalUid, CloudflareVideoProvider.NAME, now);
    log.info(
        "replaced Cloudflare video {} by its clip {} in {} attributes",
        originalUid,
        clipUid,
        replaced.size());
    CloudflareVideoRecord updated = records.find(clipUid).orElse(record);
    return download(clipUid, clip, updated, now, replaced);
  }

  private Optional<Instant> download(
      String uid, Video video, CloudflareVideoRecord record, Instant now, List<Attribute> held) {
    if (video.downloadUrl() != null || held.stream().noneMatch(a -> a.options().downloadable())) {
      records.mark(uid, SyncState.DONE, "ready");
      return Optional.empty();
    }
    Download download;
    Optional<Download> existing = downloads.download(uid);
    if (existing.isPresent()) {
      download = existing.get();
    } else if (record.downloadRequested() != null) {
      // asked for before: Cloudflare may have acted, so wait for it rather than ask again
      return later(
          record,
          now,
          "ready, MP4 download requested at "
              + record.downloadRequested()
              + " but not listed by Cloudflare (not asked again)");
    } else {
      records.markDownloadRequested(uid);
      try {
        download = downloads.createDownload(uid);
      } catch (CloudflareApiException e) {
        if (e.status() < 500) {
          records.clearDownloadRequested(uid);
        }
        throw e;
      } catch (CloudflareUnavailableException e) {
        if (e.wasNotSent()) {
          records.clearDownloadRequested(uid);
        }
        throw e;
      }
    }
    if (download.isFailed()) {
      records.mark(uid, SyncState.DONE, "ready; MP4 download failed at Cloudflare");
      return Optional.empty();
    }
    if (!download.isReady()) {
      return later(record, now, "ready, download " + download.percentComplete() + "% done");
    }
    String url = download.url();
    Map<String, Object> meta = new LinkedHashMap<>(video.meta());
    meta.put("download_url", url);
    Video edited = videos.edit(uid, Map.of("meta", meta));
    holders.update(uid, current -> merge(current, edited).withMeta("download_url", url));
    records.mark(uid, SyncState.DONE, "ready with download");
    return Optional.empty();
  }

  private Optional<Instant> later(CloudflareVideoRecord record, Instant now, String why) {
    Instant started = record.syncStarted() == null ? now : record.syncStarted();
    Duration elapsed = Duration.between(started, now);
    if (elapsed.compareTo(settings.giveUpAfter()) >= 0) {
      String note = why + " after " + elapsed + " and " + record.attempts() + " attempts: gave up";
      records.mark(record.uid(), SyncState.GAVE_UP, note);
      log.warn("stopped synchronising Cloudflare video {}: {}", record.uid(), note);
      return Optional.empty();
    }
    records.mark(record.uid(), SyncState.SYNCING, why);
    return Optional.of(now.plus(backoff(record.attempts())));
  }

  private Optional<Instant> retryOrStop(
      CloudflareVideoRecord record, CloudflareException e, Instant now) {
    boolean credentials = isCredentials(e);
    if (e instanceof CloudflareApiException api && api.isPermanent() && !credentials) {
      // one line, no stack trace: the same request would be refused again
      records.mark(record.uid(), SyncState.FAILED, "Cloudflare refused: " + refusal(api));
      log.warn("synchronising Cloudflare video {} stopped: {}", record.uid(), refusal(api));
      return Optional.empty();
    }
    String why;
    if (credentials) {
      why = "Cloudflare refused the API token (fix videokit.cloudflare.api-token)";
    } else if (e instanceof CloudflareProtocolException) {
      why = "Cloudflare's answer was unreadable (" + e.getMessage() + ")";
    } else if (e instanceof CloudflareApiException api) {
      why = "Cloudflare answered HTTP " + api.status() + " (" + api.reason() + ")";
    } else {
      why = "API unavailable (" + e.getMessage() + ")";
    }
    Optional<Instant> next = later(record, now, why);
    if (next.isPresent() && e instanceof CloudflareRateLimitedException limited) {
      Instant after = now.plus(limited.retryAfter());
      return Optional.of(after.isAfter(next.get()) ? after : next.get());
    }
    return next;
  }

  private static boolean isCredentials(CloudflareException e) {
    return e instanceof CloudflareApiException api && (api.status() == 401 || api.status() == 403);
  }

  /** What Cloudflare refused and why, in one line: operation, status and Cloudflare's reason. */
  private static String refusal(CloudflareApiException e) {
    return e.getMessage();
  }

  /**
   * The wait before attempt {@code attempts + 1}, on {@link
   * CloudflareSyncSettings#refreshPolicy()}.
   *
   * @param attempts attempts made so far (≥ 1)
   * @return the wait
   */
  Duration backoff(int attempts) {
    return refresh.delay(Math.max(attempts, 1), ThreadLocalRandom.current());
  }

  private static String describe(Video video) {
    VideoStatus status = video.status();
    String state = video.state().map(VideoState::wireName).orElse(String.valueOf(status.state()));
    @Nullable Double pct = status.pctComplete();
    return pct == null ? state : state + " (" + pct + "%)";
  }
}
