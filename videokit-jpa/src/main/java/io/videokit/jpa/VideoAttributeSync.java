package io.videokit.jpa;

import io.videokit.jpa.AttributeHolders.Holder;
import io.videokit.video.RetryPolicy;
import io.videokit.video.Video;
import io.videokit.video.event.VideoDeletedEvent;
import io.videokit.video.provider.VideoProvider;
import io.videokit.video.provider.VideoProviderException;
import io.videokit.video.provider.VideoProviders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every entity attribute holding a video in step with the video's provider, whichever it is:
 * the one synchronisation job ({@link VideoAttributeJobs#SYNC}) and the one deletion job ({@link
 * VideoAttributeJobs#DELETE}) run this.
 *
 * <p>A provider with its own {@link ProviderSync} (Cloudflare) gets the step handed over; any other
 * provider (the self-hosted one) is fetched and its answer stored in every holder, until the video
 * is {@code ready} or {@code error}, looking again on the {@link RetryPolicy}'s age-based schedule
 * (the self-hosted provider also asks for an immediate step when processing ends). A provider's own
 * synchronisation announces transitions through {@link LifecycleAnnouncingHolders}, at the moment
 * it stores them, not when its step (which may go on to request downloads) ends.
 */
public class VideoAttributeSync {

  private static final Logger log = LoggerFactory.getLogger(VideoAttributeSync.class);

  private final AttributeHolders holders;
  private final VideoProviders providers;
  private final Map<String, ProviderSync> own;
  private final RetryPolicy retry;
  private final Consumer<Object> events;
  private final Clock clock;

  /**
   * The synchroniser.
   *
   * @param holders finds and changes the attributes
   * @param providers the configured providers
   * @param own the providers' own synchronisations, at most one per provider
   * @param retry when to look again at an unfinished video
   * @param events where the deletions at providers with their own synchronisation are announced
   *     (their other transitions are announced by {@link LifecycleAnnouncingHolders}; the
   *     self-hosted provider publishes its own)
   * @param clock the clock
   */
  public VideoAttributeSync(
      AttributeHolders holders,
      VideoProviders providers,
      List<ProviderSync> own,
      RetryPolicy retry,
      Consumer<Object> events,
      Clock clock) {
    this.events = events;
    this.holders = holders;
    this.providers = providers;
    this.own = own.stream().collect(Collectors.toMap(ProviderSync::provider, Function.identity()));
    this.retry = retry;
    this.clock = clock;
  }

  /**
   * Newer-wins merge of a provider's answer into a stored value: an answer for another uid, or
   * older (by {@code modified}) than what is stored, is ignored; the stored {@code provider} and a
   * {@code meta.download_url} videokit stored are kept when the answer lacks them.
   *
   * @param current the stored value
   * @param fetched what the provider (or a webhook) says now
   * @return the value to store
   */
  public static Video merge(Video current, Video fetched) {
    if (!current.uid().equals(fetched.uid())) {
      // an answer about another video is never stored under this one's name
      return current;
    }
    Instant had = current.modified();
    Instant got = fetched.modified();
    if (current.isSynced() && had != null && got != null && got.isBefore(had)) {
      return current;
    }
    Video result = fetched;
    if (fetched.downloadUrl() == null && current.downloadUrl() != null) {
      result = result.withMeta("download_url", current.downloadUrl());
    }
    if (fetched.provider() == null && current.provider() != null) {
      result = result.withProvider(current.provider());
    }
    return result;
  }

  /**
   * One synchronisation step.
   *
   * @param uid the video's uid
   * @return when to run the next step, or empty when nothing is left to do
   * @throws VideoProviderException when the provider could not be asked (the job retries)
   */
  public Optional<Instant> step(String uid) {
    // One read decides both where to look and whom to update: two reads let an attach committed
    // between them look like a holder without a provider, and the step ended for good.
    List<Holder> held = holders.find(uid);
    String provider = providerOf(uid, held);
    ProviderSync sync = provider == null ? null : own.get(provider);
    if (sync != null) {
      // its holders announce the transitions as they are stored (LifecycleAnnouncingHolders)
      return sync.step(uid);
    }
    if (held.isEmpty()) {
      return Optional.empty();
    }
    Optional<VideoProvider> found = provider == null ? Optional.empty() : providers.get(provider);
    if (found.isEmpty()) {
      log.warn("video {} names provider {}, which is not configured", uid, provider);
      return Optional.empty();
    }
    Optional<Video> fetched = found.get().fetch(uid);
    if (fetched.isEmpty()) {
      log.info("video {} no longer exists at provider {}", uid, provider);
      return Optional.empty();
    }
    Video answer = fetched.get();
    holders.update(uid, current -> merge(current, answer));
    if (answer.isTerminal()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant since = answer.created() != null ? answer.created() : now;
    return Optional.of(now.plus(retry.afterAge(Duration.between(since, now))));
  }

  /**
   * Deletes a video at its provider unless an attribute still holds it.
   *
   * @param uid the video's uid
   * @param provider the provider holding it (the deletion job is scheduled when the value is
   *     removed, so its holders may be gone), or null to look it up
   * @return true when it is gone or still in use; false when the provider refused for good
   * @throws VideoProviderException when the provider could not be asked (the job retries)
   */
  public boolean deleteIfUnused(String uid, @Nullable String provider) {
    String name = provider != null ? provider : providerOf(uid, holders.find(uid));
    ProviderSync sync = name == null ? null : own.get(name);
    if (sync != null) {
      boolean unused = holders.find(uid).isEmpty();
      boolean done = sync.deleteIfUnused(uid);
      if (unused && done) {
        events.accept(new VideoDeletedEvent(Video.ofUid(uid).withProvider(name)));
      }
      return done;
    }
    if (!holders.find(uid).isEmpty()) {
      return true;
    }
    Optional<VideoProvider> found = name == null ? Optional.empty() : providers.get(name);
    if (found.isEmpty()) {
      log.warn("cannot delete video {}: provider {} is not configured", uid, name);
      return false;
    }
    try {
      boolean existed = found.get().delete(uid);
      log.info("deleted video {} at {}{}", uid, name, existed ? "" : " (already gone)");
      return true;
    } catch (VideoProviderException e) {
      if (e.isRetryable()) {
        throw e;
      }
      log.warn("provider {} refused to delete video {}: {}", name, uid, e.getMessage());
      return false;
    }
  }

  private @Nullable String providerOf(String uid, List<Holder> held) {
    for (Holder holder : held) {
      if (holder.video().provider() != null) {
        return holder.video().provider();
      }
    }
    // no attribute holds it (yet): a provider may still be working on it (a replacement clip)
    for (ProviderSync sync : own.values()) {
      if (sync.knows(uid)) {
        return sync.provider();
      }
    }
    return null;
  }
}
