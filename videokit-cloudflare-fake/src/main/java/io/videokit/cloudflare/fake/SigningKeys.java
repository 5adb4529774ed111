package io.videokit.cloudflare.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * RSA signing keys of the account (created through {@code POST …/stream/keys}) plus one internal
 * key the fake uses to answer {@code POST …/stream/{uid}/token}. Tokens are RS256 JWTs with header
 * {@code {alg, kid}}. Thread-safe; keys are generated outside the lock.
 */
final class SigningKeys {

  /** One RSA 2048 key pair. */
  record SigningKey(String id, KeyPair pair, Instant created) {}

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

  private final Map<String, SigningKey> keys = new LinkedHashMap<>();
  private SigningKey internal;

  SigningKey create(Instant now) {
    SigningKey key = new SigningKey(Ids.uid(), generate(), now);
    synchronized (this) {
      keys.put(key.id(), key);
    }
    return key;
  }

  synchronized List<SigningKey> list() {
    return new ArrayList<>(keys.values());
  }

  synchronized boolean delete(String id) {
    return keys.remove(id) != null;
  }

  synchronized Optional<SigningKey> find(String id) {
    if (internal != null && internal.id().equals(id)) {
      return Optional.of(internal);
    }
    return Optional.ofNullable(keys.get(id));
  }

  synchronized SigningKey internal(Instant now) {
    if (internal == null) {
      internal = new SigningKey(Ids.uid(), generate(), now);
    }
    return internal;
  }

  synchronized void clear() {
    keys.clear();
  }

  /** {@code pem}: base64 of a PKCS#1 {@code RSA PRIVATE KEY} PEM, as Cloudflare hands it out. */
  static String pem(SigningKey key) {
    byte[] pkcs1 = pkcs1(key.pair().getPrivate().getEncoded());
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs1);
    String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----\n";
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
  }

  /** {@code jwk}: base64 of the private JWK JSON (kty, kid, alg, n, e, d, p, q, dp, dq, qi). */
  static String jwk(SigningKey key) {
    RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) key.pair().getPrivate();
    ObjectNode jwk = Json.object();
    jwk.put("kty", "RSA");
    jwk.put("kid", key.id());
    jwk.put("alg", "RS256");
    jwk.put("use", "sig");
    jwk.put("n", unsigned(rsa.getModulus()));
    jwk.put("e", unsigned(rsa.getPublicExponent()));
    jwk.put("d", unsigned(rsa.getPrivateExponent()));
    jwk.put("p", unsigned(rsa.getPrimeP()));
    jwk.put("q", unsigned(rsa.getPrimeQ()));
    jwk.put("dp", unsigned(rsa.getPrimeExponentP()));
    jwk.put("dq", unsigned(rsa.getPrimeExponentQ()));
    jwk.put("qi", unsigned(rsa.getCrtCoefficient()));
    return Base64.getEncoder().encodeToString(Json.write(jwk).getBytes(StandardCharsets.UTF_8));
  }

  static String sign(SigningKey key, ObjectNode claims) {
    ObjectNode header = Json.object().put("alg", "RS256").put("kid", key.id());
    String input =
        URL.encodeToString(Json.write(header).getBytes(StandardCharsets.UTF_8))
            + "."
            + URL.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key.pair().getPrivate());
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + URL.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Verifies an RS256 JWT signed by one of the keys and returns its claims.
   *
   * @throws IllegalArgumentException naming the reason when the token is malformed, signed by an
   *     unknown key, badly signed, expired or not yet valid
   */
  Map<String, Object> verify(String jwt, Instant now) {
    String[] parts = jwt == null ? new String[0] : jwt.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a JWS compact token");
    }
    JsonNode header;
    JsonNode claims;
    byte[] signatureBytes;
    try {
      header = Json.parse(new String(URL_DECODER.decode(parts[0]), StandardCharsets.UTF_8));
      claims = Json.parse(new String(URL_DECODER.decode(parts[1]), StandardCharsets.UTF_8));
      signatureBytes = URL_DECODER.decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed token: " + e.getMessage(), e);
    }
    if (!"RS256".equals(header.path("alg").asText())) {
      throw new IllegalArgumentException("alg must be RS256: " + header.path("alg").asText());
    }
    String kid = header.path("kid").asText(claims.path("kid").asText());
    SigningKey key =
        find(kid).orElseThrow(() -> new IllegalArgumentException("unknown signing key: " + kid));
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initVerify(key.pair().getPublic());
      signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!signature.verify(signatureBytes)) {
        throw new IllegalArgumentException("bad signature");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("bad signature: " + e.getMessage(), e);
    }
    long seconds = now.getEpochSecond();
    if (claims.has("exp") && claims.path("exp").asLong() <= seconds) {
      throw new IllegalArgumentException("expired at " + claims.path("exp").asLong());
    }
    if (claims.has("nbf") && claims.path("nbf").asLong() > seconds) {
      throw new IllegalArgumentException("not valid before " + claims.path("nbf").asLong());
    }
    return Json.toMap(claims);
  }

  static RSAPublicKey publicKey(SigningKey key) {
    return (RSAPublicKey) key.pair().getPublic();
  }

  /**
   * RSA 2048 key pairs made ahead in a background thread (JVM-wide): generating one takes up to a
   * second on a busy machine, longer than a test client's request timeout.
   */
  private static final BlockingQueue<KeyPair> SPARES = new ArrayBlockingQueue<>(2);

  private static final ExecutorService MAKER =
      Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fake-cloudflare-stream-keys");
        thread.setDaemon(true);
        return thread;
      });

  static {
    refill();
  }

  private static void refill() {
    MAKER.execute(() -> {
      while (SPARES.remainingCapacity() > 0) {
        SPARES.offer(newPair());
      }
    });
  }

  private static KeyPair generate() {
    KeyPair spare = SPARES.poll();
    refill();
    return spare != null ? spare : newPair();
  }

  private static KeyPair newPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return URL.encodeToString(bytes);
  }

  /**
   * Extracts the PKCS#1 {@code RSAPrivateKey} from a PKCS#8 {@code PrivateKeyInfo}: SEQUENCE {
   * INTEGER version, SEQUENCE algorithm, OCTET STRING privateKey }.
   */
  private static byte[] pkcs1(byte[] pkcs8) {
    int[] position = {0};
    expect(pkcs8, position, 0x30);
    readLength(pkcs8, position);
    expect(pkcs8, position, 0x02);
    int versionLength = readLength(pkcs8, position);
    position[0] += versionLength;
    expect(pkcs8, position, 0x30);
    int algorithmLength = readLength(pkcs8, position);
    position[0] += algorithmLength;
    expect(pkcs8, position, 0x04);
    int length = readLength(pkcs8, position);
    return Arrays.copyOfRange(pkcs8, position[0], position[0] + length);
  }

  private static void expect(byte[] der, int[] position, int tag) {
    if ((der[position[0]++] & 0xff) != tag) {
      throw new IllegalStateException("unexpected DER tag in PKCS#8 key");
    }
  }

  private static int readLength(byte[] der, int[] position) {
    int first = der[position[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int length = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      length = (length << 8) | (der[position[0]++] & 0xff);
    }
    return length;
  }
}
