package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The broadcast console in headless Chromium: a user logs in, starts a broadcast on the page, a
 * real ffmpeg publishes a test pattern and tone over HLS PUT with the secret the page showed, the
 * page's hls.js player plays it live (its clock advances, no fatal error), and Stop on the page
 * ends the playlist ({@code #EXT-X-ENDLIST}) and shows the broadcast stopped. Slow: runs in the
 * {@code browser} profile.
 */
@Tag("browser")
class BroadcastConsoleBrowserTest extends ServerTestSupport {

  static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");

  static HeadlessChromium chromium;
  static Browser browser;

  @BeforeAll
  static void launch() {
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
  void startPublishWatchLiveAndStopOnTheConsole() throws Exception {
    assertThat(FFMPEG).as("ffmpeg is needed: apt-get install ffmpeg").isExecutable();
    Page page = browser.newPage();
    page.setDefaultTimeout(30_000);
    List<String> policyViolations = new CopyOnWriteArrayList<>();
    List<String> console = new CopyOnWriteArrayList<>();
    page.onConsoleMessage(message -> {
      console.add(message.type() + ": " + message.text());
      if (message.text().contains("Content Security Policy")) {
        policyViolations.add(page.url() + ": " + message.text());
      }
    });
    page.navigate(uri("/login").toString());
    page.fill("input[name=username]", ALICE);
    page.fill("input[name=password]", PASSWORD);
    page.click("button[type=submit]");
    page.waitForURL(uri("/").toString());
    page.click("header nav a[href='/broadcasts.html']");
    page.locator("body[data-ready]").waitFor();
    assertThat(page.locator("#kind option").allTextContents()).contains("hls_put");

    page.fill("#name", "Console show");
    page.selectOption("#kind", "hls_put");
    page.click("#start");
    page.locator("#current[data-id] #state[data-state=live]").waitFor();
    String id = page.locator("#current").getAttribute("data-id");
    String url = page.locator("#settings dd[data-key=url] code").textContent();
    String first = page.locator("#settings dd[data-key=secret] code").textContent();
    // new credentials replace the shown ones; the publisher uses those
    page.click("#refresh");
    page.waitForFunction(
        "old => document.querySelector('#settings dd[data-key=secret] code').textContent !== old",
        first);
    String secret = page.locator("#settings dd[data-key=secret] code").textContent();
    assertThat(url).isEqualTo(uri("/live/" + id + "/index.m3u8").toString());
    assertThat(page.locator("#settings dd[data-key=ffmpeg] code").textContent())
        .contains("-method PUT", secret, url);
    assertThat(page.locator("#settings dd[data-key=headers] code").textContent())
        .isEqualTo("Authorization: Bearer " + secret);
    assertThat(page.locator("#broadcasts tr[data-id='" + id + "'] .state").textContent())
        .isEqualTo("live");

    Path log = Files.createTempFile(DATA, "ffmpeg-", ".log");
    Process ffmpeg = publish(url, secret, log);
    try {
      // hls.js starts once the publisher wrote the playlist; then its clock must keep moving
      try {
        page.waitForFunction(
            "() => document.querySelector('#live').currentTime > 0.5",
            null,
            new Page.WaitForFunctionOptions().setTimeout(30_000));
      } catch (PlaywrightException e) {
        throw new AssertionError(
            "the player did not play: "
                + page.evaluate(
                    "() => { const v = document.querySelector('#live'); return JSON.stringify({"
                        + " status: document.querySelector('#player-status').textContent,"
                        + " fatal: v.dataset.fatal, ready: v.readyState, time: v.currentTime,"
                        + " error: v.error && v.error.code, src: v.currentSrc}); }")
                + "\nconsole: "
                + console
                + "\nffmpeg: "
                + read(log),
            e);
      }
      double before = (double) page.evaluate("() => document.querySelector('#live').currentTime");
      page.waitForTimeout(3_000);
      double after = (double) page.evaluate("() => document.querySelector('#live').currentTime");
      assertThat(after).as("playing live: currentTime advances").isGreaterThan(before + 1.5);
      assertThat(page.locator("#live").getAttribute("data-fatal")).as("hls.js fatal").isNull();
      assertThat(ffmpeg.isAlive()).as(() -> "ffmpeg still publishing: " + read(log)).isTrue();

      page.click("#stop");
      page.locator("#state[data-state=stopped]").waitFor();
      page.locator("#broadcasts tr[data-id='" + id + "'] .state-stopped").waitFor();
      assertThat(page.locator("#settings dd").count()).as("no credentials after stop").isZero();
      assertThat(page.locator("#broadcasts tr[data-id='" + id + "'] button.open").count()).isZero();
    } finally {
      ffmpeg.destroy();
      if (!ffmpeg.waitFor(5, TimeUnit.SECONDS)) {
        ffmpeg.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    HttpResponse<String> playlist =
        http.send(request("/live/" + id + "/index.m3u8").GET().build(), ofString());
    assertThat(playlist.statusCode()).isEqualTo(200);
    assertThat(playlist.body()).contains("#EXTINF").contains("#EXT-X-ENDLIST");
    assertThat(policyViolations).isEmpty();
  }

  /** ffmpeg publishing a live test pattern and tone to the URL; never ends the playlist itself. */
  static Process publish(String url, String secret, Path log) throws Exception {
    return new ProcessBuilder(
            FFMPEG.toString(),
            "-hide_banner",
            "-nostdin",
            "-loglevel",
            "warning",
            "-re",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x180:rate=25",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440",
            "-t",
            "45",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-tune",
            "zerolatency",
            "-g",
            "25",
            "-c:a",
            "aac",
            "-f",
            "hls",
            "-hls_time",
            "1",
            "-hls_list_size",
            "6",
            // the end of the playlist must come from Stop, not from ffmpeg
            "-hls_flags",
            "omit_endlist",
            "-method",
            "PUT",
            "-headers",
            "Authorization: Bearer " + secret + "\r\n",
            url)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
