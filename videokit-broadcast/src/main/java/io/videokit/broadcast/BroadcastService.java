package io.videokit.broadcast;

import io.videokit.broadcast.BroadcastException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Live broadcasts: start (hands out the publisher's endpoint and credentials), stop (owner or
 * staff, harmless twice), refresh credentials, list, and the checks an ingest needs ({@link
 * #authorizePublisher}, {@link #forViewer}). The endpoint kinds are the {@link BroadcastIngest}s
 * given; what a kind can do beyond open and close follows from the interfaces its ingest
 * implements. Store changes run in their own transactions and ingests are called outside them.
 * Secrets are returned only by start and refresh and stored only as SHA-256 hashes; they never
 * reach a log.
 *
 * @param <B> the broadcast entity type
 */
public class BroadcastService<B extends Broadcast> {

  private static final Logger log = LoggerFactory.getLogger(BroadcastService.class);

  private static final int SECRET_BYTES = 32;

  private final BroadcastStore<B> store;
  private final TransactionOperations transactions;
  private final Clock clock;
  private final Settings settings;
  private final Map<EndpointKind, BroadcastIngest> ingests = new EnumMap<>(EndpointKind.class);
  private final SecureRandom random = new SecureRandom();

  /**
   * The service's settings.
   *
   * @param ingestBase where publishers send media, before {@code /<id>/index.m3u8} (a path such as
   *     {@code /live}, or an absolute URL)
   * @param maxLivePerUser how many live broadcasts one user may have at once, 0 for no limit
   * @param defaultKind the kind of a start that names none
   */
  public record Settings(String ingestBase, int maxLivePerUser, EndpointKind defaultKind) {
    /**
     * Checks the settings.
     *
     * @param ingestBase the ingest base
     * @param maxLivePerUser the cap, 0 for none
     * @param defaultKind the default kind
     */
    public Settings {
      if (maxLivePerUser < 0) {
        throw new IllegalArgumentException("maxLivePerUser must be >= 0");
      }
      ingestBase = ingestBase.replaceAll("/+$", "");
    }
  }

  /**
   * A started (or refreshed) broadcast and the endpoint its publisher uses.
   *
   * @param broadcast the broadcast
   * @param endpoint the endpoint, with the secret
   * @param <B> the broadcast type
   */
  public record Started<B extends Broadcast>(B broadcast, PublisherEndpoint endpoint) {}

  /**
   * One page of broadcasts.
   *
   * @param items the broadcasts on the page
   * @param total how many match in all
   * @param <B> the broadcast type
   */
  public record Listing<B extends Broadcast>(List<B> items, long total) {}

  /**
   * Creates the service.
   *
   * @param store where broadcasts are kept
   * @param transactions transaction boundaries
   * @param clock time source (UTC)
   * @param settings ingest base, cap and default kind
   * @param ingests one ingest per endpoint kind offered
   * @throws IllegalArgumentException if two ingests serve one kind, or none serves the default
   */
  public BroadcastService(
      BroadcastStore<B> store,
      TransactionOperations transactions,
      Clock clock,
      Settings settings,
      List<? extends BroadcastIngest> ingests) {
    this.store = store;
    this.transactions = transactions;
    this.clock = clock;
    this.settings = settings;
    for (BroadcastIngest ingest : ingests) {
      if (this.ingests.put(ingest.kind(), ingest) != null) {
        throw new IllegalArgumentException("two ingests serve " + ingest.kind());
      }
    }
    if (!this.ingests.containsKey(settings.defaultKind())) {
      throw new IllegalArgumentException(
          "the default kind "
              + settings.defaultKind()
              + " has no ingest; offered: "
              + supportedKinds());
    }
  }

  /**
   * The settings.
   *
   * @return the settings
   */
  public Settings settings() {
    return settings;
  }

  /**
   * Starts a broadcast publishing to the configured ingest base.
   *
   * @param owner the principal starting it
   * @param name its name (1..200 characters)
   * @param kind the endpoint kind, or null for the default
   * @return the broadcast and its endpoint
   * @throws BroadcastException INVALID, UNSUPPORTED_KIND or LIMIT_REACHED
   */
  public Started<B> start(String owner, String name, @Nullable EndpointKind kind) {
    return start(owner, name, kind, settings.ingestBase());
  }

  /**
   * Starts a broadcast publishing under the given base (e.g. the configured path made absolute with
   * the request's origin).
   *
   * @param owner the principal starting it
   * @param name its name (1..200 characters)
   * @param kind the endpoint kind, or null for the default
   * @param ingestBase where the publisher sends media, before {@code /<id>/index.m3u8}
   * @return the broadcast and its endpoint
   * @throws BroadcastException INVALID, UNSUPPORTED_KIND or LIMIT_REACHED
   */
  public Started<B> start(
      String owner, String name, @Nullable EndpointKind kind, String ingestBase) {
    EndpointKind chosen = kind == null ? settings.defaultKind() : kind;
    BroadcastIngest ingest = ingests.get(chosen);
    if (ingest == null) {
      throw new BroadcastException(
          Reason.UNSUPPORTED_KIND,
          "endpoint kind " + chosen + " is not supported; supported: " + supportedKinds());
    }
    String trimmed = name.strip();
    if (trimmed.isEmpty() || trimmed.length() > Broadcast.MAX_NAME_LENGTH) {
      throw new BroadcastException(
          Reason.INVALID, "name must be 1 to " + Broadcast.MAX_NAME_LENGTH + " characters");
    }
    String secret = newSecret();
    B broadcast =
        required(
            transactions.execute(status -> {
              int cap = settings.maxLivePerUser();
              if (cap > 0 && store.count(owner, true) >= cap) {
                throw new BroadcastException(
                    Reason.LIMIT_REACHED,
                    "at most " + cap + " live broadcasts per user; stop one first");
              }
              B created = store.create();
              created.begin(newId(), trimmed, owner, chosen, clock.instant(), hash(secret));
              store.insert(created);
              return created;
            }));
    IngestRequest request = new IngestRequest(secret, ingestBase);
    OpenedIngest opened;
    try {
      opened = ingest.open(broadcast, request);
    } catch (RuntimeException e) {
      // never retried: the other side may have acted on a call whose answer was lost
      transactions.executeWithoutResult(status ->
          store
              .findForUpdate(broadcast.getId())
              .ifPresent(found -> {
                found.end(clock.instant());
                store.update(found);
              }));
      if (e instanceof BroadcastException) {
        // the ingest has logged its one line; its message carries no secret
        log.warn("broadcast {} ended: {}", broadcast.getId(), e.getMessage());
      } else {
        log.warn("broadcast {}: the {} endpoint could not be opened", broadcast.getId(), chosen, e);
      }
      throw e instanceof BroadcastException refused
          ? refused
          : new BroadcastException(
              Reason.INGEST_FAILED, "the " + chosen + " endpoint could not be opened");
    }
    B ready =
        required(
            transactions.execute(status -> {
              B found = store.findForUpdate(broadcast.getId()).orElseThrow();
              found.opened(opened.playbackUrl(), opened.reference());
              store.update(found);
              return found;
            }));
    log.info("broadcast {} started by {} ({})", ready.getId(), owner, chosen);
    return new Started<>(ready, opened.endpoint());
  }

  /**
   * django-broadcast's {@code start_hls_stream}: starts an {@link EndpointKind#HLS_PUT} broadcast.
   *
   * @param owner the principal starting it
   * @param name its name
   * @return the broadcast and its endpoint, for {@link SeedResponses#prepareStartHlsStreamResponse}
   */
  public Started<B> startHlsStream(String owner, String name) {
    return start(owner, name, EndpointKind.HLS_PUT);
  }

  /**
   * Stops a broadcast and revokes its secret; stopping a stopped broadcast changes nothing.
   *
   * @param id the broadcast's id
   * @param requester who asks (the owner or staff)
   * @return the stopped broadcast
   * @throws BroadcastException NOT_FOUND or FORBIDDEN
   */
  public B stop(String id, Requester requester) {
    boolean[] changed = {false};
    B stopped =
        required(
            transactions.execute(status -> {
              B broadcast = manageable(id, requester);
              if (broadcast.isLive()) {
                broadcast.end(clock.instant());
                store.update(broadcast);
                changed[0] = true;
              }
              return broadcast;
            }));
    if (changed[0]) {
      log.info("broadcast {} stopped by {}", id, requester.name());
      close(stopped);
    }
    return stopped;
  }

  /** Closes a stopped broadcast's endpoint; a failure is logged, the stop stands. */
  private void close(B stopped) {
    BroadcastIngest ingest = ingests.get(stopped.getKind());
    if (ingest == null) {
      log.warn("broadcast {}: no ingest serves {} any more", stopped.getId(), stopped.getKind());
      return;
    }
    try {
      ingest.close(stopped);
    } catch (RuntimeException e) {
      log.warn(
          "broadcast {}: its {} endpoint could not be closed: {}",
          stopped.getId(),
          stopped.getKind(),
          e.getMessage());
    }
  }

  /**
   * django-broadcast's {@code stop_stream}, with the owner check the seed lacks.
   *
   * @param id the broadcast's id
   * @param requester who asks
   * @return the stopped broadcast, for {@link SeedResponses#prepareStopStreamResponse}
   */
  public B stopStream(String id, Requester requester) {
    return stop(id, requester);
  }

  /**
   * Replaces a live broadcast's secret (the old one stops working at once).
   *
   * @param id the broadcast's id
   * @param requester who asks (the owner or staff)
   * @return the broadcast and its endpoint with the new secret
   * @throws BroadcastException NOT_FOUND, FORBIDDEN or NOT_LIVE
   */
  public Started<B> refresh(String id, Requester requester) {
    return refresh(id, requester, settings.ingestBase());
  }

  /**
   * Replaces a live broadcast's secret, handing out the endpoint under the given base.
   *
   * @param id the broadcast's id
   * @param requester who asks (the owner or staff)
   * @param ingestBase where the publisher sends media
   * @return the broadcast and its endpoint with the new secret
   * @throws BroadcastException NOT_FOUND, FORBIDDEN or NOT_LIVE
   */
  public Started<B> refresh(String id, Requester requester, String ingestBase) {
    B current =
        forViewer(id)
            .orElseThrow(() -> new BroadcastException(Reason.NOT_FOUND, "no broadcast " + id));
    if (!(ingests.get(current.getKind()) instanceof RefreshableIngest ingest)) {
      throw new BroadcastException(
          Reason.UNSUPPORTED_KIND,
          "the credentials of " + current.getKind() + " broadcasts cannot be refreshed");
    }
    String secret = newSecret();
    B broadcast =
        required(
            transactions.execute(status -> {
              B found = manageable(id, requester);
              if (!found.isLive()) {
                throw new BroadcastException(Reason.NOT_LIVE, "broadcast " + id + " has stopped");
              }
              found.rotate(hash(secret));
              store.update(found);
              return found;
            }));
    log.info("broadcast {}: credentials refreshed by {}", id, requester.name());
    return new Started<>(
        broadcast, ingest.refresh(broadcast, new IngestRequest(secret, ingestBase)));
  }

  /**
   * One page of broadcasts, newest first.
   *
   * @param owner only this owner's, or null for all
   * @param live only live or stopped ones, or null for all
   * @param page zero-based page
   * @param size page size
   * @return the page and the total
   */
  public Listing<B> list(@Nullable String owner, @Nullable Boolean live, int page, int size) {
    return required(
        transactions.execute(status ->
            new Listing<>(store.list(owner, live, page, size), store.count(owner, live))));
  }

  /**
   * A broadcast as viewers see it (live or past).
   *
   * @param id the id
   * @return the broadcast, if any
   */
  public Optional<B> forViewer(String id) {
    return required(transactions.execute(status -> store.find(id)));
  }

  /**
   * Whether a publisher may send media to a broadcast: it exists, is live, and the secret's hash
   * equals the stored one (compared in constant time).
   *
   * @param id the broadcast's id
   * @param secret the presented secret
   * @return true if accepted
   */
  public boolean authorizePublisher(String id, String secret) {
    return publisher(id, secret).isPresent();
  }

  /**
   * The broadcast a publisher holding this secret may send media to, in one lookup: it exists, is
   * live, and the secret's hash equals the stored one (compared in constant time).
   *
   * @param id the broadcast's id
   * @param secret the presented secret
   * @return the broadcast, or empty if unknown, stopped or the secret is wrong
   */
  public Optional<B> publisher(String id, String secret) {
    Optional<B> found = forViewer(id);
    String stored = found.filter(Broadcast::isLive).map(Broadcast::secretHash).orElse(null);
    byte[] presented = hash(secret).getBytes(StandardCharsets.US_ASCII);
    // compare even when nothing is stored, so timing does not tell unknown ids from wrong secrets
    byte[] expected =
        (stored == null ? "-".repeat(presented.length) : stored)
            .getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, presented) && stored != null ? found : Optional.empty();
  }

  /**
   * The kinds offered (those with an ingest), lower-case, as listed in refusals.
   *
   * @return e.g. {@code hls_put}
   */
  public final String supportedKinds() {
    return ingests.keySet().stream()
        .map(k -> k.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }

  /**
   * The kinds offered (those with an ingest), in declaration order.
   *
   * @return the kinds, the default among them
   */
  public Set<EndpointKind> kinds() {
    return Collections.unmodifiableSet(EnumSet.copyOf(ingests.keySet()));
  }

  /**
   * Records the first thumbnail of a broadcast (later ones are ignored).
   *
   * @param id the broadcast's id
   * @param key the thumbnail's media-store key
   * @return true if it was recorded
   */
  public boolean recordThumbnail(String id, String key) {
    return Boolean.TRUE.equals(
        transactions.execute(status ->
            store
                .findForUpdate(id)
                .filter(b -> b.getThumbnailKey() == null)
                .map(b -> {
                  b.thumbnail(key);
                  store.update(b);
                  return true;
                })
                .orElse(false)));
  }

  /** The ingest of a kind, for the jobs. */
  @Nullable BroadcastIngest ingest(EndpointKind kind) {
    return ingests.get(kind);
  }

  /** The store, for the jobs. */
  BroadcastStore<B> store() {
    return store;
  }

  /** The transactions, for the jobs. */
  TransactionOperations transactions() {
    return transactions;
  }

  private B manageable(String id, Requester requester) {
    B broadcast =
        store
            .findForUpdate(id)
            .orElseThrow(() -> new BroadcastException(Reason.NOT_FOUND, "no broadcast " + id));
    if (!requester.mayManage(broadcast.getOwner())) {
      throw new BroadcastException(
          Reason.FORBIDDEN, "only the broadcast's owner or staff may change it");
    }
    return broadcast;
  }

  private String newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private String newId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * The SHA-256 of a secret, as stored.
   *
   * @param secret the secret
   * @return 64 hex characters
   */
  static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static <T> T required(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("the transaction returned nothing");
    }
    return value;
  }
}
