package io.videokit.web.cloudflare;

import io.videokit.cloudflare.CloudflareException;
import io.videokit.cloudflare.Webhook;
import io.videokit.cloudflare.WebhookSignatureException;
import io.videokit.cloudflare.sync.CloudflareVideoSync;
import io.videokit.cloudflare.sync.CloudflareWebhooks;
import io.videokit.core.http.ProblemType;
import io.videokit.video.Video;
import io.videokit.web.ApiProblem;
import io.videokit.web.Caller;
import io.videokit.web.VideokitEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Cloudflare Stream webhooks: the delivery endpoint ({@code POST videokit.cloudflare.webhook.path},
 * default {@code /api/cloudflare/webhook}, no login — the signature is the authentication) and its
 * registration ({@code PUT /api/cloudflare/webhook}, staff only).
 *
 * <p>A delivery is accepted only with a valid {@code Webhook-Signature} (HMAC-SHA256 over {@code
 * time.body}, within the tolerance, never seen before); it then updates every attribute holding the
 * uid at once and triggers the follow-up work (download, trim), so polling is only the fallback.
 * Refusals are 401 problems that never reveal the secret.
 */
@RestController
@VideokitEndpoint
public class CloudflareWebhookController {

  private static final Logger log = LoggerFactory.getLogger(CloudflareWebhookController.class);
  private static final int MAX_BODY = 1024 * 1024;

  private final CloudflareWebhooks webhooks;
  private final CloudflareVideoSync sync;
  private final String webhookPath;
  private final String staffRole;

  /**
   * The controller.
   *
   * @param webhooks verification and registration
   * @param sync applies delivered videos
   * @param webhookPath the path that receives deliveries
   * @param staffRole the role whose holders are staff
   */
  public CloudflareWebhookController(
      CloudflareWebhooks webhooks, CloudflareVideoSync sync, String webhookPath, String staffRole) {
    this.webhooks = webhooks;
    this.sync = sync;
    this.webhookPath = webhookPath;
    this.staffRole = staffRole;
  }

  /**
   * Receives a delivery.
   *
   * @param signature the {@code Webhook-Signature} header
   * @param request the request, whose raw body is verified
   * @return {@code {"uid", "attributes"}}: how many attributes were updated
   * @throws ApiProblem 401 for a missing, wrong, stale or replayed signature; 400 for a body that
   *     is not a video object; 413 over 1 MiB
   */
  @PostMapping("${videokit.cloudflare.webhook.path:/api/cloudflare/webhook}")
  public Map<String, Object> receive(
      @RequestHeader(value = "Webhook-Signature", required = false) @Nullable String signature,
      HttpServletRequest request) {
    byte[] body = readBody(request);
    Video video;
    try {
      video = webhooks.verify(signature, body);
    } catch (WebhookSignatureException e) {
      log.warn("refused a Cloudflare webhook delivery: {}", e.getMessage());
      throw new ApiProblem(
          ProblemType.CLOUDFLARE_WEBHOOK_SIGNATURE, String.valueOf(e.getMessage()));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("not a Cloudflare video object: " + e.getMessage());
    }
    int attributes = sync.apply(video);
    log.debug("webhook for Cloudflare video {} updated {} attributes", video.uid(), attributes);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("uid", video.uid());
    answer.put("attributes", attributes);
    return answer;
  }

  /**
   * Registers this application's delivery endpoint as the account's webhook (staff only).
   *
   * @param body {@code {"notificationUrl": "https://…"}}, or empty to use this server's own URL
   *     with the configured path
   * @param request the request
   * @return {@code {"notificationUrl", "modified"}} (the secret is stored, never returned)
   * @throws ApiProblem 401/403 for non-staff, 400 for an invalid URL, Cloudflare's refusals
   */
  @PutMapping("/api/cloudflare/webhook")
  public Map<String, Object> register(
      @RequestBody(required = false) @Nullable Map<String, Object> body,
      HttpServletRequest request) {
    requireStaff(request, "registering the webhook");
    Object given = body == null ? null : body.get("notificationUrl");
    URI url;
    try {
      url =
          given == null
              ? ServletUriComponentsBuilder.fromContextPath(request)
                  .path(webhookPath)
                  .build()
                  .toUri()
              : new URI(given.toString());
    } catch (URISyntaxException e) {
      throw ApiProblem.badRequest("notificationUrl is not a URL: " + e.getMessage());
    }
    if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
      throw ApiProblem.badRequest("notificationUrl must be an http(s) URL");
    }
    Webhook webhook;
    try {
      webhook = webhooks.register(url);
    } catch (CloudflareException e) {
      throw CloudflareProblems.of("registering the webhook", e);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("notificationUrl", webhook.notificationUrl());
    answer.put("modified", webhook.modified() == null ? null : webhook.modified().toString());
    return answer;
  }

  /**
   * The registered notification URL (staff only).
   *
   * @param request the request
   * @return {@code {"notificationUrl"}}, null when none was registered through videokit
   * @throws ApiProblem 401/403 for non-staff
   */
  @GetMapping("/api/cloudflare/webhook")
  public Map<String, Object> show(HttpServletRequest request) {
    requireStaff(request, "reading the webhook");
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("notificationUrl", webhooks.notificationUrl().orElse(null));
    return answer;
  }

  private void requireStaff(HttpServletRequest request, String what) {
    Caller.of(request, staffRole).requireStaff(what, what + " is for staff only");
  }

  private static byte[] readBody(HttpServletRequest request) {
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        throw new ApiProblem(ProblemType.PAYLOAD_TOO_LARGE, "webhook bodies are at most 1 MiB");
      }
      return body;
    } catch (IOException e) {
      throw ApiProblem.badRequest("could not read the request body");
    }
  }
}
