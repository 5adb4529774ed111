package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Swagger UI in headless Chromium under the pages' Content-Security-Policy: it renders videokit's
 * operations (the tus operations, the Django-compatible tag) and the browser reports no CSP
 * violation. Slow: runs in the {@code browser} profile.
 */
@Tag("browser")
class SwaggerUiBrowserTest extends ServerTestSupport {

  @Test
  void swaggerUiRendersUnderThePagePolicy() throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.launch();
        BrowserContext context = chromium.browser().newContext()) {
      Page page = context.newPage();
      page.setDefaultTimeout(60_000);
      List<String> console = new ArrayList<>();
      page.onConsoleMessage(message -> console.add(message.type() + ": " + message.text()));
      page.navigate("http://127.0.0.1:" + port + "/swagger-ui.html");
      page.locator(".opblock-summary-path").first().waitFor();
      String text = page.locator("#swagger-ui").innerText();
      assertThat(text)
          .contains(
              "tus 1.0.0 uploads", "Django-compatible", "/api/uploads/{id}", "/stream/start/");
      assertThat(console).noneMatch(line -> line.contains("Content Security Policy"));
    }
  }
}
