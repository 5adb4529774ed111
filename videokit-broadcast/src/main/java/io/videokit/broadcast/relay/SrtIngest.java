package io.videokit.broadcast.relay;

import io.videokit.broadcast.Broadcast;
import io.videokit.broadcast.EndpointKind;
import io.videokit.broadcast.HlsPutIngest;
import io.videokit.broadcast.PublisherEndpoint;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link EndpointKind#SRT}: an ffmpeg SRT listener per broadcast with a random passphrase, which
 * the SRT handshake enforces (a wrong one is rejected, nothing is recorded). The publisher is
 * handed {@code srt://host:port?passphrase=…}.
 */
public class SrtIngest extends RelayIngest {

  /**
   * Creates the ingest.
   *
   * @param relays the listeners
   * @param hlsPut the HLS-over-PUT ingest the listeners publish to
   * @param publicHost the host publishers reach the listeners on, or null for the ingest base's
   */
  public SrtIngest(RelaySupervisor relays, HlsPutIngest hlsPut, @Nullable String publicHost) {
    super(relays, hlsPut, publicHost);
  }

  @Override
  public EndpointKind kind() {
    return EndpointKind.SRT;
  }

  @Override
  PublisherEndpoint open(Broadcast broadcast, String bearerSecret, String passphrase, String host) {
    int port =
        relays.open(
            broadcast.getId(),
            (candidate, ffmpeg) -> {
              // SRT is UDP: a bound port throws BindException, then the next one is tried
              try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(candidate))) {
                probe.setReuseAddress(false);
              }
              return relays.startFfmpeg(
                  ffmpeg,
                  broadcast.getId(),
                  List.of(),
                  "srt://0.0.0.0:" + candidate + "?mode=listener&passphrase=" + passphrase,
                  bearerSecret,
                  List.of(passphrase));
            });
    String url = "srt://" + host + ":" + port + "?passphrase=" + passphrase;
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("url", url);
    settings.put("passphrase", passphrase);
    settings.put("obs", Map.of("service", "Custom", "server", url, "key", ""));
    settings.put(
        "ffmpeg",
        "ffmpeg -re -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency=440"
            + " -c:v libx264 -preset veryfast -tune zerolatency -g 60 -c:a aac -f mpegts '"
            + url
            + "&pkt_size=1316'");
    return new PublisherEndpoint(EndpointKind.SRT, settings);
  }
}
