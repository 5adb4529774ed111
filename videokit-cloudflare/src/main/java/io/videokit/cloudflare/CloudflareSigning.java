package io.videokit.cloudflare;

import java.util.List;

/**
 * Signed playback: tokens made by Cloudflare and the account's signing keys (with which {@link
 * SignedUrls} makes tokens without a call per token).
 */
public interface CloudflareSigning {

  /**
   * A signed playback token made by Cloudflare: {@code POST
   * /accounts/{account_id}/stream/{identifier}/token}. Prefer {@link SignedUrls} with a signing
   * key: it needs no call per token.
   *
   * @param uid the video (with {@code requireSignedURLs})
   * @param request expiry, not-before, download and access rules
   * @return the token, which replaces the uid in playback URLs
   * @throws CloudflareException on failure
   */
  String createToken(String uid, TokenRequest request);

  /**
   * Creates a signing key: {@code POST /accounts/{account_id}/stream/keys}. The private key is only
   * in this answer: store it as a secret. Never repeated once the request may have reached
   * Cloudflare.
   *
   * @return the key with {@code pem} and {@code jwk}
   * @throws CloudflareException on failure
   */
  SigningKey createSigningKey();

  /**
   * The account's signing keys: {@code GET /accounts/{account_id}/stream/keys} (ids only).
   *
   * @return the keys
   * @throws CloudflareException on failure
   */
  List<SigningKey> signingKeys();

  /**
   * Deletes a signing key: {@code DELETE /accounts/{account_id}/stream/keys/{identifier}}.
   *
   * @param id the key id
   * @return true if deleted, false if it did not exist
   * @throws CloudflareException on failure
   */
  boolean deleteSigningKey(String id);
}
