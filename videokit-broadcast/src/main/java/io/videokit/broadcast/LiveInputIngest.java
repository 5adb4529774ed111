package io.videokit.broadcast;

import io.videokit.video.Video;
import io.videokit.video.VideoState;
import io.videokit.video.provider.LiveInput;
import io.videokit.video.provider.LiveInputProvider;
import io.videokit.video.provider.VideoProviderException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broadcast as a provider's live input ({@link EndpointKind#CLOUDFLARE} on Cloudflare Stream):
 * open creates one input with recording on (its {@code meta} names the broadcast), hands the
 * publisher the provider's RTMPS, SRT and WebRTC endpoints as answered and viewers its live HLS
 * manifest; close deletes the input; the recording is the input's video once ready.
 *
 * <p>The creating call is sent once (the service never repeats {@link #open}, the provider's client
 * never repeats a creation that may have reached the other side). An answer that is not a usable
 * live input (no uid, no RTMPS endpoint, an input that cannot be read back under its uid) fails the
 * open and hands nothing out. Not a {@link MonitoredIngest}: a live input's status names a
 * connection state but no time of the publisher's last activity; the provider ends its recording
 * itself when the publisher stops.
 */
public class LiveInputIngest implements RecordingIngest {

  /** The {@code meta} key holding the broadcast's id on its live input. */
  public static final String BROADCAST_META = "videokitBroadcast";

  private static final Logger log = LoggerFactory.getLogger(LiveInputIngest.class);

  /** How long before the broadcast's start a recording may have been created (clock skew). */
  private static final Duration SKEW = Duration.ofMinutes(5);

  private final LiveInputProvider provider;
  private final EndpointKind kind;

  /**
   * Creates the ingest.
   *
   * @param provider the provider that holds the live inputs and their recordings
   * @param kind the kind it serves, e.g. {@link EndpointKind#CLOUDFLARE}
   */
  public LiveInputIngest(LiveInputProvider provider, EndpointKind kind) {
    this.provider = provider;
    this.kind = kind;
  }

  @Override
  public EndpointKind kind() {
    return kind;
  }

  @Override
  public OpenedIngest open(Broadcast broadcast, IngestRequest request) {
    LiveInput input;
    try {
      input =
          provider.createLiveInput(broadcast.getName(), Map.of(BROADCAST_META, broadcast.getId()));
    } catch (VideoProviderException e) {
      discard(broadcast, null);
      throw failed(broadcast, "the live input could not be created: " + e.getMessage());
    }
    String problem = unusable(input);
    if (problem == null) {
      problem = readBack(input);
    }
    if (problem != null) {
      discard(broadcast, input.id());
      throw failed(broadcast, problem);
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    input.endpoints().forEach((protocol, fields) -> settings.put(protocol, fields));
    return new OpenedIngest(new PublisherEndpoint(kind, settings), input.playbackUrl(), input.id());
  }

  @Override
  public void close(Broadcast broadcast) {
    String id = broadcast.getIngestReference();
    if (id == null) {
      return;
    }
    try {
      if (!provider.deleteLiveInput(id)) {
        log.debug("broadcast {}: live input already gone", broadcast.getId());
      }
    } catch (VideoProviderException e) {
      throw new BroadcastException(
          BroadcastException.Reason.INGEST_FAILED,
          "the live input of broadcast "
              + broadcast.getId()
              + " could not be deleted: "
              + e.getMessage());
    }
  }

  @Override
  public Recording recording(Broadcast broadcast) {
    String id = broadcast.getIngestReference();
    if (id == null) {
      return new Recording.Failed("the broadcast has no live input");
    }
    List<Video> videos;
    try {
      videos = provider.liveInputVideos(id, broadcast.getStartDate().minus(SKEW));
    } catch (VideoProviderException e) {
      if (e.isRetryable()) {
        log.info(
            "broadcast {}: recordings not readable yet: {}", broadcast.getId(), e.getMessage());
        return new Recording.Pending();
      }
      throw e;
    }
    Optional<Video> ready =
        videos.stream()
            .filter(v -> id.equals(v.liveInput()))
            .filter(v -> v.state().orElse(null) == VideoState.READY)
            .findFirst();
    if (ready.isPresent()) {
      return new Recording.Ready(ready.get().uid());
    }
    boolean pending =
        videos.stream().anyMatch(v -> !v.state().map(s -> s == VideoState.ERROR).orElse(false));
    if (videos.isEmpty() || pending) {
      return new Recording.Pending();
    }
    Video failed = videos.get(videos.size() - 1);
    return new Recording.Failed(
        "the recording "
            + failed.uid()
            + " failed: "
            + failed.status().errorReasonCode()
            + " "
            + failed.status().errorReasonText());
  }

  /** What makes an answer unusable, or null. */
  private static @Nullable String unusable(LiveInput input) {
    if (input.id() == null || input.id().isBlank()) {
      return "the live input answer has no uid";
    }
    Map<String, String> rtmps = input.endpoints().get("rtmps");
    if (rtmps == null || isBlank(rtmps.get("url")) || isBlank(rtmps.get("streamKey"))) {
      return "the live input answer has no RTMPS url and stream key";
    }
    if (isBlank(input.playbackUrl())) {
      return "the live input answer names no playback host";
    }
    return null;
  }

  /** The input read back under its uid: an answer about another input fails here. */
  private @Nullable String readBack(LiveInput input) {
    try {
      if (provider.liveInput(input.id()).filter(i -> input.id().equals(i.id())).isEmpty()) {
        return "the live input " + input.id() + " of the answer does not exist";
      }
      return null;
    } catch (VideoProviderException e) {
      return "the live input " + input.id() + " could not be read back: " + e.getMessage();
    }
  }

  /**
   * Deletes what a failed open may have created at the provider: the answered input and any input
   * tagged with this broadcast (found by its {@code meta}; an answer that was lost or named another
   * input leaves one behind). Best effort: the broadcast ends either way.
   */
  private void discard(Broadcast broadcast, @Nullable String answered) {
    Set<String> ids = new LinkedHashSet<>();
    if (answered != null && !answered.isBlank()) {
      ids.add(answered);
    }
    try {
      ids.addAll(provider.liveInputIds(Map.of(BROADCAST_META, broadcast.getId())));
    } catch (VideoProviderException | IllegalArgumentException e) {
      log.warn("broadcast {}: live inputs not listed: {}", broadcast.getId(), e.getMessage());
    }
    for (String id : ids) {
      try {
        provider.deleteLiveInput(id);
      } catch (VideoProviderException | IllegalArgumentException e) {
        log.warn("live input {} of a failed open not deleted: {}", id, e.getMessage());
      }
    }
  }

  private static BroadcastException failed(Broadcast broadcast, String why) {
    log.warn("broadcast {}: {}", broadcast.getId(), why);
    return new BroadcastException(BroadcastException.Reason.INGEST_FAILED, why);
  }

  private static boolean isBlank(@Nullable String text) {
    return text == null || text.isBlank();
  }
}
