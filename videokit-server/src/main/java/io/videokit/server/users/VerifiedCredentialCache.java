package io.videokit.server.users;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A password encoder that remembers, for a bounded time, which (password, stored hash) pairs its
 * delegate has already accepted, so HTTP Basic (which sends the password on every request) pays the
 * deliberately slow hash (bcrypt, ~90 ms) once per credential and TTL instead of on every request —
 * a client uploading 1 GiB in 50 MiB tus PATCHes would otherwise spend a bcrypt per chunk.
 *
 * <p>What is kept: for each stored hash, an HMAC-SHA-256 (with a random key made per instance,
 * never stored) of that stored hash and the password that matched it. Never the password itself,
 * and the key of an entry is an HMAC of the stored hash too (a {@code {noop}} stored "hash" is the
 * password). A presented password is accepted from the cache only when its HMAC equals the
 * remembered one, compared in constant time ({@link MessageDigest#isEqual}); anything else goes to
 * the delegate, so a wrong password still costs a full bcrypt and is never remembered. Because an
 * entry belongs to the stored hash, a changed password (a new hash) misses the cache at once; a
 * removed user never reaches the encoder. Entries expire {@code ttl} after they were written and at
 * most {@code maximumSize} are kept.
 *
 * <p>{@link #matches} is a pure function of its two arguments, so remembering a {@code true} answer
 * changes no decision; it only skips recomputing it.
 */
public final class VerifiedCredentialCache implements PasswordEncoder {

  private static final String HMAC = "HmacSHA256";

  private final PasswordEncoder delegate;
  private final SecretKeySpec key;
  private final Cache<String, byte[]> verified;

  /**
   * Creates the cache with the system clock.
   *
   * @param delegate the encoder that really checks passwords
   * @param ttl how long an accepted credential is remembered
   * @param maximumSize how many stored hashes are remembered at most
   */
  public VerifiedCredentialCache(PasswordEncoder delegate, Duration ttl, long maximumSize) {
    this(delegate, ttl, maximumSize, Ticker.systemTicker());
  }

  /**
   * Creates the cache with the given clock (tests).
   *
   * @param delegate the encoder that really checks passwords
   * @param ttl how long an accepted credential is remembered
   * @param maximumSize how many stored hashes are remembered at most
   * @param ticker the clock the expiry follows
   */
  public VerifiedCredentialCache(
      PasswordEncoder delegate, Duration ttl, long maximumSize, Ticker ticker) {
    this.delegate = delegate;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, HMAC);
    this.verified =
        Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).ticker(ticker).build();
  }

  /** Encodes with the delegate; nothing is remembered. */
  @Override
  public @Nullable String encode(@Nullable CharSequence rawPassword) {
    return delegate.encode(rawPassword);
  }

  /**
   * Whether {@code rawPassword} matches {@code encodedPassword}: from the cache when this very pair
   * was accepted within the TTL, otherwise from the delegate (and remembered when it accepts).
   */
  @Override
  public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
    if (rawPassword == null || encodedPassword == null) {
      return delegate.matches(rawPassword, encodedPassword);
    }
    String entry = HexFormat.of().formatHex(hmac(encodedPassword, null));
    byte[] presented = hmac(encodedPassword, rawPassword);
    byte[] remembered = verified.getIfPresent(entry);
    if (remembered != null && MessageDigest.isEqual(remembered, presented)) {
      return true;
    }
    if (!delegate.matches(rawPassword, encodedPassword)) {
      return false;
    }
    verified.put(entry, presented);
    return true;
  }

  /** Asks the delegate. */
  @Override
  public boolean upgradeEncoding(@Nullable String encodedPassword) {
    return delegate.upgradeEncoding(encodedPassword);
  }

  /** The HMAC of the stored hash alone (an entry's key) or of the stored hash and a password. */
  private byte[] hmac(String encoded, @Nullable CharSequence raw) {
    Mac mac;
    try {
      mac = Mac.getInstance(HMAC);
      mac.init(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available", e);
    }
    byte[] stored = encoded.getBytes(StandardCharsets.UTF_8);
    mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(stored.length).array());
    mac.update(stored);
    if (raw == null) {
      mac.update((byte) 0);
      return mac.doFinal();
    }
    mac.update((byte) 1);
    ByteBuffer password = StandardCharsets.UTF_8.encode(CharBuffer.wrap(raw));
    byte[] bytes = new byte[password.remaining()];
    password.get(bytes);
    try {
      return mac.doFinal(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
      Arrays.fill(password.array(), (byte) 0);
    }
  }
}
