package io.videokit.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.video.VideoPlayback;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class PlaybackUrlsTest {

  static MockHttpServletRequest request() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/app/api/videos");
    request.setScheme("http");
    request.setServerName("videos.example");
    request.setServerPort(8080);
    request.setContextPath("/app");
    return request;
  }

  @Test
  void pathsBecomeUrlsOnTheApplicationWithItsContextPath() {
    assertThat(new PlaybackUrls(null).absolute(request(), "/api/videos/abc/file"))
        .isEqualTo("http://videos.example:8080/app/api/videos/abc/file");
  }

  @Test
  void onTheMediaOriginThePathKeepsTheContextPath() {
    assertThat(
            new PlaybackUrls("https://media.example/").absolute(request(), "/api/videos/abc/file"))
        .isEqualTo("https://media.example/app/api/videos/abc/file");
  }

  @Test
  void absoluteAndOtherUrlsPassUnchanged() {
    PlaybackUrls urls = new PlaybackUrls("https://media.example");
    String cloudflare = "https://customer-x.cloudflarestream.com/abc/manifest/video.m3u8";
    assertThat(urls.absolute(request(), cloudflare)).isEqualTo(cloudflare);
    assertThat(urls.absolute(request(), "//evil.example/x")).isEqualTo("//evil.example/x");
    assertThat(urls.absolute(request(), (String) null)).isNull();
    VideoPlayback playback =
        urls.absolute(request(), new VideoPlayback(cloudflare, null, "/api/videos/abc/file"));
    assertThat(playback)
        .isEqualTo(
            new VideoPlayback(cloudflare, null, "https://media.example/app/api/videos/abc/file"));
  }
}
