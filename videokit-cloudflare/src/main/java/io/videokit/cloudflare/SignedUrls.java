package io.videokit.cloudflare;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.videokit.video.Video;
import io.videokit.video.VideoPlayback;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Signed playback URLs for private videos ({@code requireSignedURLs: true}).
 *
 * <p>With a signing key ({@code POST /accounts/{account_id}/stream/keys}) tokens are self-signed
 * locally: an RS256 JWT with header {@code {alg: RS256, kid}} and claims {@code {sub: uid, kid,
 * exp, nbf?, downloadable?, accessRules?}} — no API call per view. Without one, each token comes
 * from {@code POST /accounts/{account_id}/stream/{identifier}/token}. The token replaces the uid in
 * the video's playback, thumbnail and preview URLs.
 */
public final class SignedUrls {

  private final @Nullable String keyId;
  private final @Nullable RSASSASigner signer;
  private final @Nullable CloudflareSigning client;

  private SignedUrls(
      @Nullable String keyId, @Nullable RSASSASigner signer, @Nullable CloudflareSigning client) {
    this.keyId = keyId;
    this.signer = signer;
    this.client = client;
  }

  /**
   * Self-signing with a key, falling back to nothing.
   *
   * @param keyId the key's {@code id}
   * @param key the key as Cloudflare returned it: base64 of its JWK JSON ({@code jwk}) or of its
   *     PEM text ({@code pem}, PKCS#1 or PKCS#8), or the PEM text itself
   * @param fallback a client to ask for tokens if local signing fails, or null
   * @return the signer
   * @throws IllegalArgumentException when the key cannot be read
   */
  public static SignedUrls withKey(String keyId, String key, @Nullable CloudflareSigning fallback) {
    Objects.requireNonNull(keyId, "keyId");
    return new SignedUrls(keyId, new RSASSASigner(readPrivateKey(key)), fallback);
  }

  /**
   * Tokens from Cloudflare's token endpoint only (one API call per token).
   *
   * @param client the token endpoint (a {@link CloudflareStreamClient})
   * @return the signer
   */
  public static SignedUrls viaApi(CloudflareSigning client) {
    return new SignedUrls(null, null, Objects.requireNonNull(client));
  }

  /**
   * Whether tokens are signed locally.
   *
   * @return true with a signing key
   */
  public boolean isSelfSigning() {
    return signer != null;
  }

  /**
   * A playback token for a video.
   *
   * @param uid the video's uid
   * @param request expiry (UTC), not-before, download and access rules
   * @return the token
   * @throws CloudflareException when the token endpoint had to be used and failed
   * @throws IllegalStateException when there is neither a key nor a client
   */
  public String token(String uid, TokenRequest request) {
    Video.requireValidUid(uid);
    if (signer != null) {
      try {
        return sign(uid, request);
      } catch (JOSEException e) {
        if (client == null) {
          throw new IllegalStateException("could not sign a playback token", e);
        }
      }
    }
    if (client == null) {
      throw new IllegalStateException("no signing key and no API client for playback tokens");
    }
    return client.createToken(uid, request);
  }

  /**
   * A video's playback URLs with the uid replaced by a fresh token.
   *
   * @param video the video
   * @param request what the token allows
   * @return signed HLS and DASH URLs (null where the video has none)
   */
  public VideoPlayback playback(Video video, TokenRequest request) {
    String token = token(video.uid(), request);
    VideoPlayback playback = video.playback();
    return new VideoPlayback(
        replaceUid(playback.hls(), video.uid(), token),
        replaceUid(playback.dash(), video.uid(), token));
  }

  /**
   * Replaces the uid path segment of a Stream URL by a token.
   *
   * @param url e.g. {@code https://customer-x.cloudflarestream.com/<uid>/manifest/video.m3u8}
   * @param uid the uid in it
   * @param token the token
   * @return the URL with the uid segment (followed by {@code /}, {@code ?}, {@code #} or the end)
   *     replaced, or null for a null URL
   */
  public static @Nullable String replaceUid(@Nullable String url, String uid, String token) {
    if (url == null) {
      return null;
    }
    return url.replaceAll(
        "/" + java.util.regex.Pattern.quote(uid) + "(?=/|\\?|#|$)",
        java.util.regex.Matcher.quoteReplacement("/" + token));
  }

  private String sign(String uid, TokenRequest request) throws JOSEException {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject(uid)
            .claim("kid", keyId)
            .expirationTime(Date.from(request.expiresAt()));
    if (request.notBefore() != null) {
      claims.notBeforeTime(Date.from(request.notBefore()));
    }
    if (request.downloadable()) {
      claims.claim("downloadable", true);
    }
    if (!request.accessRules().isEmpty()) {
      claims.claim("accessRules", request.accessRules());
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims.build());
    jwt.sign(Objects.requireNonNull(signer));
    return jwt.serialize();
  }

  static PrivateKey readPrivateKey(String key) {
    String text = key.trim();
    if (!text.startsWith("{") && !text.startsWith("-----")) {
      try {
        text = new String(Base64.getMimeDecoder().decode(text), StandardCharsets.UTF_8).trim();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("signing key is neither JWK, PEM nor base64 of them");
      }
    }
    try {
      if (text.startsWith("{")) {
        PrivateKey privateKey = RSAKey.parse(text).toPrivateKey();
        if (privateKey == null) {
          throw new IllegalArgumentException("the JWK has no private key");
        }
        return privateKey;
      }
      boolean pkcs1 = text.contains("BEGIN RSA PRIVATE KEY");
      String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      byte[] der = Base64.getDecoder().decode(base64);
      byte[] pkcs8 = pkcs1 ? wrapPkcs1(der) : der;
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (ParseException
        | JOSEException
        | GeneralSecurityException
        | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot read the RSA signing key: " + e.getMessage(), e);
    }
  }

  /** PKCS#8 {@code PrivateKeyInfo} around a PKCS#1 {@code RSAPrivateKey} (RFC 5208 §5). */
  private static byte[] wrapPkcs1(byte[] pkcs1) {
    byte[] version = {0x02, 0x01, 0x00};
    byte[] rsaAlgorithm = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    byte[] octets = der(0x04, pkcs1);
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.writeBytes(version);
    content.writeBytes(rsaAlgorithm);
    content.writeBytes(octets);
    return der(0x30, content.toByteArray());
  }

  private static byte[] der(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write((length >>> (8 * i)) & 0xff);
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
