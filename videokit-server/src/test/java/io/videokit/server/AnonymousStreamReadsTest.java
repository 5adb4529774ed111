package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * Decision 10: a stream read without credentials is answered by {@link AnonymousStreamReadFilter}
 * in front of the security chain and MVC, and its answer is the chain's answer, byte for byte and
 * header for header: every request below is sent twice, once as it is (the front path) and once
 * with a cookie unrelated to any session (which sends it through the chain), and the two answers
 * must be the same — 200, 206, multipart 206, HEAD, 304, 412 and 416 answered in front; refusals
 * (no such video or media, paths escaping the root, a missing parameter, a firewall rejection)
 * handed to the chain, which answers them as problems.
 */
class AnonymousStreamReadsTest extends ServerTestSupport {

  private static final int SIZE = 200_000;

  @Autowired
  @Qualifier("videokitAnonymousStreamReads")
  FilterRegistrationBean<AnonymousStreamReadFilter> front;

  @Autowired MeterRegistry registry;

  private static String readyUid;

  @BeforeAll
  static void makeMedia() throws Exception {
    Path dir = Files.createDirectories(DATA.resolve("media").resolve("front"));
    byte[] bytes = new byte[SIZE];
    new Random(12).nextBytes(bytes);
    Files.write(dir.resolve("clip.bin"), bytes);
    Files.writeString(
        dir.resolve("evil.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>",
        StandardCharsets.UTF_8);
  }

  /** A request and whether the front path answers it itself. */
  private record Case(
      String name, String method, String path, boolean inFront, String... headers) {}

  @Test
  void everyAnonymousReadIsAnsweredExactlyAsTheChainAnswersIt() throws Exception {
    String clip = "/api/stream/?path=front/clip.bin";
    String etag = send("GET", clip, false).headers().firstValue("ETag").orElseThrow();
    String uid = readyVideo();
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("whole file", "GET", clip, true));
    cases.add(
        new Case("without the trailing slash", "GET", "/api/stream?path=front/clip.bin", true));
    cases.add(new Case("one range", "GET", clip, true, "Range", "bytes=1000-66535"));
    cases.add(new Case("a probe", "GET", clip, true, "Range", "bytes=0-1"));
    cases.add(new Case("suffix range", "GET", clip, true, "Range", "bytes=-500"));
    cases.add(new Case("two ranges", "GET", clip, true, "Range", "bytes=0-9,100-199"));
    cases.add(new Case("head", "HEAD", clip, true, "Range", "bytes=0-1"));
    cases.add(new Case("revalidation", "GET", clip, true, "If-None-Match", etag));
    cases.add(new Case("failed precondition", "GET", clip, true, "If-Match", "\"other\""));
    cases.add(new Case("unsatisfiable", "GET", clip, true, "Range", "bytes=999999999-"));
    cases.add(new Case("svg", "GET", "/api/stream/?path=front/evil.svg", true));
    cases.add(
        new Case("video file", "GET", "/api/videos/" + uid + "/file", true, "Range", "bytes=0-99"));
    cases.add(new Case("video file head", "HEAD", "/api/videos/" + uid + "/file", true));
    cases.add(
        new Case(
            "no such video", "GET", "/api/videos/0123456789abcdef0123456789abcdef/file", false));
    cases.add(new Case("no such media", "GET", "/api/stream/?path=front/missing.bin", false));
    cases.add(new Case("escaping the root", "GET", "/api/stream/?path=../../etc/passwd", false));
    cases.add(new Case("hidden segment", "GET", "/api/stream/?path=front/.hidden", false));
    cases.add(new Case("no path", "GET", "/api/stream/", false));
    cases.add(new Case("firewall", "GET", "/api/stream/;x=1?path=front/clip.bin", false));

    for (Case each : cases) {
      long before = front.getFilter().answered();
      HttpResponse<byte[]> inFront = send(each, false);
      long answered = front.getFilter().answered() - before;
      HttpResponse<byte[]> throughChain = send(each, true);

      assertThat(answered)
          .as("%s: answered in front", each.name())
          .isEqualTo(each.inFront() ? 1 : 0);
      assertThat(front.getFilter().answered() - before)
          .as("%s: a request with a cookie goes through the chain", each.name())
          .isEqualTo(answered);
      assertThat(inFront.statusCode())
          .as("%s: status", each.name())
          .isEqualTo(throughChain.statusCode());
      assertThat(headers(inFront)).as("%s: headers", each.name()).isEqualTo(headers(throughChain));
      assertThat(body(inFront)).as("%s: body", each.name()).isEqualTo(body(throughChain));
    }
  }

  @Test
  void credentialedAndCrossOriginReadsGoThroughTheChain() throws Exception {
    String clip = "/api/stream/?path=front/clip.bin";
    for (String[] headers :
        List.of(
            new String[] {"Authorization", basic(ALICE)},
            new String[] {"Authorization", "Basic YWxpY2U6d3Jvbmc="},
            new String[] {"Cookie", "JSESSIONID=0123"},
            new String[] {"Origin", "https://elsewhere.example"})) {
      long before = front.getFilter().answered();
      send("GET", clip, false, headers);
      assertThat(front.getFilter().answered()).as(headers[0]).isEqualTo(before);
    }
    assertThat(send("GET", clip, false, "Authorization", "Basic YWxpY2U6d3Jvbmc=").statusCode())
        .as("wrong credentials are still refused")
        .isEqualTo(401);
  }

