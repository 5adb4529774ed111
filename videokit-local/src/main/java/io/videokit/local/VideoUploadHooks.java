package io.videokit.local;

import io.videokit.core.tus.UploadHooks;
import io.videokit.core.tus.UploadInfo;
import io.videokit.core.tus.UploadStore;

/**
 * The tus completion step of the self-hosted provider: a finished upload becomes a video and its
 * processing is queued.
 */
public class VideoUploadHooks implements UploadHooks {

  private final VideoService videos;
  private final VideoProcessingQueue queue;

  /**
   * Creates the hooks.
   *
   * @param videos creates the video
   * @param queue queues its processing
   */
  public VideoUploadHooks(VideoService videos, VideoProcessingQueue queue) {
    this.videos = videos;
    this.queue = queue;
  }

  @Override
  public void completed(UploadInfo upload, UploadStore store) throws Exception {
    videos.createFromUpload(upload, store);
    queue.enqueue(upload.id());
  }
}
