package io.videokit.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;

/** The request matchers follow the configured paths, never the defaults (issue 9). */
class VideokitRequestMatchersTest {

  private static boolean matches(RequestMatcher matcher, String method, String path) {
    return matcher.matches(new MockHttpServletRequest(method, path));
  }

  @Test
  void theDefaultsCoverVideokitsEndpoints() {
    VideokitRequestMatchers matchers =
        new VideokitRequestMatchers("/api/uploads", "/api/stream", null);

    assertThat(matches(matchers.writes(), "POST", "/api/uploads/")).isTrue();
    assertThat(matches(matchers.writes(), "PATCH", "/api/uploads/abc")).isTrue();
    assertThat(matches(matchers.writes(), "DELETE", "/api/videos/abc")).isTrue();
    assertThat(matches(matchers.writes(), "GET", "/api/watch-sessions")).isTrue();
    assertThat(matches(matchers.publicReads(), "GET", "/api/stream/")).isTrue();
    assertThat(matches(matchers.publicReads(), "HEAD", "/api/videos/abc/file")).isTrue();
    assertThat(matches(matchers.publicReads(), "DELETE", "/api/videos/abc")).isFalse();
    assertThat(matches(matchers.preflights(), "OPTIONS", "/api/uploads/abc")).isTrue();
    assertThat(matches(matchers.api(), "GET", "/api/me")).isFalse();
    assertThat(matches(matchers.api(), "GET", "/index.html")).isFalse();
  }

  @Test
  void changedPathsAreFollowed() {
    VideokitRequestMatchers matchers = new VideokitRequestMatchers("/files/", "/media", null);

    assertThat(matches(matchers.writes(), "POST", "/files")).isTrue();
    assertThat(matches(matchers.writes(), "PATCH", "/files/abc")).isTrue();
    assertThat(matches(matchers.preflights(), "OPTIONS", "/files/")).isTrue();
    assertThat(matches(matchers.publicReads(), "GET", "/media")).isTrue();
    assertThat(matches(matchers.api(), "POST", "/api/uploads")).isFalse();
    assertThat(matches(matchers.publicReads(), "GET", "/api/stream")).isFalse();
  }

  @Test
  void cloudflarePathsAreIncludedOnlyWhenConfigured() {
    VideokitRequestMatchers with =
        new VideokitRequestMatchers(
            "/api/uploads",
            "/api/stream",
            new VideokitRequestMatchers.CloudflarePaths("/cf-upload/", "/hooks/cloudflare"));
    VideokitRequestMatchers without =
        new VideokitRequestMatchers("/api/uploads", "/api/stream", null);

    assertThat(matches(with.writes(), "POST", "/cf-upload")).isTrue();
    assertThat(matches(with.preflights(), "OPTIONS", "/cf-upload/")).isTrue();
    assertThat(matches(with.webhooks(), "POST", "/hooks/cloudflare")).isTrue();
    assertThat(matches(with.writes(), "POST", "/hooks/cloudflare")).isFalse();
    assertThat(matches(with.writes(), "PUT", "/api/cloudflare/webhook")).isTrue();
    assertThat(matches(without.webhooks(), "POST", "/hooks/cloudflare")).isFalse();
    assertThat(matches(without.api(), "POST", "/cloudflare-stream-upload/")).isFalse();
  }
}
