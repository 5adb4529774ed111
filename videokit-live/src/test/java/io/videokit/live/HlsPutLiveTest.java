package io.videokit.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.core.storage.LocalMediaStorage;
import io.videokit.core.watch.ClientAddressResolver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Live behaviour of the handler (issue 10): the event playlist, publisher reconnects, viewer
 * counting and the first-segment hook, over mock requests on a real local media storage.
 */
class HlsPutLiveTest {

  private static final String SECRET = "s3cret-publisher-token";

  @TempDir Path dir;

  private LocalMediaStorage storage;
  private InMemoryLiveTargets targets;
  private HlsPutHandler handler;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
  private final List<String> firstSegments = new CopyOnWriteArrayList<>();

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    storage = new LocalMediaStorage(dir.resolve("media"));
    targets = new InMemoryLiveTargets();
    targets.register(new LiveTarget("b1", "live/b1/", new LiveLimits(1000, 100)), SECRET);
    handler = newHandler();
  }

  private HlsPutHandler newHandler() {
    return new HlsPutHandler(
        "/live",
        storage,
        targets,
        dir.resolve("tmp"),
        clock,
        new LiveListener() {
          @Override
          public void firstSegment(LiveTarget target, String storageKey) {
            firstSegments.add(target.broadcastId() + " " + storageKey);
          }
        },
        new ClientAddressResolver(List.of()));
  }

  private MockHttpServletResponse send(MockHttpServletRequest request) throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    handler.handle(request, response);
    return response;
  }

  private MockHttpServletResponse put(String file, String body) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/live/b1/" + file);
    request.addHeader("Authorization", "Bearer " + SECRET);
    request.setContent(body.getBytes(StandardCharsets.UTF_8));
    return send(request);
  }

  private MockHttpServletResponse delete(String file) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("DELETE", "/live/b1/" + file);
    request.addHeader("Authorization", "Bearer " + SECRET);
    return send(request);
  }

  private MockHttpServletResponse get(String file) throws Exception {
    return send(new MockHttpServletRequest("GET", "/live/b1/" + file));
  }

  private static String playlist(long sequence, String... segments) {
    StringBuilder text =
        new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n")
            .append("#EXT-X-MEDIA-SEQUENCE:")
            .append(sequence)
            .append('\n');
    for (String segment : segments) {
      text.append("#EXTINF:2.000000,\n").append(segment).append('\n');
    }
    return text.toString();
  }

  /** Publishes a sliding window of two segments, as ffmpeg does, and deletes what slid out. */
  private void publish(String prefix, String content, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      assertThat(put(prefix + i + ".ts", content + i).getStatus()).isEqualTo(201);
      String[] window =
          i == 0
              ? new String[] {prefix + "0.ts"}
              : new String[] {prefix + (i - 1) + ".ts", prefix + i + ".ts"};
      assertThat(put("index.m3u8", playlist(Math.max(0, i - 1), window)).getStatus())
          .as("playlist %d", i)
          .isIn(201, 204);
      if (i >= 2) {
        assertThat(delete(prefix + (i - 2) + ".ts").getStatus()).isEqualTo(204);
      }
    }
  }

  private String stored(String file) throws Exception {
    return Files.readString(storage.root().resolve("live/b1/" + file));
  }

  @Test
  void theEventPlaylistKeepsEverySegmentAfterThePublishersDeletes() throws Exception {
    publish("a", "first-", 4);

    assertThat(stored("index.m3u8")).isEqualTo(playlist(2, "a2.ts", "a3.ts"));
    String vod = stored("vod.m3u8");
    assertThat(vod)
        .isEqualTo(
            "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-PLAYLIST-TYPE:EVENT\n"
                + "#EXT-X-MEDIA-SEQUENCE:0\n"
                + "#EXTINF:2.000000,\na0.ts\n#EXTINF:2.000000,\na1.ts\n"
                + "#EXTINF:2.000000,\na2.ts\n#EXTINF:2.000000,\na3.ts\n");
    // deleted by the publisher (204) but kept for the recording
    assertThat(stored("a0.ts")).isEqualTo("first-0");
    assertThat(stored("a1.ts")).isEqualTo("first-1");
    MockHttpServletResponse recording = get("vod.m3u8");
    assertThat(recording.getStatus()).isEqualTo(200);
    assertThat(recording.getContentType()).isEqualTo("application/vnd.apple.mpegurl");
    assertThat(recording.getHeader("Cache-Control")).isEqualTo("no-cache");

    assertThat(handler.endBroadcast("b1")).isTrue();
    assertThat(stored("vod.m3u8")).isEqualTo(vod + "#EXT-X-ENDLIST\n");
    assertThat(stored("index.m3u8")).endsWith("#EXT-X-ENDLIST\n");
    assertThat(handler.endBroadcast("b1")).isFalse();
    assertThat(put("vod.m3u8", "#EXTM3U\n").getStatus()).isEqualTo(400);
  }

  @Test
  void livePlaylistsRevalidateEndedOnesAreKeptSegmentsAreImmutableAndETagsAnswer304()
      throws Exception {
    publish("index", "seg-", 3);
    MockHttpServletResponse live = get("index.m3u8");
    MockHttpServletRequest again = new MockHttpServletRequest("GET", "/live/b1/index.m3u8");
    again.addHeader("If-None-Match", live.getHeader("ETag"));
    MockHttpServletResponse unchanged = send(again);
    MockHttpServletRequest withCredentials =
        new MockHttpServletRequest("GET", "/live/b1/index2.ts");
    withCredentials.addHeader("Authorization", "Basic YWxpY2U6c2VjcmV0");
    MockHttpServletResponse privateSegment = send(withCredentials);

    assertThat(live.getHeader("Cache-Control")).isEqualTo("no-cache");
    assertThat(live.getHeader("ETag")).isNotBlank();
    assertThat(unchanged.getStatus()).isEqualTo(304);
    assertThat(unchanged.getContentAsByteArray()).isEmpty();
    assertThat(unchanged.getHeader("Cache-Control")).isEqualTo("no-cache");
    assertThat(get("index2.ts").getHeader("Cache-Control"))
        .isEqualTo("public, max-age=31536000, immutable");
    assertThat(privateSegment.getStatus()).isEqualTo(200);
    assertThat(privateSegment.getHeader("Cache-Control"))
        .isEqualTo("private, max-age=31536000, immutable");

    assertThat(handler.endBroadcast("b1")).isTrue();
    MockHttpServletResponse ended = get("index.m3u8");
    MockHttpServletResponse recording = get("vod.m3u8");

    assertThat(ended.getContentAsString()).endsWith("#EXT-X-ENDLIST\n");
    assertThat(ended.getHeader("Cache-Control")).isEqualTo("public, max-age=3600");
    assertThat(ended.getHeader("ETag")).isNotEqualTo(live.getHeader("ETag"));
    assertThat(recording.getHeader("Cache-Control")).isEqualTo("public, max-age=3600");
    assertThat(get("nothing.ts").getHeader("Cache-Control")).isEqualTo("no-store");
  }

  /**
   * ffmpeg PUTs a segment and then the playlist on two connections: a restarted publisher's first
   * playlist can arrive before its first segment, and would conflict with the previous session's
   * playlist. It is judged again once that segment started the new session.
   */
  @Test
  void aRestartedPublishersFirstPlaylistAheadOfItsFirstSegmentWaitsForTheNewSession()
      throws Exception {
    assertThat(put("index0.ts", "first-0").getStatus()).isEqualTo(201);
    assertThat(put("index.m3u8", playlist(0, "index0.ts")).getStatus()).isEqualTo(201);
    assertThat(put("index1.ts", "first-1").getStatus()).isEqualTo(201);
    assertThat(put("index.m3u8", playlist(0, "index0.ts", "index1.ts")).getStatus()).isEqualTo(204);

    CompletableFuture<MockHttpServletResponse> early =
        CompletableFuture.supplyAsync(() -> {
          try {
            return put("index.m3u8", playlist(0, "index0.ts"));
          } catch (Exception e) {
            throw new CompletionException(e);
          }
        });
    Thread.sleep(300);
    assertThat(put("index0.ts", "second-0").getStatus()).isEqualTo(201);

    MockHttpServletResponse judged = early.get(10, TimeUnit.SECONDS);
    assertThat(judged.getStatus()).as(judged.getContentAsString()).isEqualTo(201);
    assertThat(stored("s1/index0.ts")).isEqualTo("second-0");
    assertThat(stored("index0.ts")).isEqualTo("first-0");
    assertThat(get("index.m3u8").getContentAsString())
        .contains("#EXT-X-DISCONTINUITY-SEQUENCE:0\n")
        .endsWith("#EXT-X-DISCONTINUITY\n#EXTINF:2.000000,\ns1/index0.ts\n");
  }

  @Test
  void aRestartedPublisherContinuesAfterADiscontinuityWithoutOverwritingSegments()
      throws Exception {
    publish("index", "first-", 4);

    // a new ffmpeg: media sequence back to 0, index0.ts again with other bytes
    publish("index", "second-", 3);

    for (int i = 0; i < 4; i++) {
      assertThat(stored("index" + i + ".ts")).isEqualTo("first-" + i);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(stored("s1/index" + i + ".ts")).isEqualTo("second-" + i);
    }
    assertThat(stored("vod.m3u8"))
        .isEqualTo(
            "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-PLAYLIST-TYPE:EVENT\n"
                + "#EXT-X-MEDIA-SEQUENCE:0\n"
                + "#EXTINF:2.000000,\nindex0.ts\n#EXTINF:2.000000,\nindex1.ts\n"
                + "#EXTINF:2.000000,\nindex2.ts\n#EXTINF:2.000000,\nindex3.ts\n"
                + "#EXT-X-DISCONTINUITY\n"
                + "#EXTINF:2.000000,\ns1/index0.ts\n#EXTINF:2.000000,\ns1/index1.ts\n"
                + "#EXTINF:2.000000,\ns1/index2.ts\n");
    // the viewers' playlist is ours: a window of two, sequence 5 = position in the recording
    MockHttpServletResponse live = get("index.m3u8");
    assertThat(live.getContentAsString())
        .isEqualTo(
            "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:5\n"
                + "#EXT-X-DISCONTINUITY-SEQUENCE:1\n"
                + "#EXTINF:2.000000,\ns1/index1.ts\n#EXTINF:2.000000,\ns1/index2.ts\n");
    MockHttpServletResponse segment = get("s1/index0.ts");
    assertThat(segment.getStatus()).isEqualTo(200);
    assertThat(segment.getContentType()).isEqualTo("video/mp2t");
    assertThat(segment.getHeader("Cache-Control")).contains("immutable");
    assertThat(segment.getContentAsString()).isEqualTo("second-0");
    assertThat(get("s1/publisher.m3u8").getStatus()).isEqualTo(404);
    assertThat(get("publisher.m3u8").getStatus()).isEqualTo(404);
    assertThat(put("s1/index9.ts", "x").getStatus()).isEqualTo(404);

    assertThat(handler.endBroadcast("b1")).isTrue();
    assertThat(stored("index.m3u8")).endsWith("s1/index2.ts\n#EXT-X-ENDLIST\n");
    assertThat(stored("vod.m3u8")).endsWith("s1/index2.ts\n#EXT-X-ENDLIST\n");
    MediaPlaylist vod = MediaPlaylist.parse(stored("vod.m3u8"));
    assertThat(vod.segments()).hasSize(7);
    assertThat(vod.segments().get(4).discontinuity()).isTrue();
    assertThat(vod.ended()).isTrue();
  }

  @Test
  void aRestartedPublisherSendingIdenticalFirstSegmentsStillStartsASession() throws Exception {
    publish("index", "same-", 4);
    // index0.ts again, same bytes, after it left the publisher's window: not a retry
    publish("index", "same-", 2);
    assertThat(stored("s1/index0.ts")).isEqualTo("same-0");
    assertThat(MediaPlaylist.parse(stored("vod.m3u8")).segmentUris())
        .containsExactly(
            "index0.ts", "index1.ts", "index2.ts", "index3.ts", "s1/index0.ts", "s1/index1.ts");
    // a retry of a segment still in the window is answered 204 and changes nothing
    assertThat(put("index1.ts", "same-1").getStatus()).isEqualTo(204);
    assertThat(MediaPlaylist.parse(stored("vod.m3u8")).segments()).hasSize(6);
  }

  @Test
  void theLiveMediaSequenceOnlyGrowsAcrossTheSplice() throws Exception {
    publish("index", "first-", 3);
    long before = MediaPlaylist.parse(stored("index.m3u8")).mediaSequence();
    put("index0.ts", "second-0");
    assertThat(put("index.m3u8", playlist(0, "index0.ts")).getStatus()).isEqualTo(201);
    MediaPlaylist spliced = MediaPlaylist.parse(get("index.m3u8").getContentAsString());
    // the window keeps the old session's last segment before the new one
    assertThat(spliced.mediaSequence()).isGreaterThan(before);
    assertThat(spliced.segmentUris()).containsExactly("index2.ts", "s1/index0.ts");
    assertThat(spliced.segments().get(1).discontinuity()).isTrue();
    assertThat(get("index.m3u8").getContentAsString()).contains("#EXT-X-DISCONTINUITY-SEQUENCE:0");
  }

  @Test
  void aPlaylistWhoseSequenceWentBackWithNewNamesStartsASession() throws Exception {
    publish("a", "first-", 3);
    assertThat(put("b0.ts", "b").getStatus()).isEqualTo(201);
    assertThat(put("index.m3u8", playlist(0, "b0.ts")).getStatus()).isEqualTo(201);
    assertThat(stored("vod.m3u8"))
        .endsWith("a2.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:2.000000,\nb0.ts\n");
    // an old playlist sent again is still refused
    assertThat(put("index.m3u8", playlist(0, "a0.ts")).getStatus()).isEqualTo(409);
  }

  @Test
  void theRulesHoldForEachPublisherSession() throws Exception {
    publish("index", "first-", 2);
    put("index0.ts", "second-0");
    put("index1.ts", "second-1");
    MockHttpServletResponse over =
        put("index.m3u8", playlist(0, "index0.ts").replace("2.000000", "2.6"));
    assertThat(over.getStatus()).isEqualTo(400);
    assertThat(over.getContentAsString()).contains("extinf-over-target");
    MockHttpServletResponse unsafe = put("index.m3u8", playlist(0, "index0.ts", "../x.ts"));
    assertThat(unsafe.getContentAsString()).contains("unsafe-segment-name");
    assertThat(put("index.m3u8", playlist(0, "index0.ts")).getStatus()).isEqualTo(201);
    MockHttpServletResponse target =
        put(
            "index.m3u8",
            playlist(0, "index0.ts", "index1.ts")
                .replace("TARGETDURATION:2", "TARGETDURATION:4")
                .replace("2.000000", "4.000000"));
    assertThat(target.getContentAsString()).contains("target-duration-changed");
    assertThat(put("index.m3u8", playlist(0, "index0.ts", "index1.ts")).getStatus()).isEqualTo(204);
  }

  @Test
  void aRestartedHandlerContinuesTheSplicedBroadcast() throws Exception {
    publish("index", "first-", 3);
    publish("index", "second-", 2);
    handler = newHandler();
    assertThat(put("index2.ts", "second-2").getStatus()).isEqualTo(201);
    assertThat(put("index.m3u8", playlist(1, "index1.ts", "index2.ts")).getStatus()).isEqualTo(204);
    assertThat(stored("s1/index2.ts")).isEqualTo("second-2");
    assertThat(MediaPlaylist.parse(stored("vod.m3u8")).segmentUris())
        .containsExactly(
            "index0.ts", "index1.ts", "index2.ts", "s1/index0.ts", "s1/index1.ts", "s1/index2.ts");
    assertThat(firstSegments).containsExactly("b1 live/b1/index0.ts");
  }

  @Test
  void theFirstSegmentIsReportedOnceAndTheThumbnailIsServed() throws Exception {
    put("a0.ts", "0");
    assertThat(firstSegments).isEmpty();
    put("index.m3u8", playlist(0, "a0.ts"));
    put("a1.ts", "1");
    put("index.m3u8", playlist(0, "a0.ts", "a1.ts"));
    assertThat(firstSegments).containsExactly("b1 live/b1/a0.ts");

    assertThat(get("thumb.jpg").getStatus()).isEqualTo(404);
    Files.write(storage.root().resolve("live/b1/thumb.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8});
    MockHttpServletResponse thumb = get("thumb.jpg");
    assertThat(thumb.getStatus()).isEqualTo(200);
    assertThat(thumb.getContentType()).isEqualTo("image/jpeg");
    assertThat(thumb.getContentAsByteArray()).hasSize(2);
    assertThat(put("thumb.jpg", "x").getStatus()).isEqualTo(400);
  }

  private void watch(String address, String agent, String viewer, String authorization)
      throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/live/b1/index.m3u8");
    request.setRemoteAddr(address);
    if (agent != null) {
      request.addHeader("User-Agent", agent);
    }
    if (viewer != null) {
      request.setParameter("viewer", viewer);
    }
    if (authorization != null) {
      request.addHeader("Authorization", authorization);
    }
    assertThat(send(request).getStatus()).isEqualTo(200);
  }

  @Test
  void viewersAreDistinctRecentPlaylistFetchersAndNeverThePublisher() throws Exception {
    publish("a", "x", 2);
    assertThat(handler.viewers("b1")).isZero();

    watch("10.0.0.1", "Safari", null, null);
    watch("10.0.0.1", "Safari", null, null);
    watch("10.0.0.1", "Firefox", null, null);
    watch("10.0.0.2", "Safari", null, null);
    watch("10.0.0.3", "Safari", "tab-1", null);
    watch("10.0.0.4", "Chrome", "tab-1", null);
    watch("10.0.0.9", "ffmpeg", null, "Bearer " + SECRET);
    assertThat(handler.viewers("b1")).isEqualTo(4);
    assertThat(get("a1.ts").getStatus()).isEqualTo(200);
    assertThat(handler.viewers("b1")).isEqualTo(4);

    // 3 × the 2 s target duration
    clock.advance(Duration.ofSeconds(5));
    watch("10.0.0.2", "Safari", null, null);
    clock.advance(Duration.ofSeconds(1));
    assertThat(handler.viewers("b1")).isEqualTo(4);
    clock.advance(Duration.ofMillis(1));
    assertThat(handler.viewers("b1")).isEqualTo(1);
    clock.advance(Duration.ofSeconds(5));
    assertThat(handler.viewers("b1")).isZero();
    assertThat(handler.viewers("unknown")).isZero();
  }
}
