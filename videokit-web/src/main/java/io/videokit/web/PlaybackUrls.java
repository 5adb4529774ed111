package io.videokit.web;

import io.videokit.video.VideoPlayback;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Makes providers' playback URLs absolute for an answer: a provider gives paths within the
 * application (the local provider's {@code /api/videos/{uid}/file}), which become URLs on the media
 * origin ({@code videokit.streaming.media-origin}) when one is set, else on the request's own
 * origin, both with the servlet context path. Absolute URLs (Cloudflare's) pass unchanged. The one
 * place the video API and the reference server build media URLs.
 */
public final class PlaybackUrls {

  private final @Nullable String mediaOrigin;

  /**
   * Creates the converter.
   *
   * @param mediaOrigin {@code https://host[:port]} without path, or null for the application's own
   *     origin
   */
  public PlaybackUrls(@Nullable String mediaOrigin) {
    this.mediaOrigin = mediaOrigin == null ? null : mediaOrigin.replaceAll("/+$", "");
  }

  /**
   * One URL made absolute.
   *
   * @param request the request being answered (its origin and context path)
   * @param url an absolute URL, a path within the application starting with {@code /}, or null
   * @return the absolute URL, or null for null; anything else (a scheme-relative {@code //host} or
   *     a relative reference) unchanged
   */
  public @Nullable String absolute(HttpServletRequest request, @Nullable String url) {
    if (url == null
        || !url.startsWith("/")
        || url.startsWith("//")
        || URI.create(url).isAbsolute()) {
      return url;
    }
    if (mediaOrigin != null) {
      return mediaOrigin + request.getContextPath() + url;
    }
    return ServletUriComponentsBuilder.fromContextPath(request).path(url).toUriString();
  }

  /**
   * Every URL of a playback made absolute.
   *
   * @param request the request being answered
   * @param playback the provider's playback
   * @return the playback with absolute URLs
   */
  public VideoPlayback absolute(HttpServletRequest request, VideoPlayback playback) {
    return new VideoPlayback(
        absolute(request, playback.hls()),
        absolute(request, playback.dash()),
        absolute(request, playback.file()));
  }
}
