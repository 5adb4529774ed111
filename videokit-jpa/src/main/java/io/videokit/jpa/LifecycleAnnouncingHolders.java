package io.videokit.jpa;

import io.videokit.jpa.VideoAttributes.Attribute;
import io.videokit.video.Video;
import io.videokit.video.VideoState;
import io.videokit.video.event.VideoFailedEvent;
import io.videokit.video.event.VideoReadyEvent;
import io.videokit.video.event.VideoUploadedEvent;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * {@link AttributeHolders} that announce a video's lifecycle transitions at the moment they are
 * stored, whoever stores them (a provider's synchronisation step, a webhook): uploaded when the
 * newest held value leaves {@code pendingupload} (or is first seen past it), ready or failed when
 * it becomes terminal. Each transition is announced once, from the newest value (by {@code
 * modified}) before and after the change.
 *
 * <p>For providers with their own synchronisation (Cloudflare), which announce nothing themselves;
 * the self-hosted provider publishes its own events and uses the plain holders.
 */
public final class LifecycleAnnouncingHolders implements AttributeHolders {

  private final AttributeHolders delegate;
  private final Consumer<Object> events;

  /**
   * The decorator.
   *
   * @param delegate the holders that store
   * @param events where the {@link VideoUploadedEvent}, {@link VideoReadyEvent} and {@link
   *     VideoFailedEvent} go, after the change returned
   */
  public LifecycleAnnouncingHolders(AttributeHolders delegate, Consumer<Object> events) {
    this.delegate = delegate;
    this.events = events;
  }

  @Override
  public List<Attribute> update(String uid, UnaryOperator<Video> change) {
    Transition transition = new Transition();
    List<Attribute> attributes = delegate.update(uid, transition.watching(change));
    transition.announce(events);
    return attributes;
  }

  @Override
  public Updated updateAndRead(String uid, UnaryOperator<Video> change) {
    Transition transition = new Transition();
    Updated updated = delegate.updateAndRead(uid, transition.watching(change));
    transition.announce(events);
    return updated;
  }

  /**
   * Points every attribute holding {@code oldUid} to another video, and announces the replacement's
   * state as new: it is another video, none of whose transitions were seen.
   */
  @Override
  public List<Attribute> replace(String oldUid, Video replacement) {
    List<Attribute> attributes = delegate.replace(oldUid, replacement);
    if (!attributes.isEmpty()) {
      Transition transition = new Transition();
      transition.after = replacement;
      transition.announce(events);
    }
    return attributes;
  }

  @Override
  public int removeOwners(String uid) {
    return delegate.removeOwners(uid);
  }

  @Override
  public List<Holder> find(String uid) {
    return delegate.find(uid);
  }

  /** The newest value before and after one change of every holder of a uid. */
  private static final class Transition {
    @Nullable Video before;
    @Nullable Video after;

    UnaryOperator<Video> watching(UnaryOperator<Video> change) {
      return current -> {
        Video next = change.apply(current);
        before = newer(before, current);
        after = newer(after, next);
        return next;
      };
    }

    void announce(Consumer<Object> events) {
      if (after == null || !after.isSynced()) {
        return;
      }
      boolean wasUploaded = before != null && before.isSynced() && uploaded(before);
      if (!wasUploaded && uploaded(after)) {
        events.accept(new VideoUploadedEvent(after));
      }
      boolean wasTerminal = before != null && before.isSynced() && before.isTerminal();
      if (!wasTerminal && after.isTerminal()) {
        events.accept(
            after.readyToStream() ? new VideoReadyEvent(after) : new VideoFailedEvent(after));
      }
    }

    private static boolean uploaded(Video video) {
      return video.state().map(s -> s != VideoState.PENDING_UPLOAD).orElse(false);
    }

    private static Video newer(@Nullable Video newest, Video candidate) {
      if (newest == null) {
        return candidate;
      }
      if (candidate.modified() != null
          && (newest.modified() == null || candidate.modified().isAfter(newest.modified()))) {
        return candidate;
      }
      return newest;
    }
  }
}
