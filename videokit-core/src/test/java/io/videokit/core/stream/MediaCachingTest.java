package io.videokit.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The Cache-Control values of media answers (RFC 9111 §5.2.2), when they may be public, and taking
 * back a sendfile body when an error answers instead.
 */
class MediaCachingTest {

  @Test
  void eachKindOfBytesHasItsValueInBothScopes() {
    assertThat(MediaCaching.immutable(true)).isEqualTo("public, max-age=31536000, immutable");
    assertThat(MediaCaching.immutable(false)).isEqualTo("private, max-age=31536000, immutable");
    assertThat(MediaCaching.longLived(true)).isEqualTo("public, max-age=31536000");
    assertThat(MediaCaching.longLived(false)).isEqualTo("private, max-age=31536000");
    assertThat(MediaCaching.revalidate(true)).isEqualTo("public, no-cache");
    assertThat(MediaCaching.revalidate(false)).isEqualTo("private, no-cache");
    assertThat(MediaCaching.maxAge(true, 3600)).isEqualTo("public, max-age=3600");
  }

  @Test
  void maxAgeIsZeroOrMoreSeconds() {
    assertThat(MediaCaching.maxAge(false, 0)).isEqualTo("private, max-age=0");
    assertThatThrownBy(() -> MediaCaching.maxAge(false, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void onlyARequestWithoutCredentialsMayBeAnsweredPublic() {
    MockHttpServletRequest anonymous = new MockHttpServletRequest("GET", "/v.mp4");
    MockHttpServletRequest basic = new MockHttpServletRequest("GET", "/v.mp4");
    basic.addHeader("Authorization", "Basic YTpi");
    MockHttpServletRequest session = new MockHttpServletRequest("GET", "/v.mp4");
    session.setUserPrincipal(() -> "alice");

    assertThat(MediaCaching.sharedCachesAllowed(anonymous)).isTrue();
    assertThat(MediaCaching.sharedCachesAllowed(basic)).isFalse();
    assertThat(MediaCaching.sharedCachesAllowed(session)).isFalse();
  }

  @Test
  void aBodyHandedToSendfileIsTakenBackForAnErrorAnswer() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v.mp4");
    request.setAttribute(RangeStreamer.SENDFILE_FILENAME, "/media/v.mp4");
    request.setAttribute(RangeStreamer.SENDFILE_START, 0L);
    request.setAttribute(RangeStreamer.SENDFILE_END, 100L);

    RangeStreamer.cancelZeroCopy(request);

    assertThat(request.getAttribute(RangeStreamer.SENDFILE_FILENAME)).isNull();
    assertThat(request.getAttribute(RangeStreamer.SENDFILE_START)).isNull();
    assertThat(request.getAttribute(RangeStreamer.SENDFILE_END)).isNull();
  }

  @Test
  void setReplacesAValueSetBefore() {
    MockHttpServletResponse response = new MockHttpServletResponse();
    response.setHeader("Cache-Control", "no-cache, no-store");

    MediaCaching.set(response, MediaCaching.NO_STORE);

    assertThat(response.getHeaders("Cache-Control")).containsExactly("no-store");
  }
}
