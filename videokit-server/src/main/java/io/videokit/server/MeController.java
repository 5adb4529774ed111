package io.videokit.server;

import io.videokit.autoconfigure.properties.CloudflareUploadProperties;
import io.videokit.autoconfigure.properties.SecurityProperties;
import io.videokit.autoconfigure.properties.UploadProperties;
import io.videokit.cloudflare.CloudflareVideoProvider;
import io.videokit.local.LocalVideoProvider;
import io.videokit.video.provider.VideoProvider;
import io.videokit.video.provider.VideoProviders;
import io.videokit.web.Caller;
import io.videokit.web.cloudflare.CloudflareUploadController;
import io.videokit.web.upload.TusUploadController;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me}: who the web page is logged in as, and where it uploads to — the provider new
 * uploads go to ({@code videokit.provider}, {@link VideoProviders#forNewUploads()}).
 */
@RestController
public class MeController {

  /**
   * Bytes per PATCH when uploading to Cloudflare Stream: 50 MiB. Cloudflare wants every chunk but
   * the last to be a multiple of 256 KiB and at least 5 MiB (it recommends 50 MiB on reliable
   * connections).
   */
  public static final long CLOUDFLARE_CHUNK_SIZE = 50L * 1024 * 1024;

  /**
   * Bytes per PATCH when uploading to this server: 8 MiB. An interrupted PATCH keeps what arrived,
   * so the size only bounds one request's length, not what a network drop costs.
   */
  public static final long LOCAL_CHUNK_SIZE = 8L * 1024 * 1024;

  /** The creation response header that carries a Cloudflare video's uid. */
  public static final String STREAM_MEDIA_ID = "Stream-Media-ID";

  private final VideoProviders providers;
  private final String staffRole;
  private final ObjectProvider<TusUploadController> localUploads;
  private final ObjectProvider<UploadProperties> localProperties;
  private final ObjectProvider<CloudflareUploadController> cloudflareUploads;
  private final ObjectProvider<CloudflareUploadProperties> cloudflareProperties;

  /**
   * The controller.
   *
   * @param providers the configured providers and the one new uploads go to
   * @param security the staff role
   * @param localUploads videokit's tus endpoint, when it is served
   * @param localProperties the tus endpoint's path
   * @param cloudflareUploads videokit's Cloudflare tus creation proxy, when it is served
   * @param cloudflareProperties the proxy's path
   */
  public MeController(
      VideoProviders providers,
      SecurityProperties security,
      ObjectProvider<TusUploadController> localUploads,
      ObjectProvider<UploadProperties> localProperties,
      ObjectProvider<CloudflareUploadController> cloudflareUploads,
      ObjectProvider<CloudflareUploadProperties> cloudflareProperties) {
    this.providers = providers;
    this.staffRole = security.getStaffRole();
    this.localUploads = localUploads;
    this.localProperties = localProperties;
    this.cloudflareUploads = cloudflareUploads;
    this.cloudflareProperties = cloudflareProperties;
  }

  /**
   * The current principal and the upload target.
   *
   * @param request the request (the endpoint needs a principal)
   * @return {@code {name, staff, upload: {provider, endpoint, chunkSize, mediaIdHeader}}}: a tus
   *     creation endpoint on this server, the bytes per PATCH, and the creation response header
   *     that names the video's uid (null: the uid is the last segment of the upload URL); {@code
   *     upload} is null when the provider for new uploads takes none from the page
   */
  @GetMapping("/api/me")
  public Map<String, Object> me(HttpServletRequest request) {
    Caller caller = Caller.of(request, staffRole);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("name", caller.requireName("asking who you are"));
    answer.put("staff", caller.staff());
    answer.put("upload", upload(providers.forNewUploads()));
    return answer;
  }

  private @Nullable Map<String, Object> upload(VideoProvider provider) {
    String endpoint = null;
    long chunkSize = 0;
    String mediaIdHeader = null;
    if (provider.name().equals(LocalVideoProvider.NAME)) {
      UploadProperties properties = localProperties.getIfAvailable();
      if (properties != null && localUploads.getIfAvailable() != null) {
        endpoint = properties.getPath();
        chunkSize = LOCAL_CHUNK_SIZE;
      }
    } else if (provider.name().equals(CloudflareVideoProvider.NAME)) {
      CloudflareUploadProperties properties = cloudflareProperties.getIfAvailable();
      if (properties != null && cloudflareUploads.getIfAvailable() != null) {
        endpoint = properties.getPath();
        chunkSize = CLOUDFLARE_CHUNK_SIZE;
        mediaIdHeader = STREAM_MEDIA_ID;
      }
    }
    if (endpoint == null) {
      return null;
    }
    Map<String, Object> upload = new LinkedHashMap<>();
    upload.put("provider", provider.name());
    upload.put("endpoint", endpoint);
    upload.put("chunkSize", chunkSize);
    upload.put("mediaIdHeader", mediaIdHeader);
    return upload;
  }
}
