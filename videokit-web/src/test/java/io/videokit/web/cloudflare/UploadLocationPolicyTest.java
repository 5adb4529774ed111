package io.videokit.web.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only Cloudflare's upload hosts (or a configured test origin) receive the user's file. */
class UploadLocationPolicyTest {

  private final UploadLocationPolicy cloudflareOnly = new UploadLocationPolicy(List.of());

  @Test
  void cloudflareUploadHostsOverHttpsAreAllowed() {
    assertThat(cloudflareOnly.allows(URI.create("https://upload.cloudflarestream.com/tus/abc")))
        .isTrue();
    assertThat(cloudflareOnly.allows(URI.create("https://Edge-7.CloudflareStream.com/tus/abc")))
        .isTrue();
  }

  @Test
  void otherHostsPlainHttpAndUserInfoAreRefused() {
    assertThat(cloudflareOnly.allows(URI.create("http://upload.cloudflarestream.com/tus/abc")))
        .isFalse();
    assertThat(cloudflareOnly.allows(URI.create("https://cloudflarestream.com.evil.example/x")))
        .isFalse();
    assertThat(cloudflareOnly.allows(URI.create("https://evilcloudflarestream.com/x"))).isFalse();
    assertThat(cloudflareOnly.allows(URI.create("https://me@upload.cloudflarestream.com/x")))
        .isFalse();
    assertThat(cloudflareOnly.allows(URI.create("/relative/path"))).isFalse();
  }

  @Test
  void aConfiguredOriginMatchesSchemeHostAndPortExactly() {
    UploadLocationPolicy fake = new UploadLocationPolicy(List.of("HTTP://localhost:54321/"));

    assertThat(fake.allows(URI.create("http://localhost:54321/tus/abc"))).isTrue();
    assertThat(fake.allows(URI.create("http://localhost:54322/tus/abc"))).isFalse();
    assertThat(fake.allows(URI.create("https://localhost:54321/tus/abc"))).isFalse();
  }
}
