package io.videokit.cloudflare;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /accounts/{account_id}/stream/direct_upload}: a one-time URL for a basic
 * (non-tus) upload of at most 200 MB.
 *
 * @param maxDurationSeconds the longest accepted video in seconds (1..21600)
 * @param expiry until when the URL is valid (UTC), or null for Cloudflare's default of 30 minutes
 * @param creator the creator to record, or null
 * @param meta metadata, or null
 * @param requireSignedUrls whether playback needs signed URLs
 */
public record DirectUploadRequest(
    int maxDurationSeconds,
    @Nullable Instant expiry,
    @Nullable String creator,
    @Nullable Map<String, Object> meta,
    boolean requireSignedUrls) {

  /** Validates the duration limit. */
  public DirectUploadRequest {
    if (maxDurationSeconds < 1 || maxDurationSeconds > 21_600) {
      throw new IllegalArgumentException(
          "maxDurationSeconds must be 1..21600, got " + maxDurationSeconds);
    }
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("maxDurationSeconds", maxDurationSeconds);
    if (expiry != null) {
      json.put("expiry", expiry.toString());
    }
    if (creator != null) {
      json.put("creator", creator);
    }
    if (meta != null && !meta.isEmpty()) {
      json.put("meta", meta);
    }
    json.put("requireSignedURLs", requireSignedUrls);
    return json;
  }
}
