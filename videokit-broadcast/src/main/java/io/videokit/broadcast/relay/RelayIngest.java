package io.videokit.broadcast.relay;

import io.videokit.broadcast.Broadcast;
import io.videokit.broadcast.HlsPutIngest;
import io.videokit.broadcast.IngestRequest;
import io.videokit.broadcast.MonitoredIngest;
import io.videokit.broadcast.OpenedIngest;
import io.videokit.broadcast.PublisherEndpoint;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the SRT and RTMP kinds share: a listener per broadcast from the {@link RelaySupervisor}
 * relaying into the HLS-over-PUT ingest, whose activity and end of playlist they reuse. Not
 * refreshable: new credentials would need a new listener, dropping the stream.
 */
abstract class RelayIngest implements MonitoredIngest {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The listeners. */
  final RelaySupervisor relays;

  private final HlsPutIngest hlsPut;
  private final @Nullable String publicHost;

  /**
   * Creates the ingest.
   *
   * @param relays the listeners
   * @param hlsPut the HLS-over-PUT ingest the listeners publish to
   * @param publicHost the host publishers reach the listeners on, or null for the ingest base's
   */
  RelayIngest(RelaySupervisor relays, HlsPutIngest hlsPut, @Nullable String publicHost) {
    this.relays = relays;
    this.hlsPut = hlsPut;
    this.publicHost = publicHost == null || publicHost.isBlank() ? null : publicHost;
  }

  @Override
  public final OpenedIngest open(Broadcast broadcast, IngestRequest request) {
    String credential = credential();
    PublisherEndpoint endpoint = open(broadcast, request.secret(), credential, host(request));
    int port = relays.port(broadcast.getId()).orElseThrow();
    return new OpenedIngest(endpoint, request.playlistUrl(broadcast), Integer.toString(port));
  }

  /**
   * Opens the listener and answers the publisher's endpoint.
   *
   * @param broadcast the broadcast
   * @param bearerSecret its HLS-over-PUT secret, for the relay only
   * @param credential the publisher's new passphrase or stream key
   * @param host the public host
   * @return the endpoint
   */
  abstract PublisherEndpoint open(
      Broadcast broadcast, String bearerSecret, String credential, String host);

  /** Kills the listener, then ends the live playlist. */
  @Override
  public void close(Broadcast broadcast) {
    relays.close(broadcast.getId());
    hlsPut.close(broadcast);
  }

  @Override
  public Optional<Instant> lastActivity(Broadcast broadcast) {
    return hlsPut.lastActivity(broadcast);
  }

  private String host(IngestRequest request) {
    if (publicHost != null) {
      return publicHost;
    }
    String host = URI.create(request.ingestBase()).getHost();
    return host == null ? "localhost" : host;
  }

  /** 24 random bytes, base64url: 32 characters (SRT passphrases take 10–79). */
  private static String credential() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
