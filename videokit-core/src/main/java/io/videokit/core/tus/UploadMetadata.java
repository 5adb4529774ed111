package io.videokit.core.tus;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The {@code Upload-Metadata} of a tus upload: unique keys with optional UTF-8 values, sent as
 * {@code key base64(value)} pairs separated by commas (tus 1.0.0, creation extension).
 *
 * @param values keys to decoded values; a key sent without a value maps to the empty string
 */
public record UploadMetadata(Map<String, String> values) {

  /** Largest accepted header, in characters. */
  public static final int MAX_HEADER_LENGTH = 8 * 1024;

  /** No metadata. */
  public static final UploadMetadata EMPTY = new UploadMetadata(Map.of());

  /** Copies the map, keeping its order. */
  public UploadMetadata {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * Parses an {@code Upload-Metadata} value.
   *
   * @param header the raw value, or null / blank for none
   * @return the metadata
   * @throws TusException {@link TusError#INVALID_METADATA} for over-long values, empty or duplicate
   *     keys, keys that are not printable ASCII (or hold spaces or commas), invalid base64 or
   *     values that are not UTF-8 text
   */
  public static UploadMetadata parse(String header) throws TusException {
    if (header == null || header.isBlank()) {
      return EMPTY;
    }
    if (header.length() > MAX_HEADER_LENGTH) {
      throw invalid("Upload-Metadata is longer than " + MAX_HEADER_LENGTH + " characters");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : header.split(",", -1)) {
      String trimmed = pair.strip();
      if (trimmed.isEmpty()) {
        throw invalid("empty pair in Upload-Metadata");
      }
      String[] parts = trimmed.split(" ", -1);
      if (parts.length > 2 || parts[0].isEmpty()) {
        throw invalid(
            "each pair must be 'key base64value' or 'key': '" + abbreviate(trimmed) + "'");
      }
      String key = parts[0];
      if (!isAsciiKey(key)) {
        throw invalid("keys must be printable ASCII without spaces or commas");
      }
      String value = "";
      if (parts.length == 2) {
        byte[] bytes;
        try {
          bytes = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
          throw invalid("value of '" + key + "' is not valid base64");
        }
        try {
          value =
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT)
                  .decode(ByteBuffer.wrap(bytes))
                  .toString();
        } catch (CharacterCodingException e) {
          throw invalid("value of '" + abbreviate(key) + "' is not UTF-8 text");
        }
      }
      if (values.putIfAbsent(key, value) != null) {
        throw invalid("duplicate key '" + abbreviate(key) + "'");
      }
    }
    return new UploadMetadata(values);
  }

  /**
   * A value by key.
   *
   * @param key the key, e.g. {@code filename}
   * @return the decoded value, if the key was sent
   */
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /**
   * The client's file name, reduced to a safe base name: no directories, no control characters, at
   * most 255 characters.
   *
   * @return e.g. {@code holiday.mp4}, if a {@code filename} (or {@code name}) was sent
   */
  public Optional<String> safeFilename() {
    return get("filename")
        .or(() -> get("name"))
        .map(UploadMetadata::sanitize)
        .filter(s -> !s.isEmpty());
  }

  static String sanitize(String name) {
    String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    StringBuilder sb = new StringBuilder(base.length());
    base.codePoints().filter(cp -> !Character.isISOControl(cp)).forEach(sb::appendCodePoint);
    String cleaned = sb.toString().strip();
    while (cleaned.startsWith(".")) {
      cleaned = cleaned.substring(1);
    }
    return cleaned.length() > 255 ? cleaned.substring(0, 255) : cleaned;
  }

  /**
   * The header value for this metadata, as sent back on {@code HEAD}.
   *
   * @return pairs in the original key order, or the empty string when there are none
   */
  public String toHeader() {
    StringJoiner joiner = new StringJoiner(",");
    values.forEach((key, value) ->
        joiner.add(
            value.isEmpty()
                ? key
                : key
                    + " "
                    + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    return joiner.toString();
  }

  /**
   * Whether a key is what tus asks for: ASCII, no spaces or commas, not empty. Tomcat hands header
   * bytes over as ISO-8859-1, so a key in UTF-8 would otherwise be stored as mojibake.
   */
  private static boolean isAsciiKey(String key) {
    if (key.isEmpty() || key.length() > 128) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c <= ' ' || c >= 0x7F || c == ',') {
        return false;
      }
    }
    return true;
  }

  private static TusException invalid(String detail) {
    return new TusException(TusError.INVALID_METADATA, detail);
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
