package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person's path through the reference page in headless Chromium: log in, upload a real MP4 with
 * the page's tus client, wait until it is ready, play it, seek to the middle, and check that the
 * player really advanced there without a media error. Slow: runs in the {@code browser} profile.
 */
@Tag("browser")
class BrowserPlaybackTest extends ServerTestSupport {

  static HeadlessChromium chromium;
  static Browser browser;
  static Path video;

  @BeforeAll
  static void launch() throws Exception {
    video = TestVideos.mp4(DATA.resolve("browser.mp4"), 20, 640, 360);
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
  void uploadThroughThePagePlayAndSeekToTheMiddle() throws Exception {
    Page page = browser.newPage();
    page.setDefaultTimeout(60_000);
    List<String> policyViolations = new CopyOnWriteArrayList<>();
    page.onConsoleMessage(message -> {
      if (message.text().contains("Content Security Policy")) {
        policyViolations.add(page.url() + ": " + message.text());
      }
    });
    page.navigate(uri("/login").toString());
    page.fill("input[name=username]", ADMIN);
    page.fill("input[name=password]", PASSWORD);
    page.click("button[type=submit]");
    page.waitForURL(uri("/").toString());

    // the page wires the upload form after asking /api/me: pick the file only then
    page.locator("body[data-ready]").waitFor();
    page.setInputFiles("#file", video);
    Locator status = page.locator("#status[data-uid]");
    status.waitFor();
    String uid = status.getAttribute("data-uid");
    assertThat(page.locator("#bar").getAttribute("data-pct")).isEqualTo("100.0");
    page.locator("tr[data-uid='" + uid + "'] .state-ready").waitFor();

    page.locator("tr[data-uid='" + uid + "'] a.watch").click();
    page.waitForURL("**/watch.html?id=*");
    page.waitForFunction("() => document.querySelector('#player').readyState >= 1");
    String result =
        (String)
            page.evaluate(
                "async () => {"
                    + " const v = document.querySelector('#player');"
                    + " v.muted = true;"
                    + " const middle = v.duration / 2;"
                    + " await new Promise((resolve, reject) => {"
                    + "   v.addEventListener('seeked', resolve, {once: true});"
                    + "   v.addEventListener('error', () => reject(new Error('media error ' + (v.error && v.error.code))), {once: true});"
                    + "   v.currentTime = middle;"
                    + " });"
                    + " await v.play();"
                    + " await new Promise(r => setTimeout(r, 1500));"
                    + " return JSON.stringify({duration: v.duration, middle, time: v.currentTime,"
                    + "   error: v.error ? v.error.code : null, paused: v.paused});"
                    + "}");
    JsonNode state = JsonMapper.builder().build().readTree(result);

    assertThat(state.path("duration").asDouble()).isBetween(19.5, 20.5);
    assertThat(state.path("error").isNull()).isTrue();
    assertThat(state.path("time").asDouble()).isGreaterThan(state.path("middle").asDouble() + 0.5);
    assertThat(state.path("paused").asBoolean()).isFalse();
    // the pages' Content-Security-Policy (issue 7) blocks nothing the pages need
    assertThat(policyViolations).isEmpty();
  }
}
