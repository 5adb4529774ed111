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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The login page and the staff page's charts in headless Chromium: the login page is styled as the
 * app (its header, its stylesheet) and a wrong password says so; after a video is watched the three
 * charts draw (pixels on their canvases) exactly the numbers of {@code /api/watch-stats}; a plain
 * user's staff page has no charts. Screenshots of the main pages at 1280x800 go to {@code
 * docs/screenshots/} (shown in the README). Slow: runs in the {@code browser} profile.
 */
@Tag("browser")
class ChartsAndLoginBrowserTest extends ServerTestSupport {

  /** The README's screenshots, from the module directory. */
  static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");

  static HeadlessChromium chromium;
  static Browser browser;
  final JsonMapper json = JsonMapper.builder().build();

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
  void theLoginPageIsStyledAsTheAppAndAWrongPasswordSaysSo() throws Exception {
    Files.createDirectories(SCREENSHOTS);
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      page.navigate(uri("/login").toString());
      page.locator("body[data-ready]").waitFor();
      assertThat(page.locator("header nav a[href='/']").isVisible()).isTrue();
      assertThat(page.locator("header nav a[href='/broadcasts.html']").isVisible()).isTrue();
      assertThat(
              page.evaluate(
                  "() => getComputedStyle(document.querySelector('header')).backgroundColor"))
          .as("app.css applies")
          .isEqualTo("rgb(22, 33, 62)");
      assertThat(page.locator("#login-message").isVisible()).isFalse();
      assertThat(page.locator("#login").getAttribute("aria-current")).isEqualTo("page");
      screenshot(page, "login");

      page.fill("input[name=username]", ALICE);
      page.fill("input[name=password]", "wrong-password");
      page.click("button[type=submit]");
      page.waitForURL("**/login?error");
      page.locator("#login-message:not([hidden])").waitFor();
      assertThat(page.locator("#login-message").textContent())
          .isEqualTo("Wrong user name or password.");
      assertThat(page.locator("#login-message").getAttribute("class")).isEqualTo("status-error");
      assertThat(page.locator("#login").textContent()).isEqualTo("Log in");

      page.fill("input[name=username]", ALICE);
      page.fill("input[name=password]", PASSWORD);
      page.click("button[type=submit]");
      page.waitForURL(uri("/").toString());
      page.locator("#who:not(:empty)").waitFor();
      assertThat(page.locator("#who").textContent()).isEqualTo(ALICE);
      assertThat(page.locator("#staff-link").isVisible()).as("alice is no staff").isFalse();
      // a plain user's staff page: no charts, the table says staff only
      page.navigate(uri("/staff.html").toString());
      page.locator("#sessions-status:not(:empty)").waitFor();
      assertThat(page.locator("#sessions-status").textContent()).isEqualTo("Staff only.");
      assertThat(page.locator("#charts-section").isVisible()).isFalse();

      page.navigate(uri("/logout").toString());
      page.locator("body[data-ready]").waitFor();
      assertThat(page.locator("#logout-question").textContent()).isEqualTo("Log out alice?");
      page.click("#logout-form button[type=submit]");
      page.waitForURL("**/login?logout");
      page.locator("#login-message:not([hidden])").waitFor();
      assertThat(page.locator("#login-message").textContent()).isEqualTo("You are logged out.");
    }
  }

  @Test
  void theStaffChartsDrawTheNumbersOfTheStatisticsEndpoint() throws Exception {
    Path video = TestVideos.mp4(DATA.resolve("Mountain_holiday.mp4"), 6, 640, 360);
    Files.createDirectories(SCREENSHOTS);
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      page.setDefaultTimeout(60_000);
      logIn(page, ADMIN);
      page.locator("body[data-ready]").waitFor();
      page.fill("#title", "Mountain holiday");
      page.setInputFiles("#file", video);
      String uid = page.locator("#status[data-uid]").getAttribute("data-uid");
      page.locator("tr[data-uid='" + uid + "'] .state-ready").waitFor();
      assertThat(page.locator("header nav a[href='/']").getAttribute("aria-current"))
          .isEqualTo("page");
      screenshot(page, "index");
      page.locator("tr[data-uid='" + uid + "'] a.watch").click();
      page.waitForFunction("() => document.querySelector('#player').readyState >= 1");
      page.evaluate(
          "async () => { const v = document.querySelector('#player'); v.muted = true;"
              + " await v.play(); await new Promise(r => setTimeout(r, 1500)); v.pause(); }");
      screenshot(page, "watch");
      // a second family of viewers
      http.send(
          request("/api/videos/" + uid + "/file")
              .header("User-Agent", "curl/8.5.0")
              .header("Range", "bytes=0-4095")
              .build(),
          HttpResponse.BodyHandlers.discarding());
      await() // watch sessions are flushed every few seconds
          .atMost(Duration.ofSeconds(30))
          .until(() -> {
            JsonNode stats = stats();
            long sessions = 0;
            for (JsonNode top : stats.path("topVideos")) {
              if (top.path("uid").asString().equals(uid)) {
                sessions = top.path("views").asLong();
              }
            }
            return sessions >= 2;
          });

      page.navigate(uri("/staff.html").toString());
      page.locator("body[data-charts-ready]").waitFor();
      page.locator("#sessions tbody tr").first().waitFor();
      JsonNode drawn =
          json.readTree(
              (String)
                  page.evaluate(
                      "async () => {"
                          + " const api = await (await fetch('/api/watch-stats?days=14&top=5',"
                          + "   { headers: { Accept: 'application/json' } })).json();"
                          + " const chart = (id) => Chart.getChart(document.getElementById(id));"
                          + " const inked = (id) => { const c = document.getElementById(id);"
                          + "   const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                          + "   let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;"
                          + "   return n; };"
                          + " const days = chart('chart-days'), top = chart('chart-top'),"
                          + "   agents = chart('chart-agents');"
                          + " return JSON.stringify({ api,"
                          + "   dayViews: days.data.datasets[0].data, dayMib: days.data.datasets[1].data,"
                          + "   topLabels: top.data.labels, topViews: top.data.datasets[0].data,"
                          + "   agentLabels: agents.data.labels, agentViewers: agents.data.datasets[0].data,"
                          + "   ink: ['chart-days', 'chart-top', 'chart-agents'].map(inked),"
                          + "   bars: days.getDatasetMeta(0).data.length,"
                          + "   slices: agents.getDatasetMeta(0).data.length });"
                          + "}"));
      JsonNode api = drawn.path("api");
      assertThat(longs(drawn.path("dayViews"))).isEqualTo(longs(api.path("days"), "views"));
      List<Long> mib = new ArrayList<>();
      for (JsonNode day : api.path("days")) {
        mib.add(Math.round(day.path("bytes").asLong() / 1048576.0 * 100));
      }
      List<Long> drawnMib = new ArrayList<>();
      drawn.path("dayMib").forEach(v -> drawnMib.add(Math.round(v.asDouble() * 100)));
      assertThat(drawnMib).isEqualTo(mib);
      assertThat(last(longs(drawn.path("dayViews")))).as("today's views").isGreaterThanOrEqualTo(2);
      assertThat(strings(drawn.path("topLabels"))).contains("Mountain holiday");
      assertThat(longs(drawn.path("topViews"))).isEqualTo(longs(api.path("topVideos"), "views"));
      assertThat(strings(drawn.path("agentLabels")))
          .isEqualTo(strings(api.path("userAgents"), "family"))
          .contains("Chrome", "curl");
      assertThat(longs(drawn.path("agentViewers")))
          .isEqualTo(longs(api.path("userAgents"), "viewers"));
      assertThat(drawn.path("bars").asInt()).isEqualTo(14);
      assertThat(drawn.path("slices").asInt()).isEqualTo(api.path("userAgents").size());
      drawn
          .path("ink")
          .forEach(ink -> assertThat(ink.asInt()).as("pixels drawn").isGreaterThan(2000));
      screenshot(page, "staff");

      page.navigate(uri("/broadcasts.html").toString());
      page.locator("#who:not(:empty)").waitFor();
      assertThat(page.locator("#staff-link").isVisible()).isTrue();
      assertThat(page.locator("#login").textContent()).isEqualTo("Log out");
      page.waitForTimeout(500);
      screenshot(page, "broadcasts");
    }
  }

  private BrowserContext newContext() {
    return browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
  }

  private JsonNode stats() throws Exception {
    HttpResponse<String> response =
        http.send(
            request("/api/watch-stats?days=14&top=50")
                .header("Authorization", basic(ADMIN))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return json.readTree(response.body());
  }

  private void logIn(Page page, String user) {
    page.navigate(uri("/login").toString());
    page.locator("body[data-ready]").waitFor();
    page.fill("input[name=username]", user);
    page.fill("input[name=password]", PASSWORD);
    page.click("button[type=submit]");
    page.waitForURL(uri("/").toString());
  }

  private static void screenshot(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asLong()));
    return values;
  }

  private static List<Long> longs(JsonNode array, String field) {
    List<Long> values = new ArrayList<>();
    array.forEach(v -> values.add(v.path(field).asLong()));
    return values;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asString()));
    return values;
  }

  private static List<String> strings(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.path(field).asString()));
    return values;
  }

  private static long last(List<Long> values) {
    return values.get(values.size() - 1);
  }
}
