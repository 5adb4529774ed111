package io.videokit.core.tus;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Parsing of the tus request headers that carry numbers and upload URLs. */
final class TusHeaders {

  private TusHeaders() {}

  static long parseLength(String value) throws TusException {
    return parseNonNegative(value, TusError.INVALID_LENGTH, "Upload-Length");
  }

  static long parseOffset(@Nullable String value) throws TusException {
    if (value == null) {
      throw new TusException(TusError.INVALID_OFFSET, "Upload-Offset is required");
    }
    return parseNonNegative(value, TusError.INVALID_OFFSET, "Upload-Offset");
  }

  static long parseNonNegative(String value, TusError error, String header) throws TusException {
    // tus: 1*DIGIT, ASCII only (Long.parseLong would also take '+' and non-ASCII digits)
    String digits = value.strip();
    if (!digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return Long.parseLong(digits);
      } catch (NumberFormatException tooLarge) {
        // answered below
      }
    }
    throw new TusException(error, header + " must be a non-negative integer");
  }

  static List<String> partIds(String urls) throws TusException {
    List<String> ids = new ArrayList<>();
    for (String url : urls.strip().split("\\s+")) {
      if (url.isEmpty()) {
        continue;
      }
      String path;
      try {
        path = URI.create(url).getPath();
      } catch (IllegalArgumentException e) {
        throw new TusException(TusError.INVALID_CONCAT, "not a URL: " + url);
      }
      String trimmed = path == null ? "" : path.replaceAll("/+$", "");
      String id = trimmed.substring(trimmed.lastIndexOf('/') + 1);
      if (!LocalUploadStore.isValidId(id)) {
        throw new TusException(TusError.INVALID_CONCAT, "not an upload URL: " + url);
      }
      ids.add(id);
    }
    if (ids.isEmpty()) {
      throw new TusException(
          TusError.INVALID_CONCAT, "Upload-Concat: final needs at least one partial upload URL");
    }
    return ids;
  }
}
