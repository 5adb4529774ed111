package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.web.security.VideokitRequestMatchers;
import io.videokit.web.stream.StreamController;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * {@link AnonymousStreamReadFilter} parses the request path once for the matchers it runs, and a
 * request it hands on to the chain must reach the chain exactly as it came: without a parsed path
 * it did not find there (Spring MVC and Spring Security parse and clear their own, and a stale one
 * would make them match the wrong path), and with one it did find. The endpoint is never reached in
 * these cases, so none is given.
 */
class AnonymousStreamReadFilterPathTest {

  private static final String STREAM_PATH = "/api/stream";

  private final SecurityFilterChain streaming =
      new DefaultSecurityFilterChain(
          new VideokitRequestMatchers("/api/uploads", STREAM_PATH, null).streamReads(),
          new HeaderWriterFilter(List.of(new XContentTypeOptionsHeaderWriter())));

  /** Whether the chain saw a parsed path, one entry per request it got. */
  private final List<Boolean> parsedWhenHandedOn = new ArrayList<>();

  @Test
  void aRequestAnotherChainDecidesReachesTheChainWithoutAParsedPath() throws Exception {
    SecurityFilterChain first =
        new DefaultSecurityFilterChain(
            AnyRequestMatcher.INSTANCE,
            new HeaderWriterFilter(List.of(new XContentTypeOptionsHeaderWriter())));
    AnonymousStreamReadFilter filter = filter(List.of(first, streaming));

    filter.doFilter(streamRead("/api/stream/"), new MockHttpServletResponse(), this::handedOn);

    assertThat(parsedWhenHandedOn).containsExactly(false);
  }

  @Test
  void aRequestTheFirewallRejectsReachesTheChainWithoutAParsedPath() throws Exception {
    AnonymousStreamReadFilter filter = filter(List.of(streaming));

    for (String uri : List.of("/api/stream/;x=1", "/api/stream/%2e%2e/x", "/api/stream//x")) {
      filter.doFilter(streamRead(uri), new MockHttpServletResponse(), this::handedOn);
    }

    assertThat(parsedWhenHandedOn).containsExactly(false, false, false);
  }

  @Test
  void aPathParsedBeforeTheFilterIsLeftInPlace() throws Exception {
    SecurityFilterChain first =
        new DefaultSecurityFilterChain(
            AnyRequestMatcher.INSTANCE,
            new HeaderWriterFilter(List.of(new XContentTypeOptionsHeaderWriter())));
    AnonymousStreamReadFilter filter = filter(List.of(first, streaming));
    MockHttpServletRequest request = streamRead("/api/stream/");
    ServletRequestPathUtils.parseAndCache(request);
    Object parsed = ServletRequestPathUtils.getParsedRequestPath(request);

    filter.doFilter(request, new MockHttpServletResponse(), this::handedOn);

    assertThat(parsedWhenHandedOn).containsExactly(true);
    assertThat(ServletRequestPathUtils.getParsedRequestPath(request)).isSameAs(parsed);
  }

  @Test
  void credentialedRequestsAreHandedOnUntouched() throws Exception {
    AnonymousStreamReadFilter filter = filter(List.of(streaming));
    MockHttpServletRequest request = streamRead("/api/stream/");
    request.addHeader("Authorization", "Basic YWxpY2U6YWxpY2U=");

    filter.doFilter(request, new MockHttpServletResponse(), this::handedOn);

    assertThat(parsedWhenHandedOn).containsExactly(false);
  }

  @Test
  void eachRouteReachesItsEndpointMethodAsSpringMvcWouldChooseIt() throws Exception {
    assertThat(routeTaken(STREAM_PATH, "/api/stream")).isEqualTo("path");
    assertThat(routeTaken(STREAM_PATH, "/api/stream/")).isEqualTo("path");
    assertThat(routeTaken(STREAM_PATH, "/api/videos/0123abc/file")).isEqualTo("video 0123abc");
    // a streaming path inside the video file route: the literal pattern wins, as in MVC
    String inside = "/api/videos/clips/file";
    assertThat(routeTaken(inside, inside)).isEqualTo("path");
    assertThat(routeTaken(inside, inside + "/")).isEqualTo("path");
    assertThat(routeTaken(inside, "/api/videos/other/file")).isEqualTo("video other");
  }

  /** The endpoint method the filter calls for an anonymous GET of {@code uri}. */
  private static String routeTaken(String streamPath, String uri) throws Exception {
    List<String> taken = new ArrayList<>();
    StreamController endpoint =
        new StreamController(null, "path") {
          @Override
          public void video(String uid, HttpServletRequest request, HttpServletResponse response) {
            taken.add("video " + uid);
          }

          @Override
          public void path(HttpServletRequest request, HttpServletResponse response) {
            taken.add("path");
          }
        };
    SecurityFilterChain chain =
        new DefaultSecurityFilterChain(
            new VideokitRequestMatchers("/api/uploads", streamPath, null).streamReads(),
            new HeaderWriterFilter(List.of(new XContentTypeOptionsHeaderWriter())));
    AnonymousStreamReadFilter filter =
        new AnonymousStreamReadFilter(
            List.of(chain), new StrictHttpFirewall(), chain, endpoint, streamPath);

    filter.doFilter(
        streamRead(uri),
        new MockHttpServletResponse(),
        (request, response) -> taken.add("handed on"));

    assertThat(taken).hasSize(1);
    return taken.get(0);
  }

  private AnonymousStreamReadFilter filter(List<SecurityFilterChain> chains) {
    return new AnonymousStreamReadFilter(
        chains, new StrictHttpFirewall(), streaming, null, STREAM_PATH);
  }

  private static MockHttpServletRequest streamRead(String uri) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
    request.setParameter("path", "front/clip.bin");
    return request;
  }

  private void handedOn(ServletRequest request, jakarta.servlet.ServletResponse response) {
    parsedWhenHandedOn.add(ServletRequestPathUtils.hasParsedRequestPath(request));
  }
}
