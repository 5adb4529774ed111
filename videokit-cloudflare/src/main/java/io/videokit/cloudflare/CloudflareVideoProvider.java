package io.videokit.cloudflare;

import io.videokit.core.tus.UploadMetadata;
import io.videokit.video.Video;
import io.videokit.video.VideoPlayback;
import io.videokit.video.provider.CaptionsProvider;
import io.videokit.video.provider.ClippingProvider;
import io.videokit.video.provider.DownloadingProvider;
import io.videokit.video.provider.LiveInput;
import io.videokit.video.provider.LiveInputProvider;
import io.videokit.video.provider.SignedPlaybackProvider;
import io.videokit.video.provider.UploadRequest;
import io.videokit.video.provider.UploadTicket;
import io.videokit.video.provider.VideoCaption;
import io.videokit.video.provider.VideoDownload;
import io.videokit.video.provider.VideoProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Cloudflare Stream as a videokit provider ({@code cloudflare}): uploads are direct creator uploads
 * ({@code POST /stream?direct_user=true}), videos are fetched and deleted through the API, and it
 * offers every optional capability — clipping, MP4 downloads, signed playback, captions and live
 * inputs.
 *
 * <p>Cloudflare's exceptions become {@link VideoProviderException}s that keep them as cause and say
 * whether trying again may help. A creating call (upload, clip, download, live input) is sent once:
 * the client never repeats one whose request may have reached Cloudflare.
 */
