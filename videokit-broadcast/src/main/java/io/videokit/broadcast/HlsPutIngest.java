package io.videokit.broadcast;

import io.videokit.broadcast.Recording.Failed;
import io.videokit.broadcast.Recording.Ready;
import io.videokit.core.storage.MediaNotFoundException;
import io.videokit.core.storage.MediaStorage;
import io.videokit.live.HlsPutHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EndpointKind#HLS_PUT}, the embedded default: the publisher PUTs HLS segments and its
 * playlist to videokit's own ingest path with a bearer secret; viewers GET the same playlist URL.
 * Closing ends the live playlist with {@code #EXT-X-ENDLIST}; the secret was already revoked by the
 * stop.
 *
 * <p>An ended broadcast is recorded: its event manifest ({@link Broadcast#getEventManifest()},
 * {@code vod.m3u8}), or its live manifest while the handler writes no event manifest (complete when
 * the publisher kept every segment, e.g. ffmpeg's {@code -hls_list_size 0}), is remuxed into an MP4
 * by {@link HlsRemux} and handed to a {@link LiveRecorder}, which makes it a video of the
 * broadcast's owner.
 */
public class HlsPutIngest implements RefreshableIngest, MonitoredIngest, RecordingIngest {

  /** The reason recorded for a broadcast whose publisher sent no segment. */
  public static final String NOTHING_PUBLISHED = "nothing was published";

  private static final Logger log = LoggerFactory.getLogger(HlsPutIngest.class);

  private final HlsPutHandler handler;
  private final MediaStorage storage;
  private final @Nullable HlsRemux remux;
  private final @Nullable LiveRecorder recorder;

  /**
   * Creates the ingest without recordings (ended broadcasts are marked as not recorded).
   *
   * @param handler the HLS-over-PUT handler publishers send to (ends playlists)
   * @param storage the media store the handler writes to (its playlists' modification times tell
   *     activity seen by any instance)
   */
  public HlsPutIngest(HlsPutHandler handler, MediaStorage storage) {
    this(handler, storage, null, null);
  }

  /**
   * Creates the ingest.
   *
   * @param handler the HLS-over-PUT handler publishers send to (ends playlists)
   * @param storage the media store the handler writes to (its playlists' modification times tell
   *     activity seen by any instance)
   * @param remux turns a stored playlist into an MP4, or null when there is no ffmpeg
   * @param recorder makes the MP4 a video, or null when recordings are off
   */
  public HlsPutIngest(
      HlsPutHandler handler,
      MediaStorage storage,
      @Nullable HlsRemux remux,
      @Nullable LiveRecorder recorder) {
    this.handler = handler;
    this.storage = storage;
    this.remux = remux;
    this.recorder = recorder;
  }

  @Override
  public EndpointKind kind() {
    return EndpointKind.HLS_PUT;
  }

  @Override
  public OpenedIngest open(Broadcast broadcast, IngestRequest request) {
    String url = request.playlistUrl(broadcast);
    return new OpenedIngest(endpoint(url, request.secret()), url, null);
  }

  @Override
  public PublisherEndpoint refresh(Broadcast broadcast, IngestRequest request) {
    return endpoint(request.playlistUrl(broadcast), request.secret());
  }

  @Override
  public void close(Broadcast broadcast) {
    try {
      handler.endBroadcast(broadcast.getId());
    } catch (IOException e) {
      throw new BroadcastException(
          BroadcastException.Reason.INGEST_FAILED,
          "the live playlist of " + broadcast.getId() + " could not be ended: " + e.getMessage());
    }
  }

  /**
   * The later of this instance's last accepted PUT and the live playlist's modification time in the
   * media store, so that a publisher writing through another instance counts too.
   */
  @Override
  public Optional<Instant> lastActivity(Broadcast broadcast) {
    Optional<Instant> here = handler.lastActivity(broadcast.getId());
    Optional<Instant> stored;
    try {
      stored =
          Optional.of(
              storage
                  .get(broadcast.getStoragePrefix() + HlsPutHandler.PLAYLIST_NAME)
                  .lastModified());
    } catch (MediaNotFoundException | IOException e) {
      stored = Optional.empty();
    }
    return Stream.of(here, stored).flatMap(Optional::stream).max(Comparator.naturalOrder());
  }

  /**
   * Remuxes the ended broadcast's playlist and hands the MP4 to the recorder. A broadcast whose
   * publisher sent no segment has no recording; a failed remux or import is final too (a crash
   * before the answer is stored repeats the whole step, and the recorder finds the earlier video by
   * its uid).
   */
  @Override
  public Recording recording(Broadcast broadcast) {
    if (recorder == null) {
      return new Failed("recordings are off");
    }
    if (remux == null) {
      return new Failed("no ffmpeg to record with");
    }
    Optional<String> playlist = storedPlaylist(broadcast);
    if (playlist.isEmpty()) {
      return new Failed(NOTHING_PUBLISHED);
    }
    Path file = null;
    try {
      Optional<Path> mp4 = remux.remux(playlist.get());
      if (mp4.isEmpty()) {
        return new Failed(NOTHING_PUBLISHED);
      }
      file = mp4.get();
      return new Ready(recorder.record(broadcast, videoUid(broadcast), file));
    } catch (IOException | MediaNotFoundException e) {
      log.warn(
          "broadcast {}: the recording could not be made: {}", broadcast.getId(), e.toString());
      return new Failed("the recording could not be made: " + e.getMessage());
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          log.warn("broadcast {}: temporary recording {} left behind", broadcast.getId(), file);
        }
      }
    }
  }

  /** The event manifest's key if stored, else the live manifest's, else empty. */
  private Optional<String> storedPlaylist(Broadcast broadcast) {
    for (String key : List.of(broadcast.getEventManifest(), broadcast.getLiveManifest())) {
      try {
        storage.get(key);
        return Optional.of(key);
      } catch (MediaNotFoundException | IOException e) {
        // try the next
      }
    }
    return Optional.empty();
  }

  /**
   * The uid of a broadcast's recording: derived from its id (32 hex digits of a SHA-256), so that a
   * repeated recording step finds the video of an earlier one.
   *
   * @param broadcast the broadcast
   * @return the video uid
   */
  public static String videoUid(Broadcast broadcast) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("videokit-recording:" + broadcast.getId()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /**
   * The endpoint of a playlist URL: {@code url, secret, headers {Authorization}, ffmpeg}.
   *
   * @param url the live playlist URL
   * @param secret the bearer secret
   * @return the endpoint
   */
  static PublisherEndpoint endpoint(String url, String secret) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("url", url);
    settings.put("secret", secret);
    settings.put("headers", Map.of("Authorization", "Bearer " + secret));
    settings.put("ffmpeg", ffmpegCommand(url, secret));
    return new PublisherEndpoint(EndpointKind.HLS_PUT, settings);
  }

  /**
   * A ready ffmpeg command line publishing a test pattern and tone to a playlist URL.
   *
   * @param url the live playlist URL
   * @param secret the bearer secret
   * @return the command line
   */
  public static String ffmpegCommand(String url, String secret) {
    return "ffmpeg -re -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency=440"
        + " -c:v libx264 -preset veryfast -tune zerolatency -g 60 -c:a aac -f hls"
        + " -hls_time 2 -hls_list_size 6 -method PUT"
        + " -headers 'Authorization: Bearer "
        + secret
        + "' '"
        + url
        + "'";
  }
}
