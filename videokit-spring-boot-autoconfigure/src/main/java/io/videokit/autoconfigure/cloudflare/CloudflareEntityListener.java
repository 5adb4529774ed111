package io.videokit.autoconfigure.cloudflare;

import io.videokit.autoconfigure.cloudflare.CloudflareAttachPolicy.Attacher;
import io.videokit.autoconfigure.cloudflare.CloudflareVideoAttributes.Attribute;
import io.videokit.video.Video;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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
 *   <li>Before an insert or update that sets a new uid: the {@link CloudflareAttachPolicy} must
 *       allow it, else {@link CloudflareAttachDeniedException} aborts the flush.
 *   <li>After the transaction commits (never before, never after a rollback): a new or unfinished
 *       video gets a synchronisation job; a video removed from an attribute (entity deleted,
 *       attribute cleared or replaced) gets a deletion job when its attribute's {@code
 *       deleteWhenRemoved} option is on (the job checks no other attribute holds it).
 * </ul>
 */
public class CloudflareEntityListener
    implements PreInsertEventListener,
        PreUpdateEventListener,
        PostCommitInsertEventListener,
        PostCommitUpdateEventListener,
        PostCommitDeleteEventListener {

  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(CloudflareEntityListener.class);

  private final transient CloudflareVideoAttributes attributes;
  private final transient Supplier<CloudflareJobs> jobs;
  private final transient CloudflareVideoRecords records;
  private final transient CloudflareAttachPolicy policy;
  private final String staffRole;
  private final transient Clock clock;

  /**
   * The listener.
   *
   * @param attributes the attributes to watch
   * @param jobs the job scheduler (resolved lazily)
   * @param records upload ownership
   * @param policy who may attach what
   * @param staffRole the staff role (without {@code ROLE_})
   * @param clock the clock
   */
  public CloudflareEntityListener(
      CloudflareVideoAttributes attributes,
      Supplier<CloudflareJobs> jobs,
      CloudflareVideoRecords records,
      CloudflareAttachPolicy policy,
      String staffRole,
      Clock clock) {
    this.attributes = attributes;
    this.jobs = jobs;
    this.records = records;
    this.policy = policy;
    this.staffRole = staffRole;
    this.clock = clock;
  }

  @Override
  public boolean onPreInsert(PreInsertEvent event) {
    check(event.getPersister(), null, event.getState());
    return false;
  }

  @Override
  public boolean onPreUpdate(PreUpdateEvent event) {
    check(event.getPersister(), event.getOldState(), event.getState());
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

  private void check(EntityPersister persister, Object @Nullable [] oldState, Object[] state) {
    List<Attribute> watched = attributes.of(persister.getMappedClass());
    if (watched.isEmpty()) {
      return;
    }
    String[] names = persister.getPropertyNames();
    for (Attribute attribute : watched) {
      int index = indexOf(names, attribute.name());
      if (index < 0) {
        continue;
      }
      String newUid = uid(state[index]);
      String oldUid = oldState == null ? null : uid(oldState[index]);
      if (newUid == null || newUid.equals(oldUid)) {
        continue;
      }
      Attacher attacher = currentAttacher();
      if (!policy.mayAttach(newUid, attacher, records.find(newUid))) {
        log.info("refused attaching Cloudflare video {} for {}", newUid, attacher.name());
        throw new CloudflareAttachDeniedException(newUid);
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
          jobs.get().delete(oldUid, now);
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
