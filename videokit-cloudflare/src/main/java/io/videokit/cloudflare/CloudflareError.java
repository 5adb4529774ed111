package io.videokit.cloudflare;

/**
 * One entry of the API envelope's {@code errors} array.
 *
 * @param code Cloudflare's numeric code, e.g. {@code 10005} (clip range longer than the parent), or
 *     0 when the answer had none
 * @param message Cloudflare's message
 */
public record CloudflareError(int code, String message) {

  @Override
  public String toString() {
    return code + " " + message;
  }
}
