package io.videokit.server;

import io.videokit.core.stream.RangeStreamer;
import io.videokit.web.security.VideokitRequestMatchers;
import io.videokit.web.stream.StreamController;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The front path for public media (decision 10, issue 12): a {@code GET} or {@code HEAD} of a
 * stream route ({@link VideokitRequestMatchers#streamReads()}) that carries no credentials is
 * answered here, in front of Spring Security's filter chain and Spring MVC, by the same {@link
 * StreamController} — which applies the stream access policy to the anonymous caller, the
 * confinement of paths to the media root, RFC 9110 ranges and watch sessions exactly as behind the
 * chain.
 *
 * <p>What the chain would add to such a request is applied here too, from the chain's own parts:
 * its {@link HttpFirewall} (the request and the response are firewalled the same way) and its
 * {@link HeaderWriterFilter} (taken from the lean streaming chain, so the headers cannot drift).
 * What it answers is timed in {@code http.server.requests} under the route's path pattern, as MVC
 * would set it: by its own {@link FrontPathRequestTimer} where it stands in front of Spring's
 * observation filter (the reference server's default, decision 14), else by that filter's
 * observation.
 *
 * <p>Only the happy path is answered here. Everything else goes to the chain, unchanged:
 *
 * <ul>
 *   <li>a request Spring Security would not give to the lean streaming chain (an application's own
 *       chain in front of it decides, e.g. media behind a login);
 *   <li>a request with an {@code Authorization} or {@code Cookie} header (it may be a signed-in
 *       caller; cookies may hold the session), or an {@code Origin} header (CORS is decided in one
 *       place, behind the chain);
 *   <li>a request the firewall rejects, so that the chain rejects it and answers its problem;
 *   <li>a request the endpoint refuses before sending anything (no such video, not allowed, a
 *       missing parameter, an unreadable file): the response is reset and the request goes to the
 *       chain, whose answer (problem body, headers, log line) is the one every other route gives.
 *       Such a request is looked up twice; a refusal costs no more than a lookup.
 * </ul>
 *
 * <p>What the request does not cross: the security filter chain's ~10 filters, the authorization
 * observation, the dispatcher servlet's handler lookup and its request attributes — most of what
 * separated videokit from bare Tomcat on small ranges and probes (docs/benchmarks.md).
 */
public final class AnonymousStreamReadFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  private static final Logger log = LoggerFactory.getLogger(AnonymousStreamReadFilter.class);

  /** The video file route, as {@link StreamController} maps it. */
  static final String VIDEO_FILE_PATTERN = "/api/videos/{uid}/file";

  private final transient List<SecurityFilterChain> chains;
  private final transient SecurityFilterChain streamingChain;
  private final transient PathPatternRequestMatcher videoFile =
      PathPatternRequestMatcher.withDefaults().matcher(VIDEO_FILE_PATTERN);
  private final transient HttpFirewall firewall;
  private final transient HeaderWriterFilter headers;
  private final transient StreamController endpoint;
  private final String streamPath;
  private final String streamPathSlash;
  private final transient LongAdder answered = new LongAdder();
  private final transient @Nullable FrontPathRequestTimer timer;

  /**
   * Creates the filter.
   *
   * @param security Spring Security's filter chains, in their order: a request is taken only when
   *     the first chain that matches it is {@code streamingChain}, so that an application's own
   *     chain in front of it (e.g. media behind a login) keeps deciding
   * @param firewall the firewall the security filter chain applies
   * @param streamingChain the lean streaming chain ({@link StreamingSecurityConfiguration}, which
   *     lets every such read through to the endpoint's access policy), whose header writer this
   *     filter applies
   * @param endpoint the stream endpoint
   * @param streamPath the path-streaming route ({@code videokit.streaming.path}), the observation's
   *     path pattern for it
   * @throws IllegalStateException if the chain has no {@link HeaderWriterFilter}
   */
  public AnonymousStreamReadFilter(
      List<SecurityFilterChain> security,
      HttpFirewall firewall,
      SecurityFilterChain streamingChain,
      StreamController endpoint,
      String streamPath) {
    this(security, firewall, streamingChain, endpoint, streamPath, null);
  }

  /**
   * Creates the filter for a place in front of Spring's observation filter, timing what it answers
   * itself with {@code timer} (decision 14); with a null timer, as {@link
   * #AnonymousStreamReadFilter( List, HttpFirewall, SecurityFilterChain, StreamController,
   * String)}.
   */
  AnonymousStreamReadFilter(
      List<SecurityFilterChain> security,
      HttpFirewall firewall,
      SecurityFilterChain streamingChain,
      StreamController endpoint,
      String streamPath,
      @Nullable FrontPathRequestTimer timer) {
    this.timer = timer;
    this.chains = List.copyOf(security);
    this.streamingChain = streamingChain;
    if (!chains.contains(streamingChain)) {
      throw new IllegalStateException("the streaming chain is not one of the security chains");
    }
    this.firewall = firewall;
    this.headers =
        streamingChain.getFilters().stream()
            .filter(HeaderWriterFilter.class::isInstance)
            .map(HeaderWriterFilter.class::cast)
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("the streaming chain writes no security headers"));
    this.endpoint = endpoint;
    this.streamPath = streamPath.replaceAll("/+$", "");
    this.streamPathSlash = this.streamPath + "/";
  }

  /**
   * How many requests this filter answered itself (the others went on to the chain), counted when
   * the endpoint takes them.
   *
   * @return a count since start
   */
  public long answered() {
    return answered.sum();
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!withoutCredentials(request)) {
      chain.doFilter(request, response);
      return;
    }
    long start = timer == null ? 0 : timer.start();
    Answer answer = new Answer();
    boolean taken;
    boolean parsedHere = !ServletRequestPathUtils.hasParsedRequestPath(request);
    try {
      taken = take(request, response, parsedHere, answer);
    } finally {
      if (parsedHere) {
        ServletRequestPathUtils.clearParsedRequestPath(request);
      }
    }
    if (!taken) {
      chain.doFilter(request, response);
      return;
    }
    Exception refused = answer.refusal;
    if (refused == null) {
      time(start, request, response, answer, null);
      return;
    }
    if (response.isCommitted()) {
      time(start, request, response, answer, refused);
      rethrow(refused); // bytes went out: nothing can be answered instead
    }
    log.debug("the chain answers {}: {}", request.getRequestURI(), refused.toString());
    response.reset();
    RangeStreamer.cancelZeroCopy(request);
    chain.doFilter(request, response); // timed by the observation filter, as every chain answer
  }

  private void time(
      long start,
      HttpServletRequest request,
      HttpServletResponse response,
      Answer answer,
      @Nullable Exception error) {
    if (timer != null && answer.pattern != null) {
      timer.stop(start, request, response, answer.pattern, error);
    }
  }

  /**
   * Takes the request if it is ours (false: it goes on to the chain as it came) and answers it,
   * leaving its route in {@code answer}, and why the endpoint refused it if it did. The request's
   * path is parsed once here, for every path matcher on the way (the chains', the header writer's,
   * the video file route's): a {@link PathPatternRequestMatcher} parses it again on each call when
   * it finds none cached.
   */
  private boolean take(
      HttpServletRequest request, HttpServletResponse response, boolean parse, Answer answer)
      throws IOException, ServletException {
    HttpServletRequest checked;
    HttpServletResponse checkedResponse;
    try {
      checked = firewall.getFirewalledRequest(request);
      checkedResponse = firewall.getFirewalledResponse(response);
      if (parse) {
        ServletRequestPathUtils.parseAndCache(checked);
      }
      if (!decidedByTheStreamingChain(checked)) {
        return false;
      }
    } catch (RuntimeException rejected) {
      return false; // the chain rejects it and answers the problem
    }
    // the endpoint writes through the header writer's response, which adds the headers on commit
    headers.doFilter(
        checked,
        checkedResponse,
        (req, res) -> answer((HttpServletRequest) req, (HttpServletResponse) res, answer));
    return true;
  }

  private static boolean withoutCredentials(HttpServletRequest request) {
    String method = request.getMethod();
    return ("GET".equals(method) || "HEAD".equals(method))
        && request.getDispatcherType() == DispatcherType.REQUEST
        && request.getHeader(HttpHeaders.AUTHORIZATION) == null
        && request.getHeader(HttpHeaders.COOKIE) == null
        && request.getHeader(HttpHeaders.ORIGIN) == null;
  }

  /**
   * Whether Spring Security would hand the request to the streaming chain (the first chain that
   * matches, as {@code FilterChainProxy} picks it); the streaming chain matches only {@link
   * VideokitRequestMatchers#streamReads()}.
   */
  private boolean decidedByTheStreamingChain(HttpServletRequest request) {
    for (SecurityFilterChain candidate : chains) {
      if (candidate.matches(request)) {
        return candidate == streamingChain;
      }
    }
    return false;
  }

  private void answer(HttpServletRequest request, HttpServletResponse response, Answer answer) {
    answered.increment(); // before any byte leaves: a client that has its answer sees the count
    try {
      RequestMatcher.MatchResult video = videoFileMatch(request);
      String pattern = video.isMatch() ? VIDEO_FILE_PATTERN : routePattern(request);
      answer.pattern = pattern;
      ServerHttpObservationFilter.findObservationContext(request)
          .ifPresent(context -> context.setPathPattern(pattern));
      if (video.isMatch()) {
        endpoint.video(video.getVariables().get("uid"), request, response);
      } else {
        endpoint.path(request, response);
      }
    } catch (IOException | RuntimeException e) {
      answered.decrement();
      answer.refusal = e;
    }
  }

  /**
   * Whether the request is for the video file route. A path that is the path-streaming route's, as
   * sent, is that route's without a pattern match (on the front path that match was ~3 % of a
   * probe's samples); Spring MVC chooses the same, a literal pattern before one with a variable, in
   * the odd case of a streaming path configured inside the video file route.
   */
  private RequestMatcher.MatchResult videoFileMatch(HttpServletRequest request) {
    String path =
        ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication().value();
    if (path.equals(streamPath) || path.equals(streamPathSlash)) {
      return RequestMatcher.MatchResult.notMatch();
    }
    return videoFile.matcher(request);
  }

  /** The stream route as mapped: with or without its trailing slash. */
  private String routePattern(HttpServletRequest request) {
    return request.getRequestURI().endsWith("/") ? streamPathSlash : streamPath;
  }

  private static void rethrow(Exception cause) throws IOException {
    if (cause instanceof IOException io) {
      throw io;
    }
    throw (RuntimeException) cause;
  }

  /** The route of a request taken here, and why the endpoint did not answer it, if it did not. */
  private static final class Answer {
    @Nullable String pattern;
    @Nullable Exception refusal;
  }
}
