package io.videokit.cloudflare;

import java.util.Optional;

/** The MP4 download of a ready video. */
public interface CloudflareDownloads {

  /**
   * Starts the MP4 download of a ready video: {@code POST
   * /accounts/{account_id}/stream/{identifier}/downloads}. Never repeated once the request may have
   * reached Cloudflare.
   *
   * @param uid the video
   * @return the default download (usually {@code inprogress} at first)
   * @throws CloudflareException on failure (400 while the video is not ready)
   */
  Download createDownload(String uid);

  /**
   * The MP4 download's progress: {@code GET /accounts/{account_id}/stream/{identifier}/downloads}.
   *
   * @param uid the video
   * @return the default download, or empty when none was created
   * @throws CloudflareException on failure
   */
  Optional<Download> download(String uid);

  /**
   * Deletes the MP4 downloads: {@code DELETE /accounts/{account_id}/stream/{identifier}/downloads}.
   *
   * @param uid the video
   * @return true if deleted, false if there were none
   * @throws CloudflareException on failure
   */
  boolean deleteDownloads(String uid);
}
