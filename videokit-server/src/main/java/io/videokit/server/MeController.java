package io.videokit.server;

import io.videokit.autoconfigure.cloudflare.CloudflareUploadController;
import io.videokit.autoconfigure.properties.CloudflareUploadProperties;
import io.videokit.server.cloudflare.SharedVideoController;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me}: who the web page is logged in as, and where it uploads to. */
@RestController
public class MeController {

  /**
   * Bytes per PATCH when uploading to Cloudflare Stream: 50 MiB. Cloudflare wants every chunk but
   * the last to be a multiple of 256 KiB and at least 5 MiB (it recommends 50 MiB on reliable
   * connections).
   */
  public static final long CLOUDFLARE_CHUNK_SIZE = 50L * 1024 * 1024;

  private final ObjectProvider<SharedVideoController> sharedVideos;
  private final ObjectProvider<CloudflareUploadController> cloudflareUploads;
  private final ObjectProvider<CloudflareUploadProperties> cloudflareProperties;

  /**
   * The controller.
   *
   * @param sharedVideos the shared-videos endpoint, present when Cloudflare Stream is configured
   * @param cloudflareUploads videokit's Cloudflare tus creation proxy, when it is served
   * @param cloudflareProperties the proxy's path
   */
  public MeController(
      ObjectProvider<SharedVideoController> sharedVideos,
      ObjectProvider<CloudflareUploadController> cloudflareUploads,
      ObjectProvider<CloudflareUploadProperties> cloudflareProperties) {
    this.sharedVideos = sharedVideos;
    this.cloudflareUploads = cloudflareUploads;
    this.cloudflareProperties = cloudflareProperties;
  }

  /**
   * The current principal and the upload mode.
   *
   * @param principal the authenticated principal (the endpoint needs one)
   * @return {@code {name, staff, cloudflare: {enabled, uploadEndpoint, chunkSize}}}; {@code
   *     uploadEndpoint} and {@code chunkSize} only when the page should upload to Cloudflare
   */
  @GetMapping("/api/me")
  public Map<String, Object> me(Principal principal) {
    boolean staff =
        principal instanceof Authentication authentication
            && authentication.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("name", principal.getName());
    answer.put("staff", staff);
    answer.put("cloudflare", cloudflare());
    return answer;
  }

  private Map<String, Object> cloudflare() {
    Map<String, Object> cloudflare = new LinkedHashMap<>();
    boolean enabled = sharedVideos.getIfAvailable() != null;
    cloudflare.put("enabled", enabled);
    CloudflareUploadProperties properties = cloudflareProperties.getIfAvailable();
    if (enabled && properties != null && cloudflareUploads.getIfAvailable() != null) {
      cloudflare.put("uploadEndpoint", properties.getPath());
      cloudflare.put("chunkSize", CLOUDFLARE_CHUNK_SIZE);
    }
    return cloudflare;
  }
}
