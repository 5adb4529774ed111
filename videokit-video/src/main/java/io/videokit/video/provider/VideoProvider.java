package io.videokit.video.provider;

import io.videokit.video.Video;
import io.videokit.video.VideoPlayback;
import java.util.Optional;

/**
 * Where videos live: the self-hosted server ({@code local}) or a hosted service ({@code
 * cloudflare}). The required core every provider implements; optional capabilities are the other
 * interfaces of this package, implemented by the same object.
 *
 * <p>Implementations are thread-safe. Their methods may block on I/O (a database, an HTTP API).
 */
public interface VideoProvider {

  /**
   * The provider's name, written into each of its videos' {@code provider} field.
   *
   * @return e.g. {@code local} or {@code cloudflare}; lower-case letters and digits
   */
  String name();

  /**
   * Reserves an upload for a new video: where the client sends the bytes (a tus 1.0.0 upload URL,
   * creation already done) and the uid the video will have.
   *
   * @param request the upload's length, creator, metadata and limits
   * @return the tus upload URL and the video's uid
   * @throws VideoProviderException if the provider refused or could not be reached; for a hosted
   *     provider, a creating call whose outcome is unknown is never repeated
   */
  UploadTicket createUpload(UploadRequest request);

  /**
   * The provider's current view of a video.
   *
   * @param uid the video's uid
   * @return the video with its {@code provider} set, or empty when the provider does not know it
   * @throws VideoProviderException if the provider could not be asked (transient: try again later)
   */
  Optional<Video> fetch(String uid);

  /**
   * Deletes a video and its files. Deleting a video that does not exist is not an error.
   *
   * @param uid the video's uid
   * @return true if it existed
   * @throws VideoProviderException if the provider could not be asked
   */
  boolean delete(String uid);

  /**
   * Where a video plays.
   *
   * @param video a video of this provider
   * @return HLS/DASH manifest URLs and, for self-hosted videos, the range-streamable file URL; each
   *     null when the video has none (yet)
   */
  VideoPlayback playback(Video video);
}
