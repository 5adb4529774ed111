package io.videokit.core.tus;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Requests and assertions shared by the tus handler tests that drive creation and limits. */
final class TusRequests {

  static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";

  private TusRequests() {}

  static MockHttpServletRequest tus(String method, String id) {
    MockHttpServletRequest request =
        new MockHttpServletRequest(method, id == null ? "/uploads" : "/uploads/" + id);
    request.addHeader("Tus-Resumable", "1.0.0");
    return request;
  }

  static MockHttpServletRequest creation(long length) {
    MockHttpServletRequest request = tus("POST", null);
    request.addHeader("Upload-Length", Long.toString(length));
    return request;
  }

  static MockHttpServletRequest deferredCreation() {
    MockHttpServletRequest request = tus("POST", null);
    request.addHeader("Upload-Defer-Length", "1");
    return request;
  }

  /** A creation whose first chunk travels with the POST (creation-with-upload). */
  static MockHttpServletRequest withBody(MockHttpServletRequest request, byte[] body) {
    request.setContentType(OFFSET_OCTET_STREAM);
    request.setContent(body);
    return request;
  }

  static MockHttpServletRequest patch(String id, long offset, byte[] body) {
    MockHttpServletRequest request = tus("PATCH", id);
    request.addHeader("Upload-Offset", Long.toString(offset));
    return withBody(request, body);
  }

  /** A PATCH whose body length is not declared (chunked transfer coding). */
  static MockHttpServletRequest chunkedPatch(String id, long offset, byte[] body) {
    MockHttpServletRequest request = chunked("PATCH", "/uploads/" + id);
    request.addHeader("Tus-Resumable", "1.0.0");
    request.addHeader("Upload-Offset", Long.toString(offset));
    return withBody(request, body);
  }

  /** A request of unknown body length (chunked transfer coding). */
  static MockHttpServletRequest chunked(String method, String uri) {
    MockHttpServletRequest request =
        new MockHttpServletRequest(method, uri) {
          @Override
          public int getContentLength() {
            return -1;
          }

          @Override
          public long getContentLengthLong() {
            return -1;
          }
        };
    request.addHeader("Transfer-Encoding", "chunked");
    return request;
  }

  /**
   * {@code template}'s method, URI and headers, with {@code body} as its body and {@code
   * contentLength} as its declared length (-1: undeclared, as with chunked transfer coding).
   */
  static MockHttpServletRequest streaming(
      MockHttpServletRequest template, InputStream body, long contentLength) {
    MockHttpServletRequest request =
        new MockHttpServletRequest(template.getMethod(), template.getRequestURI()) {
          @Override
          public ServletInputStream getInputStream() {
            return new DelegatingServletInputStream(body);
          }

          @Override
          public int getContentLength() {
            return (int) Math.min(contentLength, Integer.MAX_VALUE);
          }

          @Override
          public long getContentLengthLong() {
            return contentLength;
          }
        };
    template
        .getHeaderNames()
        .asIterator()
        .forEachRemaining(name -> request.addHeader(name, template.getHeader(name)));
    if (contentLength >= 0) {
      request.addHeader("Content-Length", Long.toString(contentLength));
    }
    request.setContentType(template.getContentType());
    return request;
  }

  /**
   * {@code body}, read in pieces that stop at byte {@code at}; {@code hook} runs once, when the
   * reader first asks for the bytes from {@code at} on.
   */
  static InputStream hookedAt(byte[] body, int at, Runnable hook) {
    return new ByteArrayInputStream(body) {
      private boolean ran;

      @Override
      public synchronized int read() {
        runHookAt();
        return super.read();
      }

      @Override
      public synchronized int read(byte[] b, int off, int len) {
        runHookAt();
        return super.read(b, off, pos < at ? Math.min(len, at - pos) : len);
      }

      private void runHookAt() {
        if (pos == at && !ran) {
          ran = true;
          hook.run();
        }
      }
    };
  }

  static MockHttpServletRequest finalCreation(String... partIds) {
    MockHttpServletRequest request = tus("POST", null);
    StringBuilder urls = new StringBuilder();
    for (String id : partIds) {
      urls.append(urls.isEmpty() ? "" : " ").append("http://localhost/uploads/").append(id);
    }
    request.addHeader("Upload-Concat", "final;" + urls);
    return request;
  }

  static MockHttpServletResponse handle(
      TusHandler handler, MockHttpServletRequest request, String id, TusCaller caller)
      throws IOException {
    MockHttpServletResponse response = new MockHttpServletResponse();
    handler.handle(request, response, id, caller);
    return response;
  }

  static String idOf(MockHttpServletResponse response) {
    String location = response.getHeader("Location");
    assertThat(location).as("Location").isNotNull();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  static String problemType(MockHttpServletResponse response) {
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    Map<?, ?> problem =
        JsonMapper.builder().build().readValue(response.getContentAsByteArray(), Map.class);
    assertThat(problem.get("status")).isEqualTo(response.getStatus());
    return (String) problem.get("type");
  }

  /** Every file in the upload directory: what a refused creation must not leave behind. */
  static List<String> files(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    for (int i = 0; i < count; i++) {
      bytes[i] = (byte) ('a' + i % 26);
    }
    return bytes;
  }

  static byte[] text(String value) {
    return value.getBytes(UTF_8);
  }
}
