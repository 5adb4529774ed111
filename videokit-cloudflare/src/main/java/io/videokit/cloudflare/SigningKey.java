package io.videokit.cloudflare;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A key for self-signing playback tokens ({@code POST /accounts/{account_id}/stream/keys} → {@code
 * result}). Secret: {@link #toString()} shows only the id.
 *
 * @param id the key id ({@code kid} of the tokens)
 * @param pem the RSA private key as base64 of its PEM text (only in the creation answer)
 * @param jwk the key as base64 of its JWK JSON (only in the creation answer)
 * @param created when it was created (UTC), or null
 */
public record SigningKey(
    String id, @Nullable String pem, @Nullable String jwk, @Nullable Instant created) {

  @Override
  public String toString() {
    return "SigningKey[id=" + id + ", created=" + created + "]";
  }
}
