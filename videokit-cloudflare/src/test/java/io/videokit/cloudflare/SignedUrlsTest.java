package io.videokit.cloudflare;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.videokit.video.Video;
import io.videokit.video.VideoPlayback;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SignedUrlsTest {

  static final String KID = "8f926b2b01f383510025d9ee11e1e5ed";
  static final String UID = "ea95132c15732412d22c1476fa83f27a";
  static final String BASE = "https://customer-m033z5x00ks6nunl.cloudflarestream.com/";
  static final Instant EXP = Instant.parse("2030-01-01T00:00:00Z");
  static final Instant NBF = Instant.parse("2029-12-31T23:00:00Z");

  static KeyPair keys;
  static KeyPair otherKeys;
  static byte[] pkcs8;
  static byte[] pkcs1;

  @BeforeAll
  static void generateKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
    otherKeys = generator.generateKeyPair();
    pkcs8 = keys.getPrivate().getEncoded();
    pkcs1 = pkcs1From(pkcs8);
  }

  // ------------------------------------------------------------------- key encodings

  /** A DER element: tag, where its content starts, how long it is. */
  record Tlv(int tag, int start, int length) {
    int end() {
      return start + length;
    }
  }

  static Tlv tlv(byte[] der, int offset) {
    int tag = der[offset] & 0xff;
    int first = der[offset + 1] & 0xff;
    int start = offset + 2;
    int length;
    if (first < 0x80) {
      length = first;
    } else {
      int bytes = first & 0x7f;
      length = 0;
      for (int i = 0; i < bytes; i++) {
        length = (length << 8) | (der[start + i] & 0xff);
      }
      start += bytes;
    }
    return new Tlv(tag, start, length);
  }

  /**
   * PrivateKeyInfo ::= SEQUENCE { version INTEGER, algorithm SEQUENCE, privateKey OCTET STRING }
   */
  static byte[] pkcs1From(byte[] pkcs8) {
    Tlv info = tlv(pkcs8, 0);
    assertThat(info.tag()).isEqualTo(0x30);
    Tlv version = tlv(pkcs8, info.start());
    assertThat(version.tag()).isEqualTo(0x02);
    Tlv algorithm = tlv(pkcs8, version.end());
    assertThat(algorithm.tag()).isEqualTo(0x30);
    Tlv privateKey = tlv(pkcs8, algorithm.end());
    assertThat(privateKey.tag()).isEqualTo(0x04);
    return Arrays.copyOfRange(pkcs8, privateKey.start(), privateKey.end());
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(UTF_8)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
  }

  static String jwkJson() {
    return new RSAKey.Builder((RSAPublicKey) keys.getPublic())
        .privateKey((RSAPrivateKey) keys.getPrivate())
        .keyID(KID)
        .build()
        .toJSONString();
  }

  static String pkcs8Pem() {
    return pem("PRIVATE KEY", pkcs8);
  }

  static String pkcs1Pem() {
    return pem("RSA PRIVATE KEY", pkcs1);
  }

  static List<String> keyForms() {
    return List.of(
        base64(jwkJson()),
        base64(pkcs8Pem()),
        base64(pkcs1Pem()),
        pkcs8Pem(),
        pkcs1Pem(),
        jwkJson(),
        Base64.getMimeEncoder().encodeToString(pkcs1Pem().getBytes(UTF_8)),
        "  \n" + base64(pkcs1Pem()) + "\n");
  }

  @Test
  void pkcs1ExtractedByTheTestIsAnRsaPrivateKeyOfThePair() {
    // RSAPrivateKey ::= SEQUENCE { version INTEGER (0), modulus INTEGER, ... }
    Tlv sequence = tlv(pkcs1, 0);
    Tlv version = tlv(pkcs1, sequence.start());
    Tlv modulus = tlv(pkcs1, version.end());

    assertThat(sequence.tag()).isEqualTo(0x30);
    assertThat(sequence.end()).isEqualTo(pkcs1.length);
    assertThat(pkcs1[version.start()]).isZero();
    assertThat(new BigInteger(Arrays.copyOfRange(pkcs1, modulus.start(), modulus.end())))
        .isEqualTo(((RSAPublicKey) keys.getPublic()).getModulus());
  }

  // ------------------------------------------------------------------- tokens

  static SignedJWT verified(String token) throws ParseException, JOSEException {
    SignedJWT jwt = SignedJWT.parse(token);
    assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic())))
        .as("signature verifies with the public key")
        .isTrue();
    assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) otherKeys.getPublic())))
        .as("signature does not verify with another key")
        .isFalse();
    return jwt;
  }

  @ParameterizedTest(name = "[{index}]")
  @MethodSource("keyForms")
  void signsAMinimalTokenWithEveryKeyForm(String key) throws Exception {
    SignedUrls signed = SignedUrls.withKey(KID, key, null);

    String token = signed.token(UID, TokenRequest.until(EXP));

    assertThat(signed.isSelfSigning()).isTrue();
    SignedJWT jwt = verified(token);
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(KID);
    assertThat(jwt.getHeader().toJSONObject()).isEqualTo(Map.of("alg", "RS256", "kid", KID));
    Map<String, Object> claims = jwt.getPayload().toJSONObject();
    assertThat(claims).isEqualTo(Map.of("sub", UID, "kid", KID, "exp", EXP.getEpochSecond()));
  }

  @ParameterizedTest(name = "[{index}]")
  @MethodSource("keyForms")
  void signsAllOptionalClaimsWithEveryKeyForm(String key) throws Exception {
    List<Map<String, Object>> rules =
        List.of(
            Map.of("type", "ip.geoip.country", "action", "allow", "country", List.of("GB", "DE")),
            Map.of("type", "any", "action", "block"));
    TokenRequest request = new TokenRequest(EXP, NBF, true, rules);

    SignedJWT jwt = verified(SignedUrls.withKey(KID, key, null).token(UID, request));

    assertThat(jwt.getPayload().toJSONObject().keySet())
        .isEqualTo(Set.of("sub", "kid", "exp", "nbf", "downloadable", "accessRules"));
    assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(UID);
    assertThat(jwt.getJWTClaimsSet().getStringClaim("kid")).isEqualTo(KID);
    assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isEqualTo(Date.from(EXP));
    assertThat(jwt.getJWTClaimsSet().getNotBeforeTime()).isEqualTo(Date.from(NBF));
    assertThat(jwt.getPayload().toJSONObject().get("nbf")).isEqualTo(NBF.getEpochSecond());
    assertThat(jwt.getJWTClaimsSet().getBooleanClaim("downloadable")).isTrue();
    assertThat(jwt.getJWTClaimsSet().getClaim("accessRules")).isEqualTo(rules);
  }

  @Test
  void everyKeyFormGivesTheSameToken() {
    // RS256 (PKCS#1 v1.5) is deterministic: the same key and claims give the same token
    TokenRequest request = new TokenRequest(EXP, NBF, false, List.of());

    List<String> tokens =
        keyForms().stream().map(k -> SignedUrls.withKey(KID, k, null).token(UID, request)).toList();

    assertThat(tokens).hasSize(keyForms().size()).containsOnly(tokens.get(0));
  }

  @Test
  void expiryIsInWholeSeconds() throws Exception {
    Instant exp = Instant.parse("2030-01-01T00:00:00.999Z");

    SignedJWT jwt =
        verified(SignedUrls.withKey(KID, pkcs1Pem(), null).token(UID, TokenRequest.until(exp)));

    assertThat(jwt.getPayload().toJSONObject().get("exp")).isEqualTo(exp.getEpochSecond());
  }

  @Test
  void refusesAnInvalidUid() {
    SignedUrls signed = SignedUrls.withKey(KID, pkcs8Pem(), null);

    assertThatThrownBy(() -> signed.token("../x", TokenRequest.until(EXP)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> signed.token(UID + "/manifest", TokenRequest.until(EXP)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------------- bad keys

  static List<String> garbageKeys() throws GeneralSecurityException {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    KeyPair ecKeys = ec.generateKeyPair();
    return List.of(
        "",
        "   ",
        "not a key",
        "!!!!",
        base64("hello world"),
        "{}",
        "{\"kty\":\"RSA\"}",
        "{not json",
        base64("{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}"),
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\n%%%%\n-----END PRIVATE KEY-----\n",
        "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n",
        pem("PRIVATE KEY", Arrays.copyOf(pkcs8, pkcs8.length / 2)),
        pem("PUBLIC KEY", keys.getPublic().getEncoded()),
        pem("PRIVATE KEY", ecKeys.getPrivate().getEncoded()),
        base64(pem("PRIVATE KEY", ecKeys.getPrivate().getEncoded())));
  }

  @ParameterizedTest(name = "[{index}]")
  @MethodSource("garbageKeys")
  void garbageKeysAreRefused(String key) {
    assertThatThrownBy(() -> SignedUrls.withKey(KID, key, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void publicOnlyJwkIsRefused() {
    String publicJwk =
        new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID(KID).build().toJSONString();

    assertThatThrownBy(() -> SignedUrls.withKey(KID, base64(publicJwk), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SignedUrls.withKey(KID, publicJwk, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusalDoesNotEchoTheKey() {
    String truncated = pem("PRIVATE KEY", Arrays.copyOf(pkcs8, pkcs8.length - 10));
    String body = truncated.lines().skip(1).findFirst().orElseThrow();

    assertThatThrownBy(() -> SignedUrls.withKey(KID, truncated, null))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(body));
  }

  @Test
  void aKeyIdIsRequired() {
    assertThatThrownBy(() -> SignedUrls.withKey(null, pkcs8Pem(), null))
        .isInstanceOf(NullPointerException.class);
  }

  // ------------------------------------------------------------------- URLs

  @Test
  void replaceUidReplacesExactlyTheUidSegment() {
    String hls = BASE + UID + "/manifest/video.m3u8";

    assertThat(SignedUrls.replaceUid(hls, UID, "TOKEN"))
        .isEqualTo(BASE + "TOKEN/manifest/video.m3u8");
    assertThat(SignedUrls.replaceUid(BASE + UID + "/thumbnails/thumbnail.jpg?time=2s", UID, "T"))
        .isEqualTo(BASE + "T/thumbnails/thumbnail.jpg?time=2s");
    assertThat(SignedUrls.replaceUid(BASE + UID + "/watch", UID, "T")).isEqualTo(BASE + "T/watch");
    assertThat(SignedUrls.replaceUid(null, UID, "T")).isNull();
  }

  @Test
  void replaceUidLeavesLookAlikesAlone() {
    String inHost = "https://customer-" + UID + ".cloudflarestream.com/" + UID + "/manifest/x.m3u8";
    String longerSegment = BASE + UID + "abc/manifest/video.m3u8";
    String otherUid = BASE + "023e105f4ecef8ad9ca31a8372d0c353/manifest/video.m3u8";

    assertThat(SignedUrls.replaceUid(inHost, UID, "T"))
        .isEqualTo("https://customer-" + UID + ".cloudflarestream.com/T/manifest/x.m3u8");
    assertThat(SignedUrls.replaceUid(longerSegment, UID, "T")).isEqualTo(longerSegment);
    assertThat(SignedUrls.replaceUid(otherUid, UID, "T")).isEqualTo(otherUid);
  }

  @Test
  void replaceUidAlsoReplacesTheLastSegment() {
    assertThat(SignedUrls.replaceUid("https://iframe.videodelivery.net/" + UID, UID, "T"))
        .isEqualTo("https://iframe.videodelivery.net/T");
    assertThat(
            SignedUrls.replaceUid(
                "https://iframe.videodelivery.net/" + UID + "?autoplay=true", UID, "T"))
        .isEqualTo("https://iframe.videodelivery.net/T?autoplay=true");
  }

  @Test
  void playbackPutsAFreshTokenInPlaceOfTheUid() throws Exception {
    Video video =
        Video.ofUid(UID)
            .with(
                "playback",
                Map.of(
                    "hls", BASE + UID + "/manifest/video.m3u8",
                    "dash", BASE + UID + "/manifest/video.mpd"))
            .with("requireSignedURLs", true);
    SignedUrls signed = SignedUrls.withKey(KID, base64(pkcs1Pem()), null);

    VideoPlayback playback = signed.playback(video, TokenRequest.until(EXP));

    assertThat(playback.hls())
        .startsWith(BASE)
        .endsWith("/manifest/video.m3u8")
        .doesNotContain(UID);
    assertThat(playback.dash())
        .startsWith(BASE)
        .endsWith("/manifest/video.mpd")
        .doesNotContain(UID);
    String token =
        playback
            .hls()
            .substring(BASE.length(), playback.hls().length() - "/manifest/video.m3u8".length());
    assertThat(playback.dash()).isEqualTo(BASE + token + "/manifest/video.mpd");
    SignedJWT jwt = verified(token);
    assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(UID);
    assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isEqualTo(Date.from(EXP));
  }

  @Test
  void playbackOfAVideoWithoutUrlsIsEmpty() {
    SignedUrls signed = SignedUrls.withKey(KID, pkcs8Pem(), null);

    assertThat(signed.playback(Video.ofUid(UID), TokenRequest.until(EXP)))
        .isEqualTo(new VideoPlayback(null, null));
  }
}
