package io.videokit.core.tus;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Parsing of the tus request headers: numbers, upload URLs, the method, the body's type. */
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
      if (!UploadIds.isValid(id)) {
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

  static String effectiveMethod(HttpServletRequest request) {
    String override = request.getHeader("X-HTTP-Method-Override");
    String method =
        override != null && request.getMethod().equals("POST") ? override : request.getMethod();
    return method.strip().toUpperCase(Locale.ROOT);
  }

  static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }

  static void requireOffsetContentType(HttpServletRequest request) throws TusException {
    String type = request.getContentType();
    String bare = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!bare.equals(TusHandler.OFFSET_OCTET_STREAM)) {
      throw new TusException(
          TusError.INVALID_CONTENT_TYPE,
          "the body must be sent as Content-Type: " + TusHandler.OFFSET_OCTET_STREAM);
    }
  }

  static String location(HttpServletRequest request, String id) {
    String base = request.getRequestURL().toString();
    return base.endsWith("/") ? base + id : base + "/" + id;
  }
}
