package io.videokit.web.cloudflare;

import io.videokit.cloudflare.CloudflareException;
import io.videokit.cloudflare.CloudflareStreamClient;
import io.videokit.cloudflare.TusUploadCreated;
import io.videokit.cloudflare.TusUploadRequest;
import io.videokit.cloudflare.sync.CloudflareVideoRecords;
import io.videokit.core.http.ProblemType;
import io.videokit.web.ApiProblem;
import io.videokit.web.Caller;
import io.videokit.web.VideokitEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tus creation proxy for Cloudflare Stream direct creator uploads, at the Django package's path
 * ({@code videokit.cloudflare.upload.path}, default {@code /cloudflare-stream-upload/}) and at
 * {@code /api/cloudflare/uploads}.
 *
 * <p>A browser tus client (tus-js-client, Uppy) uses it as its endpoint: the creation {@code POST}
 * arrives here with {@code Tus-Resumable}, {@code Upload-Length} and optionally {@code
 * Upload-Metadata}; videokit forwards it to {@code POST …/stream?direct_user=true} with {@code
 * Upload-Creator: <principal>} and the configured {@code maxDurationSeconds}, records who uploaded
 * the uid, and answers {@code 201} with Cloudflare's one-time {@code Location}, {@code
 * Stream-Media-ID} and {@code Access-Control-Expose-Headers}. The client then sends the bytes
 * straight to Cloudflare. Only {@code POST} is accepted (405 otherwise); anonymous callers get 401
 * (a problem body, never a login redirect); Cloudflare's refusals come back as problems carrying
 * Cloudflare's reason. The returned {@code Location} is passed on only when it is https on a
 * Cloudflare Stream upload host ({@code upload.cloudflarestream.com}, {@code
 * *.cloudflarestream.com}) or on an origin of {@code
 * videokit.cloudflare.upload.allowed-location-origins}; anything else is a 502 problem.
 */
@RestController
@VideokitEndpoint
public class CloudflareUploadController {

  private static final Logger log = LoggerFactory.getLogger(CloudflareUploadController.class);
  private static final String TUS_VERSION = "1.0.0";

  private final CloudflareStreamClient client;
  private final CloudflareVideoRecords records;
  private final @Nullable Integer maxDurationSeconds;
  private final UploadLocationPolicy locations;
  private final String staffRole;

  /**
   * The controller.
   *
   * @param client the API client
   * @param records where uploads are recorded
   * @param maxDurationSeconds the duration limit passed with each upload, or null for none
   * @param locations which upload URLs may be handed to the browser
   * @param staffRole the role whose holders are staff
   */
  public CloudflareUploadController(
      CloudflareStreamClient client,
      CloudflareVideoRecords records,
      @Nullable Integer maxDurationSeconds,
      UploadLocationPolicy locations,
      String staffRole) {
    this.client = client;
    this.records = records;
    this.maxDurationSeconds = maxDurationSeconds;
    this.locations = locations;
    this.staffRole = staffRole;
  }

  /**
   * Creates a direct creator upload.
   *
   * @param request the browser's tus creation request
   * @return 201 with {@code Location} and {@code Stream-Media-ID}; 405 for other methods
   * @throws ApiProblem 401 when anonymous, 400 for a missing or malformed {@code Upload-Length} or
   *     {@code Upload-Metadata}, 412 for another tus version, Cloudflare's refusals as 4xx, its
   *     failures as 502/503/504, 502 when its upload URL is not on a Cloudflare upload host
   */
  @RequestMapping(
      path = {
        "${videokit.cloudflare.upload.path:/cloudflare-stream-upload/}",
        "/api/cloudflare/uploads"
      })
  public ResponseEntity<?> create(HttpServletRequest request) {
    if (!"POST".equals(request.getMethod())) {
      throw new ApiProblem(
              ProblemType.METHOD_NOT_ALLOWED,
              "the Cloudflare upload proxy only accepts POST (tus creation)")
          .withHeader(HttpHeaders.ALLOW, "POST");
    }
    Caller caller = Caller.of(request, staffRole);
    String principal = caller.requireName("uploading a video");
    String version = request.getHeader("Tus-Resumable");
    if (version != null && !TUS_VERSION.equals(version.trim())) {
      throw new ApiProblem(
          ProblemType.TUS_UNSUPPORTED_VERSION, "Tus-Resumable must be 1.0.0, got " + version);
    }
    long length = uploadLength(request.getHeader("Upload-Length"));
    TusUploadRequest creation;
    try {
      creation =
          new TusUploadRequest(
              length,
              request.getHeader("Upload-Metadata"),
              creatorId(principal),
              maxDurationSeconds);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(e.getMessage());
    }
    TusUploadCreated created;
    try {
      created = client.createTusUpload(creation);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("invalid Upload-Metadata: " + e.getMessage());
    } catch (CloudflareException e) {
      log.warn("creating a direct creator upload failed: {}", e.getMessage());
      throw CloudflareProblems.of("creating the upload", e);
    }
    if (!locations.allows(created.location())) {
      // the browser would send the user's file there: only Cloudflare's upload hosts qualify
      log.warn(
          "Cloudflare returned an upload URL on an unexpected host for {}: {}",
          created.uid(),
          created.location().getHost());
      throw new ApiProblem(
          ProblemType.CLOUDFLARE_BAD_UPLOAD_URL,
          "Cloudflare returned an upload URL that is not https on a Cloudflare upload host");
    }
    records.recordUpload(created.uid(), principal);
    log.info("direct creator upload {} created for {}", created.uid(), principal);
    return ResponseEntity.status(201)
        .header(HttpHeaders.LOCATION, created.location().toString())
        .header("Stream-Media-ID", created.uid())
        .header("Tus-Resumable", TUS_VERSION)
        .header(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, "Location, Stream-Media-ID")
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(Map.of("uid", created.uid(), "location", created.location().toString()));
  }

  private static long uploadLength(String header) {
    if (header == null || header.isBlank()) {
      throw ApiProblem.badRequest("Upload-Length is required (the file's size in bytes)");
    }
    String value = header.trim();
    if (!value.matches("\\d{1,18}")) {
      throw ApiProblem.badRequest("Upload-Length must be a non-negative integer, got " + value);
    }
    return Long.parseLong(value);
  }

  /** {@code Upload-Creator} is at most 64 characters: longer names are replaced by a digest. */
  static String creatorId(String principal) {
    if (principal.length() <= 64) {
      return principal;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(principal.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + HexFormat.of().formatHex(digest, 0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
