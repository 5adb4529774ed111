package io.videokit.broadcast;

import io.videokit.core.storage.MediaNotFoundException;
import io.videokit.core.storage.MediaStorage;
import io.videokit.live.HlsPutHandler;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@link EndpointKind#HLS_PUT}, the embedded default: the publisher PUTs HLS segments and its
 * playlist to videokit's own ingest path with a bearer secret; viewers GET the same playlist URL.
 * Closing ends the live playlist with {@code #EXT-X-ENDLIST}; the secret was already revoked by the
 * stop.
 */
public class HlsPutIngest implements RefreshableIngest, MonitoredIngest {

  private final HlsPutHandler handler;
  private final MediaStorage storage;

  /**
   * Creates the ingest.
   *
   * @param handler the HLS-over-PUT handler publishers send to (ends playlists)
   * @param storage the media store the handler writes to (its playlists' modification times tell
   *     activity seen by any instance)
   */
  public HlsPutIngest(HlsPutHandler handler, MediaStorage storage) {
    this.handler = handler;
    this.storage = storage;
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
