package io.videokit.cloudflare;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Verifies Cloudflare Stream webhook deliveries: header {@code Webhook-Signature: time=<unix
 * seconds>,sig1=<hex>} where {@code sig1 = hex(HMAC-SHA256(secret, time + "." + body))} over the
 * raw request body.
 *
 * <p>The comparison is constant-time, and a delivery whose {@code time} is further than the
 * tolerance from now (default 5 minutes, either way) is refused, which bounds replays to that
 * window; callers that must refuse every replay also remember accepted signatures for as long (see
 * {@link Verified#replayKey()}).
 */
public final class WebhookVerifier {

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  private final Duration tolerance;
  private final Clock clock;

  /**
   * A verifier.
   *
   * @param secret the webhook's {@code secret} from {@code PUT /stream/webhook}
   * @param tolerance how far {@code time} may be from now
   * @param clock the clock
   * @throws IllegalArgumentException for an empty secret or a negative tolerance
   */
  public WebhookVerifier(String secret, Duration tolerance, Clock clock) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("a webhook secret is required");
    }
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("tolerance must not be negative");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.tolerance = tolerance;
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * A verifier with a 5-minute tolerance and the UTC system clock.
   *
   * @param secret the webhook secret
   */
  public WebhookVerifier(String secret) {
    this(secret, Duration.ofMinutes(5), Clock.systemUTC());
  }

  /**
   * An accepted delivery.
   *
   * @param time the signed time
   * @param replayKey a string unique to this delivery ({@code time} and signature), to remember for
   *     the tolerance window
   */
  public record Verified(Instant time, String replayKey) {}

  /**
   * Checks one delivery.
   *
   * @param signatureHeader the {@code Webhook-Signature} value, or null when absent
   * @param body the raw request body, exactly as received
   * @return the verified time and replay key
   * @throws WebhookSignatureException when the header is missing or malformed, the time is stale or
   *     in the future beyond the tolerance, or the signature does not match
   */
  public Verified verify(@Nullable String signatureHeader, byte[] body) {
    if (signatureHeader == null || signatureHeader.isBlank()) {
      throw new WebhookSignatureException("missing Webhook-Signature header");
    }
    String time = null;
    String sig1 = null;
    for (String part : signatureHeader.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String name = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      if (name.equals("time")) {
        time = value;
      } else if (name.equals("sig1")) {
        sig1 = value;
      }
    }
    if (time == null || sig1 == null || !time.matches("\\d{1,12}")) {
      throw new WebhookSignatureException("malformed Webhook-Signature header");
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(sig1);
    } catch (IllegalArgumentException e) {
      throw new WebhookSignatureException("malformed Webhook-Signature header");
    }
    Instant signedAt = Instant.ofEpochSecond(Long.parseLong(time));
    Duration age = Duration.between(signedAt, clock.instant()).abs();
    if (age.compareTo(tolerance) > 0) {
      throw new WebhookSignatureException("stale Webhook-Signature time");
    }
    byte[] expected = sign(time, body);
    if (!MessageDigest.isEqual(expected, given)) {
      throw new WebhookSignatureException("Webhook-Signature does not match");
    }
    return new Verified(signedAt, time + ":" + HexFormat.of().formatHex(expected));
  }

  /**
   * The header Cloudflare would send for a body at a time (for tests and local tools).
   *
   * @param body the raw body
   * @param time the signing time
   * @return {@code time=<unix>,sig1=<hex>}
   */
  public String signatureHeader(byte[] body, Instant time) {
    String seconds = Long.toString(time.getEpochSecond());
    return "time=" + seconds + ",sig1=" + HexFormat.of().formatHex(sign(seconds, body));
  }

  private byte[] sign(String time, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(time.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