  /**
   * Decision 14: the front path stands in front of the observation filter and times its answers
   * itself. Each answer must be exactly one count (not zero, not two: the observation filter behind
   * must not also count it), in the series the chain's answer to the same request counts in: same
   * name, same tags.
   */
  @Test
  void eachAnswerCountsOnceInTheSeriesTheChainsAnswerCountsIn() throws Exception {
    String clip = "/api/stream/?path=front/clip.bin";
    String etag = send("GET", clip, false).headers().firstValue("ETag").orElseThrow();
    String uid = readyVideo();
    List<Case> cases =
        List.of(
            new Case("whole file", "GET", clip, true),
            new Case("without the trailing slash", "GET", "/api/stream?path=front/clip.bin", true),
            new Case("a probe", "GET", clip, true, "Range", "bytes=0-1"),
            new Case("head", "HEAD", clip, true),
            new Case("revalidation", "GET", clip, true, "If-None-Match", etag),
            new Case("unsatisfiable", "GET", clip, true, "Range", "bytes=999999999-"),
            new Case(
                "video file", "GET", "/api/videos/" + uid + "/file", true, "Range", "bytes=0-1"),
            new Case("no such media", "GET", "/api/stream/?path=front/missing.bin", false),
            new Case("no path", "GET", "/api/stream/", false));
    for (Case each : cases) {
      Map<Meter.Id, Long> inFront = counted(() -> send(each, false));
      Map<Meter.Id, Long> throughChain = counted(() -> send(each, true));
      assertThat(inFront)
          .as("%s: counted once, where the chain counts it", each.name())
          .isEqualTo(throughChain)
          .hasSize(1)
          .containsValue(1L);
      Meter.Id id = inFront.keySet().iterator().next();
      assertThat(id.getTag("uri"))
          .as("%s: the route's pattern", each.name())
          .isIn("/api/stream/", "/api/stream", "/api/videos/{uid}/file");
    }
  }

  /** What {@code exchange} added to the {@code http.server.requests} counts, once they settle. */
  private Map<Meter.Id, Long> counted(Exchange exchange) throws Exception {
    Map<Meter.Id, Long> before = requestCounts();
    exchange.run();
    // the observation filter records after the answer left: wait for a count, then for stragglers
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !difference(before, requestCounts()).isEmpty());
    Thread.sleep(200);
    return difference(before, requestCounts());
  }

  private Map<Meter.Id, Long> requestCounts() {
    Map<Meter.Id, Long> counts = new HashMap<>();
    for (Timer timer : registry.find("http.server.requests").timers()) {
      counts.put(timer.getId(), timer.count());
    }
    return counts;
  }

  private static Map<Meter.Id, Long> difference(
      Map<Meter.Id, Long> before, Map<Meter.Id, Long> after) {
    Map<Meter.Id, Long> added = new HashMap<>();
    after.forEach((id, count) -> {
      long delta = count - before.getOrDefault(id, 0L);
      if (delta != 0) {
        added.put(id, delta);
      }
    });
    return added;
  }

  @FunctionalInterface
  private interface Exchange {
    void run() throws Exception;
  }

  private synchronized String readyVideo() throws Exception {
    if (readyUid != null) {
      return readyUid;
    }
    Path video = TestVideos.mp4(DATA.resolve("front-source.mp4"), 2, 160, 120);
    String uid = MediaCachingTest.uploadReady(this, video);
    readyUid = uid;
    return uid;
  }

  private HttpResponse<byte[]> send(Case each, boolean throughChain) throws Exception {
    return send(each.method(), each.path(), throughChain, each.headers());
  }

  private HttpResponse<byte[]> send(
      String method, String path, boolean throughChain, String... headers) throws Exception {
    HttpRequest.Builder builder = request(path).method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      builder.headers(headers);
    }
    if (throughChain) {
      builder.header("Cookie", "unrelated=1");
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The headers without the ones that differ between any two answers. */
  private static Map<String, List<String>> headers(HttpResponse<byte[]> answer) {
    Map<String, List<String>> headers = new TreeMap<>();
    String boundary = boundary(answer);
    answer
        .headers()
        .map()
        .forEach((name, values) -> {
          if (!name.equalsIgnoreCase("date")) {
            headers.put(
                name.toLowerCase(java.util.Locale.ROOT),
                values.stream().map(v -> boundary == null ? v : v.replace(boundary, "B")).toList());
          }
        });
    return headers;
  }

  /** The body, with a multipart boundary (random per answer) replaced. */
  private static String body(HttpResponse<byte[]> answer) {
    String body = new String(answer.body(), StandardCharsets.ISO_8859_1);
    String boundary = boundary(answer);
    return boundary == null ? body : body.replace(boundary, "B");
  }

  private static String boundary(HttpResponse<byte[]> answer) {
    String type = answer.headers().firstValue("Content-Type").orElse("");
    int at = type.indexOf("boundary=");
    return at < 0 ? null : type.substring(at + "boundary=".length());
  }
}
