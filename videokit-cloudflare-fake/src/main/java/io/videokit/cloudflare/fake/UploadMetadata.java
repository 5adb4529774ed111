package io.videokit.cloudflare.fake;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tus {@code Upload-Metadata} header: {@code key base64(value)} pairs joined by commas; a key
 * without a value is a flag (its value is {@code null} here).
 */
final class UploadMetadata {

  private UploadMetadata() {}

  /**
   * Parses the header.
   *
   * @throws ApiException 400 on an empty key, a duplicate key or a value that is not base64
   */
  static Map<String, String> parse(String header) {
    Map<String, String> pairs = new LinkedHashMap<>();
    if (header == null || header.isBlank()) {
      return pairs;
    }
    for (String pair : header.split(",")) {
      String trimmed = pair.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int space = trimmed.indexOf(' ');
      String key = space < 0 ? trimmed : trimmed.substring(0, space);
      String value = null;
      if (space >= 0) {
        String encoded = trimmed.substring(space + 1).trim();
        try {
          value = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw ApiException.badRequest("Upload-Metadata value of " + key + " is not base64");
        }
      }
      if (key.isEmpty() || pairs.containsKey(key)) {
        throw ApiException.badRequest("Upload-Metadata has an empty or duplicate key: " + key);
      }
      pairs.put(key, value);
    }
    return Collections.unmodifiableMap(pairs);
  }
}
