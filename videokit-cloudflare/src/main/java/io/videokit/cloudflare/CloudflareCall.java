package io.videokit.cloudflare;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP call to the Stream API: what it is, and whether repeating it is harmless.
 *
 * @param operation the call as logged and named in exceptions, e.g. {@code GET /stream/{uid}}
 * @param method the HTTP method
 * @param uri the full URI
 * @param body the request body, or null for none
 * @param headers request headers besides {@code Authorization} and {@code Accept}
 * @param repeatable whether sending it twice is harmless (false for calls that create something)
 * @param expectsEnvelope whether the answer is Cloudflare's {@code {success, errors, result}}
 */
record CloudflareCall(
    String operation,
    String method,
    URI uri,
    byte @Nullable [] body,
    Map<String, String> headers,
    boolean repeatable,
    boolean expectsEnvelope) {

  /** The smallest body the schema accepts where it requires one and documents no fields. */
  static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);

  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

  static CloudflareCall get(String operation, URI uri) {
    return new CloudflareCall(operation, "GET", uri, null, Map.of(), true, true);
  }

  /** A DELETE with the JSON body {@code {}} the schema marks as required. */
  static CloudflareCall delete(String operation, URI uri) {
    return new CloudflareCall(operation, "DELETE", uri, EMPTY_JSON, JSON, true, true);
  }

  static CloudflareCall post(String operation, URI uri, byte[] body, boolean repeatable) {
    return new CloudflareCall(operation, "POST", uri, body, JSON, repeatable, true);
  }

  /** A PUT of a JSON body (replacing something: harmless to repeat). */
  static CloudflareCall put(String operation, URI uri, byte[] body) {
    return new CloudflareCall(operation, "PUT", uri, body, JSON, true, true);
  }
}
