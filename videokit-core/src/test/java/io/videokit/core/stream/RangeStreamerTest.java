package io.videokit.core.stream;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.videokit.core.range.RangeEvaluator;
import io.videokit.core.storage.LocalMediaStorage;
import io.videokit.core.storage.MediaObject;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class RangeStreamerTest {

  private static final int SIZE = 300 * 1024;

  /** A Friday, and a day of month below 10 (HTTP dates must still carry two digits). */
  private static final Instant MTIME = Instant.parse("2024-01-05T10:00:00Z");

  private static final String SENDFILE_SUPPORT = "org.apache.tomcat.sendfile.support";
  private static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
  private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
  private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

  private static final Pattern BOUNDARY =
      Pattern.compile("multipart/byteranges; boundary=([0-9A-Za-z'()+_,\\-./:=?]{1,70})");
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

  @TempDir Path temp;

  private byte[] bytes;
  private MediaObject media;
  private final RangeStreamer streamer = RangeStreamer.defaults();
  private final MockHttpServletResponse response = new MockHttpServletResponse();

  @BeforeEach
  void setUp() throws Exception {
    LocalMediaStorage storage = new LocalMediaStorage(temp.resolve("media"));
    bytes = new byte[SIZE];
    new Random(42).nextBytes(bytes);
    Path file = Files.createDirectories(storage.root().resolve("videos")).resolve("clip.mp4");
    Files.write(file, bytes);
    Files.setLastModifiedTime(file, FileTime.from(MTIME));
    media = storage.get("videos/clip.mp4");
  }

  // --- 200

  @Test
  void getWithoutRangeAnswers200WithTheWholeFile() throws Exception {
    StreamResult result = streamer.stream(get(), response, media);

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentAsByteArray()).isEqualTo(bytes);
    assertThat(result).isEqualTo(new StreamResult(200, SIZE, true));
  }

  @Test
  void copiedResponsesReuseOnePooledBufferAndShortOnesNone() throws Exception {
    assertThat(streamer.pooledBuffers()).isZero();

    streamer.stream(get(), response, media);
    assertThat(streamer.pooledBuffers()).isEqualTo(1);

    MockHttpServletResponse again = new MockHttpServletResponse();
    streamer.stream(get(), again, media);
    assertThat(again.getContentAsByteArray()).isEqualTo(bytes);
    assertThat(streamer.pooledBuffers()).isEqualTo(1);

    MockHttpServletRequest probe = get();
    probe.addHeader("Range", "bytes=0-1");
    MockHttpServletResponse probed = new MockHttpServletResponse();
    streamer.stream(probe, probed, media);
    assertThat(probed.getContentAsByteArray()).containsExactly(bytes[0], bytes[1]);
    assertThat(streamer.pooledBuffers()).isEqualTo(1);

    MockHttpServletRequest multi = get();
    multi.addHeader("Range", "bytes=0-1,100-101");
    streamer.stream(multi, new MockHttpServletResponse(), media);
    assertThat(streamer.pooledBuffers()).isEqualTo(1);
  }

  @Test
  void fullResponseCarriesContentLengthAndType() throws Exception {
    streamer.stream(get(), response, media);

    assertThat(response.getHeader("Content-Length")).isEqualTo(Integer.toString(SIZE));
    assertThat(response.getContentType()).isEqualTo("video/mp4");
  }

  @Test
  void responseAdvertisesByteRanges() throws Exception {
    streamer.stream(get(), response, media);

    assertThat(response.getHeader("Accept-Ranges")).isEqualTo("bytes");
  }

  @Test
  void responseCarriesTheObjectsEtag() throws Exception {
    streamer.stream(get(), response, media);

    assertThat(response.getHeader("ETag"))
        .isEqualTo(media.etag())
        .matches("\"[0-9a-f]+-[0-9a-f]+\"");
  }

  @Test
  void lastModifiedIsAnImfFixdate() throws Exception {
    streamer.stream(get(), response, media);

    assertThat(response.getHeader("Last-Modified")).isEqualTo("Fri, 05 Jan 2024 10:00:00 GMT");
  }

  @Test
  void responseForbidsContentSniffing() throws Exception {
    streamer.stream(get(), response, media);

    assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void smallCopyBufferStillSendsTheWholeFile() throws Exception {
    RangeStreamer smallBuffer = new RangeStreamer(RangeEvaluator.defaults(), true, 1024);

    smallBuffer.stream(get(), response, media);

    assertThat(response.getContentAsByteArray()).isEqualTo(bytes);
  }

  @Test
  void emptyFileAnswers200WithoutBody() throws Exception {
    LocalMediaStorage storage = new LocalMediaStorage(temp.resolve("media"));
    Files.write(storage.root().resolve("empty.mp4"), new byte[0]);

    StreamResult result = streamer.stream(get(), response, storage.get("empty.mp4"));

    assertThat(result).isEqualTo(new StreamResult(200, 0, true));
    assertThat(response.getHeader("Content-Length")).isEqualTo("0");
    assertThat(response.getContentAsByteArray()).isEmpty();
  }

  // --- 206 single range

  @Test
  void singleRangeAnswers206WithExactlyThoseBytes() throws Exception {
    StreamResult result = streamer.stream(get("bytes=1000-1999"), response, media);

    assertThat(response.getStatus()).isEqualTo(206);
    assertThat(response.getContentAsByteArray()).isEqualTo(slice(1000, 1999));
    assertThat(result).isEqualTo(new StreamResult(206, 1000, true));
  }

  @Test
  void singleRangeCarriesContentRangeAndLength() throws Exception {
    streamer.stream(get("bytes=1000-1999"), response, media);

    assertThat(response.getHeader("Content-Range")).isEqualTo("bytes 1000-1999/" + SIZE);
    assertThat(response.getHeader("Content-Length")).isEqualTo("1000");
    assertThat(response.getContentType()).isEqualTo("video/mp4");
  }

  @Test
  void safariProbeAnswersExactlyTheFirstTwoBytes() throws Exception {
    streamer.stream(get("bytes=0-1"), response, media);

    assertThat(response.getContentAsByteArray()).isEqualTo(slice(0, 1));
    assertThat(response.getHeader("Content-Range")).isEqualTo("bytes 0-1/" + SIZE);
  }

  @Test
  void suffixRangeAnswersTheLastBytes() throws Exception {
    streamer.stream(get("bytes=-100"), response, media);

    assertThat(response.getContentAsByteArray()).isEqualTo(slice(SIZE - 100, SIZE - 1));
    assertThat(response.getHeader("Content-Range"))
        .isEqualTo("bytes " + (SIZE - 100) + "-" + (SIZE - 1) + "/" + SIZE);
  }

  @Test
  void ifRangeWithAnotherEtagAnswersTheWholeFile() throws Exception {
    MockHttpServletRequest request = get("bytes=0-1");
    request.addHeader("If-Range", "\"stale\"");

    streamer.stream(request, response, media);

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentAsByteArray()).isEqualTo(bytes);
  }

  @Test
  void ifRangeWithTheCurrentEtagAnswersTheRange() throws Exception {
    MockHttpServletRequest request = get("bytes=0-1");
    request.addHeader("If-Range", media.etag());

    streamer.stream(request, response, media);

    assertThat(response.getStatus()).isEqualTo(206);
  }

  // --- 206 multipart

  @Test
  void severalRangesAnswerMultipartByteranges() throws Exception {
    streamer.stream(get("bytes=0-99,1000-1099,300000-"), response, media);

    assertThat(response.getStatus()).isEqualTo(206);
    assertThat(response.getContentType()).matches(BOUNDARY);
    assertThat(response.getHeader("Content-Range")).isNull();
  }

  @Test
  void multipartBodyHoldsEachRangeWithItsHeaders() throws Exception {
    streamer.stream(get("bytes=0-99,1000-1099,300000-"), response, media);

    List<Part> parts = parseMultipart(response.getContentAsByteArray(), boundary());

    assertThat(parts)
        .extracting(p -> p.headers().get("content-range"))
        .containsExactly(
            "bytes 0-99/" + SIZE,
            "bytes 1000-1099/" + SIZE,
            "bytes 300000-" + (SIZE - 1) + "/" + SIZE);
    assertThat(parts)
        .allSatisfy(p -> assertThat(p.headers()).containsEntry("content-type", "video/mp4"));
    assertThat(parts.get(0).body()).isEqualTo(slice(0, 99));
    assertThat(parts.get(1).body()).isEqualTo(slice(1000, 1099));
    assertThat(parts.get(2).body()).isEqualTo(slice(300000, SIZE - 1));
  }

  @Test
  void multipartContentLengthEqualsTheBodyLength() throws Exception {
    StreamResult result = streamer.stream(get("bytes=0-99,1000-1099,300000-"), response, media);

    int actual = response.getContentAsByteArray().length;
    assertThat(response.getHeader("Content-Length")).isEqualTo(Integer.toString(actual));
    assertThat(result).isEqualTo(new StreamResult(206, actual, true));
  }

  @Test
  void multipartPartsAreSortedAndCoalesced() throws Exception {
    streamer.stream(get("bytes=5000-5099,0-9,5050-5199"), response, media);

    List<Part> parts = parseMultipart(response.getContentAsByteArray(), boundary());

    assertThat(parts)
        .extracting(p -> p.headers().get("content-range"))
        .containsExactly("bytes 0-9/" + SIZE, "bytes 5000-5199/" + SIZE);
  }

  @Test
  void eachMultipartResponseHasAFreshBoundary() throws Exception {
    MockHttpServletResponse other = new MockHttpServletResponse();

    streamer.stream(get("bytes=0-9,20-29"), response, media);
    streamer.stream(get("bytes=0-9,20-29"), other, media);

    assertThat(response.getContentType()).isNotEqualTo(other.getContentType());
  }

  // --- 416, 412, 304

  @Test
  void unsatisfiableRangeAnswers416WithTheCompleteLength() throws Exception {
    StreamResult result = streamer.stream(get("bytes=400000-"), response, media);

    assertThat(response.getStatus()).isEqualTo(416);
    assertThat(response.getHeader("Content-Range")).isEqualTo("bytes */" + SIZE);
    assertThat(result).isEqualTo(new StreamResult(416, 0, true));
  }

  @Test
  void unsatisfiableRangeAnswersAProblemDocument() throws Exception {
    streamer.stream(get("bytes=400000-"), response, media);

    Map<?, ?> problem = json(response.getContentAsByteArray());
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    assertThat(problem.get("status")).isEqualTo(416);
    assertThat(problem.get("type"))
        .isEqualTo("https://videokit.io/problems/stream/range-not-satisfiable");
    assertThat(response.getHeader("Content-Length"))
        .isEqualTo(Integer.toString(response.getContentAsByteArray().length));
  }

  @Test
  void failedIfMatchAnswers412Problem() throws Exception {
    MockHttpServletRequest request = get();
    request.addHeader("If-Match", "\"other\"");

    StreamResult result = streamer.stream(request, response, media);

    assertThat(response.getStatus()).isEqualTo(412);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    assertThat(json(response.getContentAsByteArray()).get("status")).isEqualTo(412);
    assertThat(result.status()).isEqualTo(412);
  }

  @Test
  void matchingIfNoneMatchAnswers304WithoutBody() throws Exception {
    MockHttpServletRequest request = get();
    request.addHeader("If-None-Match", media.etag());

    StreamResult result = streamer.stream(request, response, media);

    assertThat(response.getStatus()).isEqualTo(304);
    assertThat(response.getContentAsByteArray()).isEmpty();
    assertThat(result).isEqualTo(new StreamResult(304, 0, true));
  }

  @Test
  void notModifiedStillCarriesTheValidators() throws Exception {
    MockHttpServletRequest request = get();
    request.addHeader("If-None-Match", media.etag());

    streamer.stream(request, response, media);

    assertThat(response.getHeader("ETag")).isEqualTo(media.etag());
    assertThat(response.getHeader("Last-Modified")).isNotNull();
  }

  @Test
  void ifModifiedSinceTheLastModifiedAnswers304() throws Exception {
    MockHttpServletRequest request = get();
    request.addHeader("If-Modified-Since", "Fri, 05 Jan 2024 10:00:00 GMT");

    streamer.stream(request, response, media);

    assertThat(response.getStatus()).isEqualTo(304);
  }

  @Test
  void lastModifiedSentIsAcceptedBackAsIfModifiedSince() throws Exception {
    streamer.stream(get(), response, media);
    MockHttpServletRequest revalidation = get();
    revalidation.addHeader("If-Modified-Since", response.getHeader("Last-Modified"));
    MockHttpServletResponse second = new MockHttpServletResponse();

    streamer.stream(revalidation, second, media);

    assertThat(second.getStatus()).isEqualTo(304);
  }

  // --- HEAD

  @Test
  void headAnswersTheHeadersWithoutBody() throws Exception {
    StreamResult result = streamer.stream(request("HEAD"), response, media);

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getHeader("Content-Length")).isEqualTo(Integer.toString(SIZE));
    assertThat(response.getContentType()).isEqualTo("video/mp4");
    assertThat(response.getHeader("Accept-Ranges")).isEqualTo("bytes");
    assertThat(response.getHeader("ETag")).isEqualTo(media.etag());
    assertThat(response.getContentAsByteArray()).isEmpty();
    assertThat(result).isEqualTo(new StreamResult(200, 0, true));
  }

  @Test
  void headIgnoresRange() throws Exception {
    MockHttpServletRequest request = request("HEAD");
    request.addHeader("Range", "bytes=0-1");

    streamer.stream(request, response, media);

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getHeader("Content-Range")).isNull();
    assertThat(response.getHeader("Content-Length")).isEqualTo(Integer.toString(SIZE));
  }

  // --- zero copy

  @Test
  void sendfileIsHandedTheWholeFile() throws Exception {
    MockHttpServletRequest request = get();
    request.setAttribute(SENDFILE_SUPPORT, Boolean.TRUE);

    StreamResult result = streamer.stream(request, response, media);

    assertThat(request.getAttribute(SENDFILE_FILENAME))
        .isEqualTo(media.localFile().orElseThrow().toString());
    assertThat(request.getAttribute(SENDFILE_START)).isEqualTo(0L);
    assertThat(request.getAttribute(SENDFILE_END)).isEqualTo((long) SIZE);
    assertThat(response.getContentAsByteArray()).isEmpty();
    assertThat(response.getHeader("Content-Length")).isEqualTo(Integer.toString(SIZE));
    assertThat(result).isEqualTo(new StreamResult(200, SIZE, true));
  }

  @Test
  void anExactCountStillHandsAnAnswerOfAtMostTheLimitToSendfileAndCountsItInFull()
      throws Exception {
    MockHttpServletRequest request = get("bytes=1000-99999");
    request.setAttribute(SENDFILE_SUPPORT, Boolean.TRUE);

    StreamResult result =
        streamer.stream(request, response, media, "public, max-age=31536000", true);

    assertThat(request.getAttribute(SENDFILE_START)).isEqualTo(1000L);
    assertThat(request.getAttribute(SENDFILE_END)).isEqualTo(100000L);
    assertThat(response.getContentAsByteArray()).isEmpty();
    assertThat(response.getHeader("Cache-Control")).isEqualTo("public, max-age=31536000");
    assertThat(result).isEqualTo(new StreamResult(206, 99000, true));
  }

  @Test
  void anExactCountCopiesAnAnswerOverTheLimitThroughTheBuffer() throws Exception {
    int limit = (int) RangeStreamer.EXACT_COUNT_SENDFILE_LIMIT;
    byte[] big = new byte[limit + 10];
    new Random(7).nextBytes(big);
    LocalMediaStorage storage = new LocalMediaStorage(temp.resolve("media"));
    Files.write(storage.root().resolve("videos").resolve("big.mp4"), big);
    MediaObject large = storage.get("videos/big.mp4");

    MockHttpServletRequest atTheLimit = get("bytes=5-" + (limit + 4));
    atTheLimit.setAttribute(SENDFILE_SUPPORT, Boolean.TRUE);
    MockHttpServletResponse handed = new MockHttpServletResponse();
    StreamResult first = streamer.stream(atTheLimit, handed, large, "private, no-cache", true);
    assertThat(atTheLimit.getAttribute(SENDFILE_END)).isEqualTo((long) limit + 5);
    assertThat(first).isEqualTo(new StreamResult(206, limit, true));

    MockHttpServletRequest over = get();
    over.setAttribute(SENDFILE_SUPPORT, Boolean.TRUE);
    StreamResult whole = streamer.stream(over, response, large, "private, no-cache", true);
    assertThat(over.getAttribute(SENDFILE_FILENAME)).isNull();
    assertThat(response.getContentAsByteArray()).isEqualTo(big);
    assertThat(whole).isEqualTo(new StreamResult(200, big.length, true));
  }

  @Test
  void anExactCountOverTheLimitGoesToAReportingContainersSendfile() throws Exception {
    int limit = (int) RangeStreamer.EXACT_COUNT_SENDFILE_LIMIT;
    LocalMediaStorage storage = new LocalMediaStorage(temp.resolve("media"));
    Files.write(storage.root().resolve("videos").resolve("big.mp4"), new byte[limit + 10]);
    MediaObject large = storage.get("videos/big.mp4");
    List<String> announced = new ArrayList<>();
    List<LongConsumer> listeners = new ArrayList<>();
    List<String> cancelled = new ArrayList<>();
    List<String> names = new ArrayList<>();
    SendfileReporting reporting =
        (file, length, written) -> {
          announced.add(file + " " + length);
          listeners.add(written);
          String fileName = new String(file);
          names.add(fileName);
          return new SendfileReporting.Transfer() {
            @Override
            public String fileName() {
              return fileName;
            }

            @Override
            public void cancel() {
              cancelled.add(fileName);
              written.accept(0);
            }
          };
        };
    RangeStreamer reported =
        new RangeStreamer(RangeEvaluator.defaults(), true, 16 * 1024, reporting);

    MockHttpServletRequest whole = get();
    whole.setAttribute(SENDFILE_SUPPORT, Boolean.TRUE);
    StreamResult result = reported.stream(whole, response, large, "private, no-cache", true);
    Path file = large.localFile().orElseThrow();
    assertThat(announced).containsExactly(file + " " + (limit + 10));
    assertThat(whole.getAttribute(SENDFILE_FILENAME))
        .as("the transfer's own string object")
        .isSameAs(names.get(0))
        .isEqualTo(file.toString());
    assertThat(whole.getAttribute(SENDFILE_END)).isEqualTo((long) limit + 10);
    assertThat(response.getContentAsByteArray()).as("nothing copied").isEmpty();
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.reportedBytes()).isNotNull();
    assertThat(result.reportedBytes().toCompletableFuture()).isNotDone();
    listeners.get(0).accept(4096);
    assertThat(result.reportedBytes().toCompletableFuture()).isCompletedWithValue(4096L);

    MockHttpServletRequest takenBack = get("bytes=0-" + limit);
    takenBack.setAttribute(SENDFILE_SUPPORT, Boolean.TRUE);
    StreamResult back =
        reported.stream(takenBack, new MockHttpServletResponse(), large, "private, no-cache", true);
    RangeStreamer.cancelZeroCopy(takenBack);
    assertThat(cancelled).hasSize(1);
    assertThat(takenBack.getAttribute(SENDFILE_FILENAME)).isNull();
    assertThat(back.reportedBytes().toCompletableFuture()).isCompletedWithValue(0L);

    // without an exact count nothing is announced; at the limit it counts in full as before
    MockHttpServletRequest uncounted = get();
    uncounted.setAttribute(SENDFILE_SUPPORT, Boolean.TRUE);
    assertThat(reported.stream(uncounted, new MockHttpServletResponse(), large, "x", false))
        .isEqualTo(new StreamResult(200, limit + 10, true));
    MockHttpServletRequest atTheLimit = get("bytes=0-" + (limit - 1));
    atTheLimit.setAttribute(SENDFILE_SUPPORT, Boolean.TRUE);
    assertThat(reported.stream(atTheLimit, new MockHttpServletResponse(), large, "x", true))
        .isEqualTo(new StreamResult(206, limit, true));
    assertThat(announced).hasSize(2);
  }

  @Test
  void aContainerThatCannotReportThisRequestGetsACopy() throws Exception {
    int limit = (int) RangeStreamer.EXACT_COUNT_SENDFILE_LIMIT;
    byte[] big = new byte[limit + 10];
    new Random(3).nextBytes(big);
    LocalMediaStorage storage = new LocalMediaStorage(temp.resolve("media"));
    Files.write(storage.root().resolve("videos").resolve("big.mp4"), big);
    RangeStreamer unreported =
        new RangeStreamer(
            RangeEvaluator.defaults(), true, 16 * 1024, (file, length, written) -> null);
    MockHttpServletRequest request = get();
    request.setAttribute(SENDFILE_SUPPORT, Boolean.TRUE);
    StreamResult result =
        unreported.stream(
            request, response, storage.get("videos/big.mp4"), "private, no-cache", true);
    assertThat(request.getAttribute(SENDFILE_FILENAME)).isNull();
    assertThat(response.getContentAsByteArray()).isEqualTo(big);
    assertThat(result).isEqualTo(new StreamResult(200, big.length, true));
  }

  @Test
  void answersCarryTheChosenCacheControlAndProblemsNoStore() throws Exception {
    String etag = media.etag();
    MockHttpServletRequest conditional = get();
    conditional.addHeader("If-None-Match", etag);
    MockHttpServletResponse notModified = new MockHttpServletResponse();
    MockHttpServletResponse unsatisfiable = new MockHttpServletResponse();
    MockHttpServletResponse byDefault = new MockHttpServletResponse();

    streamer.stream(conditional, notModified, media, "private, max-age=60", false);
    streamer.stream(get("bytes=" + SIZE + "-"), unsatisfiable, media, "private, max-age=60", false);
    streamer.stream(get(), byDefault, media);

    assertThat(notModified.getStatus()).isEqualTo(304);
    assertThat(notModified.getHeader("Cache-Control")).isEqualTo("private, max-age=60");
    assertThat(unsatisfiable.getStatus()).isEqualTo(416);
    assertThat(unsatisfiable.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(byDefault.getHeader("Cache-Control")).isEqualTo("private, no-cache");
  }

  @Test
  void sendfileEndIsExclusiveForARange() throws Exception {
    MockHttpServletRequest request = get("bytes=1000-99999");
    request.setAttribute(SENDFILE_SUPPORT, Boolean.TRUE);

    StreamResult result = streamer.stream(request, response, media);

    assertThat(request.getAttribute(SENDFILE_START)).isEqualTo(1000L);
    assertThat(request.getAttribute(SENDFILE_END)).isEqualTo(100000L);
    assertThat(response.getStatus()).isEqualTo(206);
    assertThat(response.getHeader("Content-Range")).isEqualTo("bytes 1000-99999/" + SIZE);
    assertThat(response.getContentAsByteArray()).isEmpty();
    assertThat(result).isEqualTo(new StreamResult(206, 99000, true));
  }

  @Test
  void rangeOfExactly48KibUsesSendfile() throws Exception {
    MockHttpServletRequest request = get("bytes=0-" + (48 * 1024 - 1));
    request.setAttribute(SENDFILE_SUPPORT, Boolean.TRUE);

    streamer.stream(request, response, media);

    assertThat(request.getAttribute(SENDFILE_END)).isEqualTo(48L * 1024);
    assertThat(response.getContentAsByteArray()).isEmpty();
  }

  @Test
  void rangeBelow48KibIsCopiedInsteadOfSendfile() throws Exception {
    MockHttpServletRequest request = get("bytes=0-" + (48 * 1024 - 2));
    request.setAttribute(SENDFILE_SUPPORT, Boolean.TRUE);

    streamer.stream(request, response, media);

    assertThat(request.getAttribute(SENDFILE_FILENAME)).isNull();
    assertThat(response.getContentAsByteArray()).isEqualTo(slice(0, 48 * 1024 - 2));
  }

  @Test
  void sendfileIsNotUsedWhenTheContainerDoesNotOfferIt() throws Exception {
    MockHttpServletRequest request = get();
    request.setAttribute(SENDFILE_SUPPORT, Boolean.FALSE);

    streamer.stream(request, response, media);

    assertThat(request.getAttribute(SENDFILE_FILENAME)).isNull();
    assertThat(response.getContentAsByteArray()).isEqualTo(bytes);
  }

  @Test
  void sendfileIsNotUsedWhenZeroCopyIsOff() throws Exception {
    RangeStreamer copying =
        new RangeStreamer(RangeEvaluator.defaults(), false, RangeStreamer.DEFAULT_BUFFER_SIZE);
    MockHttpServletRequest request = get();
    request.setAttribute(SENDFILE_SUPPORT, Boolean.TRUE);

    copying.stream(request, response, media);

    assertThat(request.getAttribute(SENDFILE_FILENAME)).isNull();
    assertThat(response.getContentAsByteArray()).isEqualTo(bytes);
  }

  @Test
  void multipartIsCopiedEvenWhenSendfileIsOffered() throws Exception {
    MockHttpServletRequest request = get("bytes=0-99999,200000-299999");
    request.setAttribute(SENDFILE_SUPPORT, Boolean.TRUE);

    streamer.stream(request, response, media);

    assertThat(request.getAttribute(SENDFILE_FILENAME)).isNull();
    assertThat(parseMultipart(response.getContentAsByteArray(), boundary())).hasSize(2);
  }

  @Test
  void headDoesNotUseSendfile() throws Exception {
    MockHttpServletRequest request = request("HEAD");
    request.setAttribute(SENDFILE_SUPPORT, Boolean.TRUE);

    streamer.stream(request, response, media);

    assertThat(request.getAttribute(SENDFILE_FILENAME)).isNull();
  }

  // --- client gone

  @Test
  void clientGoingAwayIsReportedAsIncompleteNotThrown() throws Exception {
    MockHttpServletResponse failing = failingAfter(100_000);

    StreamResult result = streamer.stream(get(), failing, media);

    assertThat(result.completed()).isFalse();
    assertThat(result.bytesSent()).isLessThan(SIZE).isLessThanOrEqualTo(100_000);
  }

  @Test
  void clientGoingAwayDuringMultipartIsReportedAsIncomplete() throws Exception {
    MockHttpServletResponse failing = failingAfter(150_000);

    StreamResult result = streamer.stream(get("bytes=0-99999,200000-299999"), failing, media);

    assertThat(result.status()).isEqualTo(206);
    assertThat(result.completed()).isFalse();
  }

  @Test
  void bufferBelow1KibIsRefused() {
    assertThatThrownBy(() -> new RangeStreamer(RangeEvaluator.defaults(), true, 1023))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- helpers

  private static MockHttpServletRequest request(String method) {
    return new MockHttpServletRequest(method, "/videos/clip.mp4");
  }

  private static MockHttpServletRequest get() {
    return request("GET");
  }

  private static MockHttpServletRequest get(String range) {
    MockHttpServletRequest request = get();
    request.addHeader("Range", range);
    return request;
  }

  private byte[] slice(int first, int last) {
    return Arrays.copyOfRange(bytes, first, last + 1);
  }

  private String boundary() {
    Matcher matcher = BOUNDARY.matcher(response.getContentType());
    assertThat(matcher.matches()).as(response.getContentType()).isTrue();
    return matcher.group(1);
  }

  private static Map<?, ?> json(byte[] body) {
    return JsonMapper.builder().build().readValue(body, Map.class);
  }

  private record Part(Map<String, String> headers, byte[] body) {}

  /**
   * Parses a {@code multipart/byteranges} body strictly (RFC 9110 §14.6, RFC 2046 §5.1): no
   * preamble, CRLF line ends, each part's length taken from its Content-Range, a closing delimiter,
   * nothing after it but CRLF.
   */
  private static List<Part> parseMultipart(byte[] body, String boundary) {
    List<Part> parts = new ArrayList<>();
    int pos = expect(body, 0, "--" + boundary + "\r\n");
    while (true) {
      int headerEnd = indexOf(body, "\r\n\r\n".getBytes(US_ASCII), pos);
      assertThat(headerEnd).as("end of part headers").isGreaterThanOrEqualTo(0);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line : new String(body, pos, headerEnd - pos, US_ASCII).split("\r\n")) {
        int colon = line.indexOf(':');
        assertThat(colon).as("header line '%s'", line).isPositive();
        headers.put(line.substring(0, colon).toLowerCase(), line.substring(colon + 1).strip());
      }
      pos = headerEnd + 4;
      Matcher range = CONTENT_RANGE.matcher(headers.getOrDefault("content-range", ""));
      assertThat(range.matches()).as("Content-Range of part %d", parts.size()).isTrue();
      int length = Integer.parseInt(range.group(2)) - Integer.parseInt(range.group(1)) + 1;
      parts.add(new Part(headers, Arrays.copyOfRange(body, pos, pos + length)));
      pos = expect(body, pos + length, "\r\n--" + boundary);
      if (startsWith(body, pos, "--")) {
        pos = expect(body, pos, "--\r\n");
        assertThat(pos).as("nothing after the closing delimiter").isEqualTo(body.length);
        return parts;
      }
      pos = expect(body, pos, "\r\n");
    }
  }

  private static int expect(byte[] body, int pos, String text) {
    assertThat(startsWith(body, pos, text))
        .as("'%s' at %d", text.replace("\r\n", "\\r\\n"), pos)
        .isTrue();
    return pos + text.length();
  }

  private static boolean startsWith(byte[] body, int pos, String text) {
    byte[] expected = text.getBytes(US_ASCII);
    return pos + expected.length <= body.length
        && Arrays.equals(body, pos, pos + expected.length, expected, 0, expected.length);
  }

  private static int indexOf(byte[] body, byte[] needle, int from) {
    for (int i = from; i + needle.length <= body.length; i++) {
      if (Arrays.equals(body, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }

  /** A response whose client disconnects after {@code limit} body bytes. */
  private static MockHttpServletResponse failingAfter(int limit) {
    return new MockHttpServletResponse() {
      private final ServletOutputStream out =
          new ServletOutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
              write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              if (written + len > limit) {
                throw new IOException("Broken pipe");
              }
              written += len;
            }

            @Override
            public boolean isReady() {
              return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {}
          };

      @Override
      public ServletOutputStream getOutputStream() {
        return out;
      }
    };
  }
}
