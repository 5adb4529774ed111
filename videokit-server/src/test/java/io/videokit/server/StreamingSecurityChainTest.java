package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.savedrequest.RequestCacheAwareFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 12: range-streaming reads go through a lean filter chain of their own that still decides
 * who the caller is (HTTP Basic or the login form's session), answers bad credentials with a 401
 * problem and keeps the media headers, while every other request keeps the main chain.
 */
class StreamingSecurityChainTest extends ServerTestSupport {

  static final String FILE = "/api/stream/?path=lean/clip.bin";

  @Autowired FilterChainProxy security;

  @BeforeAll
  static void makeFile() throws Exception {
    Path dir = Files.createDirectories(DATA.resolve("media").resolve("lean"));
    Files.write(dir.resolve("clip.bin"), new byte[4096]);
  }

  @Test
  void streamingReadsHaveTheirOwnChainWithoutCsrfLoginFormOrSavedRequests() {
    SecurityFilterChain lean = chainFor("GET", "/api/stream/");
    assertThat(chainFor("HEAD", "/api/stream")).isSameAs(lean);
    assertThat(chainFor("GET", "/api/videos/0123456789abcdef0123456789abcdef/file")).isSameAs(lean);
    assertThat(chainFor("GET", "/api/videos/0123456789abcdef0123456789abcdef")).isNotSameAs(lean);
    assertThat(chainFor("POST", "/api/stream/")).isNotSameAs(lean);
    assertThat(chainFor("DELETE", "/api/videos/0123456789abcdef0123456789abcdef/file"))
        .isNotSameAs(lean);

    List<Class<?>> filters = lean.getFilters().stream().<Class<?>>map(Filter::getClass).toList();
    assertThat(filters)
        .contains(SecurityContextHolderFilter.class, BasicAuthenticationFilter.class)
        .doesNotContain(
            CsrfFilter.class,
            UsernamePasswordAuthenticationFilter.class,
            RequestCacheAwareFilter.class);
  }

  @Test
  void anAnonymousReadIsPublicAndSandboxed() throws Exception {
    HttpResponse<byte[]> answer = get(http, FILE, null);

    assertThat(answer.statusCode()).isEqualTo(206);
    assertThat(answer.body()).hasSize(2);
    assertThat(answer.headers().firstValue("Cache-Control")).hasValue("public, no-cache");
    assertThat(answer.headers().allValues("Content-Security-Policy"))
        .containsExactly("sandbox; default-src 'none'; frame-ancestors 'none'");
    assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(answer.headers().firstValue("Referrer-Policy"))
        .hasValue("strict-origin-when-cross-origin");
  }

  @Test
  void aBasicPrincipalIsRecognisedAndBadCredentialsAreAProblem() throws Exception {
    HttpResponse<byte[]> known = get(http, FILE, basic(ALICE));
    assertThat(known.statusCode()).isEqualTo(206);
    assertThat(known.headers().firstValue("Cache-Control")).hasValue("private, no-cache");

    HttpResponse<byte[]> wrong = get(http, FILE, "Basic " + "YWxpY2U6d3Jvbmc=");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(wrong.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void theLoginFormsSessionIsRecognised() throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> token =
        browser.send(
            request("/api/csrf").header("X-Requested-With", "XMLHttpRequest").build(),
            HttpResponse.BodyHandlers.ofString());
    String csrf = JsonMapper.builder().build().readTree(token.body()).path("token").asString();
    HttpResponse<String> login =
        browser.send(
            request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username="
                            + ALICE
                            + "&password="
                            + PASSWORD
                            + "&_csrf="
                            + URLEncoder.encode(csrf, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");

    HttpResponse<byte[]> answer = get(browser, FILE, null);

    assertThat(answer.statusCode()).isEqualTo(206);
    assertThat(answer.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
  }

  private SecurityFilterChain chainFor(String method, String path) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    request.setServletPath(path);
    return security.getFilterChains().stream()
        .filter(chain -> chain.matches(request))
        .findFirst()
        .orElseThrow();
  }

  private HttpResponse<byte[]> get(HttpClient client, String path, String authorization)
      throws Exception {
    HttpRequest.Builder builder = request(path).header("Range", "bytes=0-1").GET();
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
