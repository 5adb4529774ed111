package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.videokit.cloudflare.fake.FakeCloudflareStream;
import io.videokit.cloudflare.fake.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The reference page in Cloudflare mode, in headless Chromium: log in, pick a file, and the page's
 * own tus client creates the upload through the proxy, sends the bytes cross-origin to the (fake)
 * Cloudflare URL without credentials, shares the uid, and lists the video until it is ready with
 * its MP4 download; its watch page offers the HLS stream. Slow: runs in the {@code browser}
 * profile.
 */
@Tag("browser")
class CloudflareBrowserTest {

  static CloudflareTestServer server;
  static HeadlessChromium chromium;
  static Browser browser;

  @BeforeAll
  static void launch() throws Exception {
    server = CloudflareTestServer.start("h2");
    chromium = HeadlessChromium.launch();
    browser = chromium.browser();
  }

  @AfterAll
  static void close() {
    if (chromium != null) {
      chromium.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void pageUploadsToCloudflareSharesAndListsTheVideoUntilItsDownloadIsReady() throws Exception {
    FakeCloudflareStream cloudflare = server.cloudflare;
    byte[] bytes = new byte[3 * 1024 * 1024 + 5];
    new Random(7).nextBytes(bytes);
    Path file = Files.createTempDirectory("videokit-browser-").resolve("holiday.mp4");
    Files.write(file, bytes);
    Page page = browser.newPage();
    page.setDefaultTimeout(60_000);
    page.navigate(server.uri("/login").toString());
    page.fill("input[name=username]", ServerTestSupport.ALICE);
    page.fill("input[name=password]", ServerTestSupport.PASSWORD);
    page.click("button[type=submit]");
    page.waitForURL(server.uri("/").toString());
    page.locator("#title-label:visible").waitFor();

    page.fill("#title", "Holiday in the browser");
    // the page wires the upload form after asking /api/me: pick the file only then
    page.locator("body[data-ready]").waitFor();
    page.setInputFiles("#file", file);
    Locator status = page.locator("#status[data-uid]");
    status.waitFor();
    String uid = status.getAttribute("data-uid");
    Locator row = page.locator("#shared tr[data-uid='" + uid + "']");
    row.locator(".state-ready").waitFor();
    row.locator("a.download").waitFor();

    assertThat(page.locator("#shared-section").isVisible()).isTrue();
    assertThat(page.locator("#bar").getAttribute("data-pct")).isEqualTo("100.0");
    assertThat(row.locator("td").first().textContent()).isEqualTo("Holiday in the browser");
    assertThat(cloudflare.uploadedSha256(uid)).hasValue(TestVideos.sha256(bytes));
    RecordedRequest creation =
        cloudflare.requests().stream()
            .filter(r -> r.method().equals("POST") && r.path().endsWith("/stream"))
            .findFirst()
            .orElseThrow();
    assertThat(creation.header("Upload-Creator")).hasValue(ServerTestSupport.ALICE);
    // the same metadata as for uploads to this server: the title as name, the file's name and type
    assertThat(creation.header("Upload-Metadata").orElseThrow().split(","))
        .contains(
            "name " + base64("Holiday in the browser"),
            "filename " + base64("holiday.mp4"),
            "filetype " + base64("video/mp4"));
    List<RecordedRequest> patches =
        cloudflare.requests().stream()
            .filter(r -> r.method().equals("PATCH") && r.path().equals("/tus/" + uid))
            .toList();
    assertThat(patches).as("one chunk: the file is smaller than 50 MiB").hasSize(1);
    assertThat(patches.get(0).bodyLength()).isEqualTo(bytes.length);
    assertThat(patches.get(0).header("Cookie")).as("no credentials go to Cloudflare").isEmpty();
    assertThat(patches.get(0).header("Origin")).hasValue("http://127.0.0.1:" + server.port);

    // the watch page plays the HLS manifest where the browser can, else links to it
    row.locator("a.watch").click();
    page.waitForURL("**/watch.html?id=*");
    page.locator("#details a.hls, #player[src]").first().waitFor();
    assertThat(page.locator("#title").textContent()).isEqualTo("Holiday in the browser");
    boolean nativeHls =
        (Boolean)
            page.evaluate(
                "() => document.querySelector('#player')"
                    + ".canPlayType('application/vnd.apple.mpegurl') !== ''");
    String hls =
        nativeHls
            ? page.locator("#player").getAttribute("src")
            : page.locator("#details a.hls").getAttribute("href");
    assertThat(hls).contains(cloudflare.customerHost(), uid, ".m3u8");
    assertThat(page.locator("header nav a[href='/']").isVisible()).isTrue();
    cloudflare.assertNoSchemaViolations();
  }
}