public final class CloudflareVideoProvider
    implements ClippingProvider,
        DownloadingProvider,
        SignedPlaybackProvider,
        CaptionsProvider,
        LiveInputProvider {

  /** The provider's name, as written in its videos' {@code provider} field. */
  public static final String NAME = "cloudflare";

  /** The longest signed playback videokit hands out. */
  public static final Duration MAX_SIGNED_VALIDITY = Duration.ofDays(1);

  private final CloudflareStreamClient client;
  private final SignedUrls signedUrls;
  private final Clock clock;

  /**
   * The provider.
   *
   * @param client the API client
   * @param signedUrls how playback tokens are made (a signing key, or the token endpoint)
   * @param clock the clock tokens expire by
   */
  public CloudflareVideoProvider(
      CloudflareStreamClient client, SignedUrls signedUrls, Clock clock) {
    this.client = client;
    this.signedUrls = signedUrls;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public UploadTicket createUpload(UploadRequest request) {
    TusUploadCreated created =
        call(
            "creating an upload",
            () ->
                client.createTusUpload(
                    new TusUploadRequest(
                        request.length(),
                        new UploadMetadata(request.metadata()).toHeader(),
                        request.creator(),
                        request.maxDurationSeconds())));
    return new UploadTicket(created.location(), created.uid(), NAME);
  }

  @Override
  public Optional<Video> fetch(String uid) {
    try {
      return Optional.of(client.video(uid).withProvider(NAME));
    } catch (CloudflareApiException e) {
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw translate("fetching video " + uid, e);
    } catch (CloudflareException e) {
      throw translate("fetching video " + uid, e);
    }
  }

  @Override
  public boolean delete(String uid) {
    return call("deleting video " + uid, () -> client.delete(uid));
  }

  @Override
  public VideoPlayback playback(Video video) {
    return video.playback();
  }

  @Override
  public Video clip(String uid, double startSeconds, double endSeconds) {
    ClipRequest request = new ClipRequest(uid, startSeconds, endSeconds, null, null, null, null);
    return call("clipping video " + uid, () -> client.clip(request)).withProvider(NAME);
  }

  @Override
  public VideoDownload createDownload(String uid) {
    return toDownload(call("creating the download of " + uid, () -> client.createDownload(uid)));
  }

  @Override
  public Optional<VideoDownload> download(String uid) {
    return call("reading the download of " + uid, () -> client.download(uid))
        .map(CloudflareVideoProvider::toDownload);
  }

  @Override
  public VideoPlayback signedPlayback(Video video, Duration validFor) {
    if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(MAX_SIGNED_VALIDITY) > 0) {
      throw new IllegalArgumentException("signed playback lasts more than 0 s and at most 1 day");
    }
    TokenRequest token = TokenRequest.until(clock.instant().plus(validFor));
    return call("signing playback of " + video.uid(), () -> signedUrls.playback(video, token));
  }

  @Override
  public VideoCaption putCaption(String uid, String language, byte[] webVtt) {
    return toCaption(
        call("uploading captions of " + uid, () -> client.uploadCaption(uid, language, webVtt)));
  }

  @Override
  public List<VideoCaption> captions(String uid) {
    return call("listing captions of " + uid, () -> client.captions(uid)).stream()
        .map(CloudflareVideoProvider::toCaption)
        .toList();
  }

  @Override
  public boolean deleteCaption(String uid, String language) {
    return call("deleting captions of " + uid, () -> client.deleteCaption(uid, language));
  }

  @Override
  public LiveInput createLiveInput(String name, Map<String, String> meta) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    meta.forEach(metadata::putIfAbsent);
    LiveInputRequest request =
        new LiveInputRequest(metadata, null, "automatic", 0, false, null, true);
    return toLiveInput(call("creating a live input", () -> client.createLiveInput(request)));
  }

  @Override
  public Optional<LiveInput> liveInput(String id) {
    try {
      return Optional.of(toLiveInput(client.liveInput(id)));
    } catch (CloudflareApiException e) {
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw translate("reading live input " + id, e);
    } catch (CloudflareException e) {
      throw translate("reading live input " + id, e);
    }
  }

  @Override
  public boolean deleteLiveInput(String id) {
    return call("deleting live input " + id, () -> client.deleteLiveInput(id));
  }

  @Override
  public List<String> liveInputIds(Map<String, String> meta) {
    return call("listing live inputs", client::liveInputs).stream()
        .filter(input ->
            meta.entrySet().stream()
                .allMatch(e -> e.getValue().equals(String.valueOf(input.meta().get(e.getKey())))))
        .map(CloudflareLiveInput::uid)
        .toList();
  }

  @Override
  public List<Video> liveInputVideos(String id, @Nullable Instant createdAfter) {
    return call(
            "listing the recordings of live input " + id,
            () -> client.liveInputVideos(id, createdAfter))
        .stream()
        .map(video -> video.withProvider(NAME))
        .toList();
  }

  private static VideoDownload toDownload(Download download) {
    return new VideoDownload(download.status(), download.url(), download.percentComplete());
  }

  private static VideoCaption toCaption(Caption caption) {
    return new VideoCaption(
        caption.language(),
        caption.label() == null ? caption.language() : caption.label(),
        caption.generated(),
        caption.status() == null ? "ready" : caption.status());
  }

  private static LiveInput toLiveInput(CloudflareLiveInput input) {
    Map<String, String> ingest = new LinkedHashMap<>();
    if (input.rtmpsUrl() != null) {
      ingest.put(
          "rtmps",
          input.rtmpsStreamKey() == null
              ? input.rtmpsUrl()
              : input.rtmpsUrl() + input.rtmpsStreamKey());
    }
    if (input.srtUrl() != null) {
      ingest.put("srt", input.srtUrl());
    }
    if (input.webRtcUrl() != null) {
      ingest.put("webRTC", input.webRtcUrl());
    }
    Map<String, Map<String, String>> endpoints = new LinkedHashMap<>();
    for (String protocol : List.of("rtmps", "srt", "webRTC")) {
      Map<String, String> fields = input.endpoint(protocol);
      if (!fields.isEmpty()) {
        endpoints.put(protocol, fields);
      }
    }
    return new LiveInput(input.uid(), input.state(), ingest, endpoints, input.hlsPlaybackUrl());
  }

  private static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (CloudflareException e) {
      throw translate(what, e);
    } catch (IllegalArgumentException e) {
      throw new VideoProviderException(what + ": " + e.getMessage(), false, e);
    }
  }

  private static VideoProviderException translate(String what, CloudflareException e) {
    return new VideoProviderException(
        what + " at Cloudflare failed: " + e.getMessage(), e.isRetryable(), e);
  }
}
