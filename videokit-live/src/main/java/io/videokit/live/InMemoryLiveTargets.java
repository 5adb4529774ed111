package io.videokit.live;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * {@link LiveTargets} held in memory: for tests and single-process setups. Secrets are kept only as
 * SHA-256 digests and compared in constant time ({@link MessageDigest#isEqual}), so neither the
 * secret's bytes nor its length leak through timing. Thread-safe.
 */
public final class InMemoryLiveTargets implements LiveTargets {

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  private record Entry(LiveTarget target, byte @Nullable [] secretDigest) {}

  /** Creates an empty registry. */
  public InMemoryLiveTargets() {}

  /**
   * Registers (or replaces) a broadcast a publisher may write to with a secret.
   *
   * @param target the broadcast's target
   * @param secret the publisher's bearer secret; not kept, only its digest
   */
  public void register(LiveTarget target, String secret) {
    entries.put(target.broadcastId(), new Entry(target, digest(secret)));
  }

  /**
   * Revokes the publisher's secret: the broadcast stays watchable, nobody can write to it.
   *
   * @param broadcastId the broadcast
   */
  public void revoke(String broadcastId) {
    entries.computeIfPresent(broadcastId, (id, entry) -> new Entry(entry.target(), null));
  }

  @Override
  public Optional<LiveTarget> authorizePublisher(String broadcastId, String secret) {
    Entry entry = entries.get(broadcastId);
    byte[] given = digest(secret);
    if (entry == null || entry.secretDigest() == null) {
      return Optional.empty();
    }
    return MessageDigest.isEqual(entry.secretDigest(), given)
        ? Optional.of(entry.target())
        : Optional.empty();
  }

  @Override
  public Optional<LiveTarget> forViewer(String broadcastId) {
    return Optional.ofNullable(entries.get(broadcastId)).map(Entry::target);
  }

  private static byte[] digest(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
