package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The watch heatmap in headless Chromium: a viewer plays the first seconds of a 60 s video, seeks
 * to the middle and plays a few seconds more; the staff page's heatmap then shows exactly those two
 * stretches, within one GOP (1 s).
 *
 * <p>What is "watched" is what was served, and a browser fetches ahead of the playhead (Chromium
 * buffers about ten seconds). So the viewer's connection is throttled (DevTools network emulation)
 * to a little above the video's constant bitrate: it cannot buffer far ahead, as on a connection
 * just fast enough for the video, and the page is closed right after the last pause, which ends its
 * requests. The served bytes counted are those written, not whole ranges: the copying path counts
 * them ({@code zero-copy=false} here: with sendfile, answers of at most 1 MiB count in full,
 * decision 11). Slow: runs in the {@code browser} profile.
 */
@Tag("browser")
@TestPropertySource(properties = "videokit.streaming.zero-copy=false")
class WatchHeatmapBrowserTest extends ServerTestSupport {

  private static final int SECONDS = 60;
  private static final int KBPS = 3000;

  static HeadlessChromium chromium;
  static Browser browser;
  static Path video;
  final JsonMapper json = JsonMapper.builder().build();

  @BeforeAll
  static void launch() throws Exception {
    video =
        TestVideos.noisyMp4WithOneSecondGops(
            DATA.resolve("heatmap-browser.mp4"), SECONDS, 640, 360, KBPS);
    chromium = HeadlessChromium.launch();
    browser = chromium.browser();
  }

  @AfterAll
  static void close() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void playTheStartSeekToTheMiddlePlayMoreAndTheHeatmapShowsThoseTwoStretches() throws Exception {
    String uid = TestUploads.upload(uri("/api/uploads/"), basic(ADMIN), video);
    awaitReady(uid);
    double bytesPerSecond = Files.size(video) / (double) SECONDS;

    double[] played;
    try (SlowDownlink downlink = SlowDownlink.to(port, bytesPerSecond * 1.1);
        BrowserContext viewer = browser.newContext()) {
      String origin = "http://127.0.0.1:" + downlink.port();
      Page page = viewer.newPage();
      page.setDefaultTimeout(60_000);
      page.navigate(origin + "/login");
      String result =
          (String)
              page.evaluate(
                  "async (src) => {"
                      + " const v = document.createElement('video');"
                      + " v.muted = true; v.preload = 'auto'; v.src = src;"
                      + " document.body.appendChild(v);"
                      + " const until = (test) => new Promise((resolve, reject) => {"
                      + "   const check = () => test() ? resolve() : setTimeout(check, 20);"
                      + "   v.addEventListener('error', () => reject(new Error('media error')));"
                      + "   check(); });"
                      + " await until(() => v.readyState >= 1);"
                      + " await v.play();"
                      + " await until(() => v.currentTime >= 3);"
                      + " v.pause(); const first = v.currentTime;"
                      + " v.currentTime = 30;"
                      + " await new Promise(r => v.addEventListener('seeked', r, {once: true}));"
                      + " await v.play();"
                      + " await until(() => v.currentTime >= 34);"
                      + " v.pause(); const second = v.currentTime;"
                      + " const buffered = [];"
                      + " for (let i = 0; i < v.buffered.length; i++)"
                      + "   buffered.push([v.buffered.start(i), v.buffered.end(i)]);"
                      + " v.removeAttribute('src'); v.load();"
                      + " return JSON.stringify({first, second, buffered});"
                      + "}",
                  origin + "/api/videos/" + uid + "/file");
      JsonNode state = json.readTree(result);
      played = new double[] {state.path("first").asDouble(), state.path("second").asDouble()};
      System.out.println("heatmap browser test: played " + result);
      page.close();
    }

    // the responses end when the page goes; the recorder writes them on its flush interval
    long[] lastBytes = {-1};
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(3))
        .until(() -> {
          JsonNode items = getJson("/api/watch-sessions?video=" + uid).path("items");
          long bytes = items.size() == 0 ? 0 : items.get(0).path("bytesServed").asLong();
          boolean settled = bytes > 0 && bytes == lastBytes[0];
          lastBytes[0] = bytes;
          return settled;
        });

    int[] seconds;
    try (BrowserContext staff = browser.newContext()) {
      Page page = staff.newPage();
      page.setDefaultTimeout(60_000);
      page.navigate(uri("/login").toString());
      page.fill("input[name=username]", ADMIN);
      page.fill("input[name=password]", PASSWORD);
      page.click("button[type=submit]");
      page.waitForURL(uri("/").toString());
      page.navigate(uri("/staff.html?heatmap=" + uid).toString());
      page.locator("#heatmap[data-loaded='" + uid + "']").waitFor();
      String counts = page.locator("#heatmap-strip").getAttribute("data-seconds");
      seconds = Arrays.stream(counts.split(",")).mapToInt(Integer::parseInt).toArray();
      System.out.println("heatmap browser test: " + page.locator("#heatmap-summary").textContent());
      assertThat(page.locator("#heatmap-summary").textContent()).startsWith("Watched: 0–");
    }

    List<int[]> stretches = stretches(seconds);
    assertThat(seconds).hasSize(SECONDS);
    assertThat(stretches).as("watched stretches").hasSize(2);
    int[] start = stretches.get(0);
    int[] middle = stretches.get(1);
    assertThat(start[0]).isZero();
    assertThat(start[1]).isBetween((int) played[0] - 1, (int) played[0] + 1);
    assertThat(middle[0]).isBetween(29, 30);
    assertThat(middle[1]).isBetween((int) played[1] - 1, (int) played[1] + 1);
  }

  /**
   * Fixed, small socket send buffers on the server: on loopback (MSS 64 KiB) Linux grows a send
   * buffer to megabytes, seconds of this video written to the kernel but not yet to the viewer.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class SmallSendBuffers {
    @Bean
    TomcatConnectorCustomizer smallSendBuffers() {
      return connector -> connector.setProperty("socket.txBufSize", "32768");
    }
  }

  private static List<int[]> stretches(int[] seconds) {
    List<int[]> runs = new ArrayList<>();
    int from = -1;
    for (int s = 0; s <= seconds.length; s++) {
      boolean watched = s < seconds.length && seconds[s] > 0;
      if (watched && from < 0) {
        from = s;
      } else if (!watched && from >= 0) {
        runs.add(new int[] {from, s - 1});
        from = -1;
      }
    }
    return runs;
  }

  private void awaitReady(String uid) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(() ->
            getJson("/api/videos/" + uid).path("status").path("state").asString().equals("ready"));
  }

  private JsonNode getJson(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            request(path).header("Authorization", basic(ADMIN)).build(),
            HttpResponse.BodyHandlers.ofString());
    return json.readTree(response.body());
  }
}
