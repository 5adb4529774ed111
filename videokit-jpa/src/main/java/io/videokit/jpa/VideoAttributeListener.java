package io.videokit.jpa;

import io.videokit.jpa.VideoAttachPolicy.Attacher;
import io.videokit.jpa.VideoAttributes.Attribute;
import io.videokit.video.Video;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.hibernate.event.spi.PostCommitDeleteEventListener;
import org.hibernate.event.spi.PostCommitInsertEventListener;
import org.hibernate.event.spi.PostCommitUpdateEventListener;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PreInsertEvent;
import org.hibernate.event.spi.PreInsertEventListener;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hibernate listeners for entities with {@link Video} attributes.
 *
 * <ul>
 *   <li>Before an insert or update that sets a new uid: the {@link VideoAttachPolicy} must allow
 *       it, else {@link VideoAttachDeniedException} aborts the flush; a value made by {@code
 *       Video.ofUid(uid)} gets its {@code provider} (from the {@link VideoOrigins}, else the
 *       default provider) before it is written.
 *   <li>After the transaction commits (never before, never after a rollback): a new or unfinished
 *       video gets a synchronisation job; a video removed from an attribute (entity deleted,
 *       attribute cleared or replaced) gets a deletion job when its attribute's {@code
 *       deleteWhenRemoved} option is on (the job checks no other attribute holds it).
 * </ul>
 */
public class VideoAttributeListener
    implements PreInsertEventListener,
        PreUpdateEventListener,
        PostCommitInsertEventListener,
        PostCommitUpdateEventListener,
        PostCommitDeleteEventListener {

  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(VideoAttributeListener.class);

  private final transient VideoAttributes attributes;
  private final transient Supplier<VideoAttributeJobs> jobs;
  private final transient VideoOrigins origins;
  private final transient Supplier<String> defaultProvider;
  private final transient VideoAttachPolicy policy;
  private final String staffRole;
  private final transient Clock clock;

  /**
   * The listener.
   *
   * @param attributes the attributes to watch
   * @param jobs the job scheduler (resolved lazily)
   * @param origins which provider holds a uid, and who uploaded it
   * @param defaultProvider the provider a uid no provider recorded is taken to belong to (asked at
   *     each such attach)
   * @param policy who may attach what
   * @param staffRole the staff role (without {@code ROLE_})
   * @param clock the clock
   */
  public VideoAttributeListener(
      VideoAttributes attributes,
      Supplier<VideoAttributeJobs> jobs,
      VideoOrigins origins,
      Supplier<String> defaultProvider,
      VideoAttachPolicy policy,
      String staffRole,
      Clock clock) {
    this.attributes = attributes;
    this.jobs = jobs;
    this.origins = origins;
    this.defaultProvider = defaultProvider;
    this.policy = policy;
    this.staffRole = staffRole;
    this.clock = clock;
  }

  @Override
  public boolean onPreInsert(PreInsertEvent event) {
    check(event.getPersister(), event.getEntity(), null, event.getState());
    return false;
  }

  @Override
  public boolean onPreUpdate(PreUpdateEvent event) {
    check(event.getPersister(), event.getEntity(), event.getOldState(), event.getState());
    return false;
  }

  @Override
  public void onPostInsert(PostInsertEvent event) {
    changed(event.getPersister(), null, event.getState());
  }

  @Override
  public void onPostUpdate(PostUpdateEvent event) {
    changed(event.getPersister(), event.getOldState(), event.getState());
  }

  @Override
  public void onPostDelete(PostDeleteEvent event) {
    changed(event.getPersister(), event.getDeletedState(), null);
  }

  @Override
  public void onPostInsertCommitFailed(PostInsertEvent event) {
    // rolled back: nothing to schedule
  }

  @Override
  public void onPostUpdateCommitFailed(PostUpdateEvent event) {
    // rolled back: nothing to schedule
  }

  @Override
  public void onPostDeleteCommitFailed(PostDeleteEvent event) {
    // rolled back: nothing to schedule
  }

  @Override
  public boolean requiresPostCommitHandling(EntityPersister persister) {
    return !attributes.of(persister.getMappedClass()).isEmpty();
  }

  private void check(
      EntityPersister persister, Object entity, Object @Nullable [] oldState, Object[] state) {
    List<Attribute> watched = attributes.of(persister.getMappedClass());
    if (watched.isEmpty()) {
      return;
    }
    String[] names = persister.getPropertyNames();
    for (Attribute attribute : watched) {
      int index = indexOf(names, attribute.name());
      if (index < 0 || !(state[index] instanceof Video video)) {
        continue;
      }
      String oldUid = oldState == null ? null : uid(oldState[index]);
      boolean attaching = !video.uid().equals(oldUid);
      if (!attaching && video.provider() != null) {
        continue;
      }
      Optional<VideoOrigins.Origin> origin = origins.find(video.uid());
      if (attaching) {
        Attacher attacher = currentAttacher();
        if (!policy.mayAttach(video.uid(), attacher, origin)) {
          log.info("refused attaching video {} for {}", video.uid(), attacher.name());
          throw new VideoAttachDeniedException(video.uid());
        }
      }
      if (video.provider() == null) {
        // name the provider in the stored value, so that every later step knows where to look
        Video named =
            video.withProvider(
                origin.map(VideoOrigins.Origin::provider).orElseGet(defaultProvider));
        state[index] = named;
        attribute.set(entity, named);
      }
    }
  }

  private void changed(
      EntityPersister persister, Object @Nullable [] oldState, Object @Nullable [] state) {
    List<Attribute> watched = attributes.of(persister.getMappedClass());
    if (watched.isEmpty()) {
      return;
    }
    String[] names = persister.getPropertyNames();
    Instant now = clock.instant();
    for (Attribute attribute : watched) {
      int index = indexOf(names, attribute.name());
      if (index < 0) {
        continue;
      }
      Video current = state == null ? null : (Video) state[index];
      Video previous = oldState == null ? null : (Video) oldState[index];
      String newUid = current == null ? null : current.uid();
      String oldUid = previous == null ? null : previous.uid();
      try {
        if (current != null && (!Objects.equals(newUid, oldUid) || needsWork(current, attribute))) {
          jobs.get().sync(current.uid(), now, false);
        }
        if (oldUid != null && !oldUid.equals(newUid) && attribute.options().deleteWhenRemoved()) {
          jobs.get().delete(oldUid, providerOf(previous), now);
        }
      } catch (RuntimeException e) {
        // The entity is committed; a failed scheduling must not look like a failed write.
        log.error("could not schedule Cloudflare jobs for {}", attribute.entityName(), e);
      }
    }
  }

  private static boolean needsWork(Video video, Attribute attribute) {
    if (!video.isSynced() || !video.isTerminal()) {
      return true;
    }
    return attribute.options().downloadable()
        && video.readyToStream()
        && video.downloadUrl() == null;
  }

  private Attacher currentAttacher() {
    return RequestAccess.currentAttacher(staffRole);
  }

  private String providerOf(Video previous) {
    return previous.provider() != null ? previous.provider() : defaultProvider.get();
  }

  private static @Nullable String uid(@Nullable Object value) {
    return value instanceof Video video ? video.uid() : null;
  }

  private static int indexOf(String[] names, String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
