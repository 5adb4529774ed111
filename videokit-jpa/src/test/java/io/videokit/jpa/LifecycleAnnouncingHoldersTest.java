package io.videokit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.jpa.VideoAttributes.Attribute;
import io.videokit.video.Video;
import io.videokit.video.VideoInput;
import io.videokit.video.event.VideoFailedEvent;
import io.videokit.video.event.VideoReadyEvent;
import io.videokit.video.event.VideoUploadedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Transitions announced when they are stored, by whatever stores them: a webhook's {@code update},
 * a step's {@code updateAndRead}, a trim's {@code replace}; reads and removals pass through.
 */
class LifecycleAnnouncingHoldersTest {

  static final String UID = "0123456789abcdef0123456789abcdef";
  static final String CLIP = "fedcba9876543210fedcba9876543210";
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  /** The in-memory holders, answering a list of their own so that pass-through is visible. */
  static final class Counted extends VideoAttributeSyncTest.Holders {
    final List<Attribute> answer = Collections.singletonList(null);

    @Override
    public List<Attribute> update(String uid, UnaryOperator<Video> change) {
      super.update(uid, change);
      return values.containsKey(uid) ? answer : List.of();
    }

    @Override
    public List<Attribute> replace(String oldUid, Video replacement) {
      boolean held = values.containsKey(oldUid);
      super.replace(oldUid, replacement);
      return held ? answer : List.of();
    }
  }

  final Counted store = new Counted();
  final List<Object> events = new ArrayList<>();
  final LifecycleAnnouncingHolders holders = new LifecycleAnnouncingHolders(store, events::add);

  static Video queued(String uid) {
    return Video.uploaded(uid, "hosted", "alice", Map.of("name", "a.mp4"), 10, T0);
  }

  static Video ready(String uid) {
    return queued(uid).ready(5, VideoInput.UNKNOWN, T0.plusSeconds(9));
  }

  @Test
  void aWebhooksUpdateToReadyIsAnnouncedOnceAndAnswersTheStoresAttributes() {
    store.hold(queued(UID));

    List<Attribute> attributes = holders.update(UID, current -> ready(UID));
    holders.update(UID, current -> ready(UID));

    assertThat(attributes).isSameAs(store.answer);
    assertThat(events).singleElement().isInstanceOf(VideoReadyEvent.class);
  }

  @Test
  void aStepsUpdateAndReadAnnouncesUploadedThenFailed() {
    store.hold(Video.ofUid(UID).withProvider("hosted"));

    AttributeHolders.Updated updated =
        holders.updateAndRead(
            UID, current -> queued(UID).failed("ERR_NON_VIDEO", "not a video", T0.plusSeconds(3)));

    assertThat(updated.newest()).isNotNull();
    assertThat(events)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly(
            VideoUploadedEvent.class.getSimpleName(), VideoFailedEvent.class.getSimpleName());
  }

  @Test
  void aReplacementIsAnnouncedAsANewVideoOnlyWhenSomethingHeldTheOriginal() {
    assertThat(holders.replace(UID, ready(CLIP))).isEmpty();
    assertThat(events).isEmpty();

    store.hold(ready(UID));
    List<Attribute> replaced = holders.replace(UID, ready(CLIP));

    assertThat(replaced).isSameAs(store.answer);
    assertThat(events)
        .extracting(e -> ((io.videokit.video.event.VideoLifecycleEvent) e).video().uid())
        .containsExactly(CLIP, CLIP);
    assertThat(events.get(1)).isInstanceOf(VideoReadyEvent.class);
  }

  @Test
  void readsAndRemovalsPassThroughAndAnnounceNothing() {
    store.hold(queued(UID));
    store.hold(queued(UID));

    assertThat(holders.find(UID)).hasSize(2);
    assertThat(holders.removeOwners(UID)).isEqualTo(2);
    assertThat(holders.find(UID)).isEmpty();
    assertThat(events).isEmpty();
  }
}
