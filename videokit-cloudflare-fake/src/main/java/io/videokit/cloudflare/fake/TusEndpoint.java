package io.videokit.cloudflare.fake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The upload URLs the fake hands out, served without authentication (browsers use them):
 *
 * <ul>
 *   <li>{@code /tus/{uid}}: the one-time tus 1.0.0 URL of a direct creator upload — OPTIONS, HEAD,
 *       PATCH (also POST with {@code X-HTTP-Method-Override: PATCH}, as tus-java-client sends it).
 *       Only the byte count and a running SHA-256 are kept, not the bytes.
 *   <li>{@code /upload/{uid}}: the basic direct upload URL — POST multipart with field {@code
 *       file}.
 * </ul>
 *
 * Answers carry CORS headers. Faults from the tus {@link FaultInjector} apply here.
 */
final class TusEndpoint {

  static final String TUS_VERSION = "1.0.0";
  static final long MAX_SIZE = 30L * 1024 * 1024 * 1024;
  private static final String ALLOW_HEADERS =
      "Tus-Resumable, Upload-Length, Upload-Offset, Upload-Metadata, Upload-Defer-Length,"
          + " Upload-Concat, Upload-Checksum, Content-Type, X-HTTP-Method-Override,"
          + " X-Requested-With, X-Request-ID, Authorization";
  private static final String EXPOSE_HEADERS =
      "Location, Upload-Offset, Upload-Length, Upload-Metadata, Upload-Expires, Tus-Version,"
          + " Tus-Resumable, Tus-Max-Size, Tus-Extension, Stream-Media-ID";
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  /** One multipart part: its field name and bytes. */
  record Part(String name, byte[] bytes) {}

  private final StreamState state;
  private final FaultInjector faults;

  TusEndpoint(StreamState state, FaultInjector faults) {
    this.state = state;
    this.faults = faults;
  }

  FakeResponse handleTus(
      String method, String uid, Map<String, List<String>> headers, byte[] body) {
    String override = StreamSchemaValidator.header(headers, "X-HTTP-Method-Override");
    String effective =
        "POST".equals(method) && override != null ? override.toUpperCase(Locale.ROOT) : method;
    if ("OPTIONS".equals(effective)) {
      return cors(FakeResponse.empty(204))
          .withHeader("Tus-Resumable", TUS_VERSION)
          .withHeader("Tus-Version", TUS_VERSION)
          .withHeader("Tus-Extension", "creation,expiration")
          .withHeader("Tus-Max-Size", String.valueOf(MAX_SIZE));
    }
    Optional<FaultInjector.Fault> fault = faults.draw();
    Duration delay = Duration.ZERO;
    if (fault.isPresent()) {
      FaultInjector.Fault f = fault.get();
      switch (f.kind()) {
        case FAIL:
          return plain(f.status(), "injected failure");
        case RATE_LIMIT:
          return plain(429, "rate limited")
              .withHeader("Retry-After", String.valueOf(f.retryAfterSeconds()));
        case MALFORMED:
          // A tus answer a client cannot use: success without Upload-Offset.
          return cors(FakeResponse.empty(204)).withHeader("Tus-Resumable", TUS_VERSION);
        case RESET:
          return new FakeResponse(
              0, new LinkedHashMap<>(), new byte[0], true, Duration.ZERO, false);
        case DELAY:
          delay = f.delay();
          break;
      }
    }
    String version = StreamSchemaValidator.header(headers, "Tus-Resumable");
    if (!TUS_VERSION.equals(version)) {
      return plain(412, "Tus-Resumable 1.0.0 required").withHeader("Tus-Version", TUS_VERSION);
    }
    try {
      switch (effective) {
        case "HEAD":
          {
            StreamState.TusStatus status = state.tusStatus(uid);
            FakeResponse response =
                tusHeaders(FakeResponse.empty(200), status)
                    .withHeader("Upload-Length", String.valueOf(status.length()))
                    .withHeader("Cache-Control", "no-store");
            if (status.metadata() != null) {
              response.withHeader("Upload-Metadata", status.metadata());
            }
            return response.withDelay(delay);
          }
        case "PATCH":
          {
            String contentType = StreamSchemaValidator.header(headers, "Content-Type");
            if (contentType == null
                || !contentType
                    .trim()
                    .toLowerCase(Locale.ROOT)
                    .startsWith("application/offset+octet-stream")) {
              return plain(415, "Content-Type must be application/offset+octet-stream");
            }
            String offsetHeader = StreamSchemaValidator.header(headers, "Upload-Offset");
            long offset;
            try {
              offset = Long.parseLong(String.valueOf(offsetHeader).trim());
            } catch (NumberFormatException e) {
              return plain(400, "Upload-Offset must be a non-negative integer");
            }
            if (offset < 0) {
              return plain(400, "Upload-Offset must be a non-negative integer");
            }
            StreamState.TusStatus status = state.tusAppend(uid, offset, body);
            return tusHeaders(FakeResponse.empty(204), status).withDelay(delay);
          }
        default:
          return plain(405, "method not allowed").withHeader("Allow", "OPTIONS, HEAD, PATCH");
      }
    } catch (ApiException e) {
      return plain(e.status(), e.getMessage());
    }
  }

  FakeResponse handleBasicUpload(String method, String uid, List<Part> parts) {
    if ("OPTIONS".equals(method)) {
      return cors(FakeResponse.empty(204));
    }
    if (!"POST".equals(method)) {
      return plain(405, "method not allowed").withHeader("Allow", "OPTIONS, POST");
    }
    Optional<Part> file = parts.stream().filter(p -> "file".equals(p.name())).findFirst();
    if (file.isEmpty()) {
      return plain(400, "multipart field 'file' is required");
    }
    byte[] bytes = file.get().bytes();
    try {
      state.basicUpload(uid, bytes.length, sha256(bytes));
    } catch (ApiException e) {
      return plain(e.status(), e.getMessage());
    }
    return cors(FakeResponse.empty(200));
  }

  private static FakeResponse tusHeaders(FakeResponse response, StreamState.TusStatus status) {
    cors(response)
        .withHeader("Tus-Resumable", TUS_VERSION)
        .withHeader("Upload-Offset", String.valueOf(status.offset()));
    if (status.expiry() != null) {
      response.withHeader("Upload-Expires", httpDate(status.expiry()));
    }
    return response;
  }

  private static FakeResponse plain(int status, String message) {
    FakeResponse response =
        new FakeResponse(
            status,
            new LinkedHashMap<>(),
            message.getBytes(StandardCharsets.UTF_8),
            false,
            Duration.ZERO,
            false);
    response.withHeader("Content-Type", "text/plain; charset=UTF-8");
    return cors(response).withHeader("Tus-Resumable", TUS_VERSION);
  }

  private static FakeResponse cors(FakeResponse response) {
    return response
        .withHeader("Access-Control-Allow-Origin", "*")
        .withHeader("Access-Control-Allow-Methods", "POST, GET, HEAD, PATCH, DELETE, OPTIONS")
        .withHeader("Access-Control-Allow-Headers", ALLOW_HEADERS)
        .withHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS)
        .withHeader("Access-Control-Max-Age", "86400");
  }

  static String httpDate(Instant instant) {
    return HTTP_DATE.format(instant);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
