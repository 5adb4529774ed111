package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.web.security.ProblemAuthenticationEntryPoint;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Issue 11 (media): an application's own {@link SecurityFilterChain} for videokit's paths, with
 * Spring Security's default headers and every media read behind a login, needs nothing for media
 * caching: the answers keep their own {@code Cache-Control}, {@code private} since they needed
 * authorization; its 401 is a {@code no-store} problem.
 */
@Import(MediaCachingOwnChainTest.OwnChain.class)
class MediaCachingOwnChainTest extends ServerTestSupport {

  static String uid;

  @TestConfiguration(proxyBeanMethods = false)
  static class OwnChain {
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain applicationsOwnChain(
        HttpSecurity http, ProblemAuthenticationEntryPoint unauthenticated) throws Exception {
      return http.securityMatcher("/api/videos/**", "/api/stream/**")
          .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
          .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
          .csrf(csrf -> csrf.disable())
          .headers(Customizer.withDefaults())
          .build();
    }
  }

  String readyVideo() throws Exception {
    synchronized (MediaCachingOwnChainTest.class) {
      if (uid == null) {
        Path source = TestVideos.mp4(DATA.resolve("own-chain-source.mp4"), 2, 160, 120);
        uid = MediaCachingTest.uploadReady(this, source);
      }
      return uid;
    }
  }

  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder builder = request(path).GET();
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void mediaAnswersBehindTheApplicationsLoginArePrivateAndKeepTheirCacheControl() throws Exception {
    String file = "/api/videos/" + readyVideo() + "/file";

    HttpResponse<byte[]> whole = get(file, "Authorization", basic(BOB));
    HttpResponse<byte[]> range = get(file, "Authorization", basic(BOB), "Range", "bytes=0-1");
    HttpResponse<byte[]> notModified =
        get(
            file,
            "Authorization",
            basic(BOB),
            "If-None-Match",
            whole.headers().firstValue("ETag").orElseThrow());
    HttpResponse<byte[]> unsatisfiable =
        get(file, "Authorization", basic(BOB), "Range", "bytes=99999999-");
    HttpResponse<byte[]> anonymous = get(file);

    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(MediaCachingTest.cacheControl(whole)).isEqualTo("private, max-age=31536000");
    assertThat(whole.headers().firstValue("Pragma")).isEmpty();
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(MediaCachingTest.cacheControl(range)).isEqualTo("private, max-age=31536000");
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(MediaCachingTest.cacheControl(notModified)).isEqualTo("private, max-age=31536000");
    assertThat(unsatisfiable.statusCode()).isEqualTo(416);
    assertThat(MediaCachingTest.cacheControl(unsatisfiable)).isEqualTo("no-store");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(MediaCachingTest.cacheControl(anonymous)).isEqualTo("no-store");
  }
}
