package io.videokit.local;

import io.videokit.core.tus.TusCaller;
import io.videokit.core.tus.TusException;
import io.videokit.core.tus.TusHandler;
import io.videokit.core.tus.UploadInfo;
import io.videokit.core.tus.UploadMetadata;
import io.videokit.video.Video;
import io.videokit.video.VideoPlayback;
import io.videokit.video.provider.UploadRequest;
import io.videokit.video.provider.UploadTicket;
import io.videokit.video.provider.VideoProvider;
import io.videokit.video.provider.VideoProviderException;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The self-hosted provider ({@code local}): uploads are tus uploads to this server, videos are
 * probed here and streamed from the media store with byte ranges. It implements only the core of
 * the SPI: clipping, downloads, signed playback, captions and live inputs are not (yet) offered.
 */
public class LocalVideoProvider implements VideoProvider {

  /** The provider's name, as written in its videos' {@code provider} field. */
  public static final String NAME = VideoService.PROVIDER;

  private final VideoService videos;
  private final Supplier<@Nullable TusHandler> uploads;
  private final String uploadPath;

  /**
   * The provider.
   *
   * @param videos the self-hosted videos
   * @param uploads the tus handler, resolved when an upload is reserved (null when uploads are off)
   * @param uploadPath the tus endpoint's path, e.g. {@code /api/uploads}
   */
  public LocalVideoProvider(
      VideoService videos, Supplier<@Nullable TusHandler> uploads, String uploadPath) {
    this.videos = videos;
    this.uploads = uploads;
    this.uploadPath = uploadPath.replaceAll("/+$", "");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public UploadTicket createUpload(UploadRequest request) {
    TusHandler handler = uploads.get();
    if (handler == null) {
      throw new VideoProviderException(
          "uploads to this server are switched off",
          false,
          new IllegalStateException("no tus handler"));
    }
    Map<String, String> metadata = new LinkedHashMap<>(request.metadata());
    if (request.maxDurationSeconds() != null) {
      metadata.put("maxDurationSeconds", request.maxDurationSeconds().toString());
    }
    try {
      UploadInfo info =
          handler.reserve(
              request.length(),
              new UploadMetadata(metadata),
              new TusCaller(request.creator(), false));
      return new UploadTicket(URI.create(uploadPath + "/" + info.id()), info.id(), NAME);
    } catch (TusException e) {
      throw new VideoProviderException(e.getMessage(), false, e);
    } catch (IOException e) {
      throw new VideoProviderException("the upload could not be created", true, e);
    }
  }

  @Override
  public Optional<Video> fetch(String uid) {
    return videos.find(uid).map(entity -> withPlayback(entity.getDocument().withProvider(NAME)));
  }

  @Override
  public boolean delete(String uid) {
    return videos.delete(uid);
  }

  @Override
  public VideoPlayback playback(Video video) {
    return new VideoPlayback(null, null, "/api/videos/" + video.uid() + "/file");
  }

  private Video withPlayback(Video video) {
    return video.withPlayback(playback(video));
  }
}
