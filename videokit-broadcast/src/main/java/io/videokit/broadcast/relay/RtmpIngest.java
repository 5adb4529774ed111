package io.videokit.broadcast.relay;

import io.videokit.broadcast.Broadcast;
import io.videokit.broadcast.EndpointKind;
import io.videokit.broadcast.HlsPutIngest;
import io.videokit.broadcast.PublisherEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link EndpointKind#RTMP}: a random stream key checked by an {@link RtmpGate} on the public port
 * in front of an ffmpeg RTMP listener on loopback (which would record any stream name itself). The
 * publisher is handed {@code rtmp://host:port/live/<key>}, or OBS's server and key.
 */
public class RtmpIngest extends RelayIngest {

  private static final String APP = "live";
  private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Creates the ingest.
   *
   * @param relays the listeners
   * @param hlsPut the HLS-over-PUT ingest the listeners publish to
   * @param publicHost the host publishers reach the listeners on, or null for the ingest base's
   */
  public RtmpIngest(RelaySupervisor relays, HlsPutIngest hlsPut, @Nullable String publicHost) {
    super(relays, hlsPut, publicHost);
  }

  @Override
  public EndpointKind kind() {
    return EndpointKind.RTMP;
  }

  @Override
  PublisherEndpoint open(Broadcast broadcast, String bearerSecret, String key, String host) {
    int port =
        relays.open(
            broadcast.getId(),
            (candidate, ffmpeg) -> {
              ServerSocket gate = new ServerSocket();
              try {
                gate.bind(new InetSocketAddress(candidate));
              } catch (IOException e) {
                gate.close();
                throw e;
              }
              int internal = freeLoopbackPort();
              RelayProcess listener =
                  relays.startFfmpeg(
                      ffmpeg,
                      broadcast.getId(),
                      List.of("-listen", "1"),
                      "rtmp://127.0.0.1:" + internal + "/" + APP + "/" + key,
                      bearerSecret,
                      List.of(key));
              RtmpGate front = new RtmpGate(gate, internal, key, AUTH_TIMEOUT);
              return () -> {
                front.close();
                listener.close();
              };
            });
    String server = "rtmp://" + host + ":" + port + "/" + APP;
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("url", server + "/" + key);
    settings.put("server", server);
    settings.put("stream_key", key);
    settings.put("obs", Map.of("service", "Custom", "server", server, "key", key));
    settings.put(
        "ffmpeg",
        "ffmpeg -re -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency=440"
            + " -c:v libx264 -preset veryfast -tune zerolatency -g 60 -c:a aac -f flv '"
            + server
            + "/"
            + key
            + "'");
    return new PublisherEndpoint(EndpointKind.RTMP, settings);
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }
}
