package io.videokit.core.stream;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.core.storage.LocalMediaStorage;
import io.videokit.core.storage.MediaObject;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Issue 7: stored files must never run as active content on the application's origin. A table of
 * stored files (dangerous documents, a lying extension, media) × every kind of answer.
 */
class RangeStreamerUntrustedFilesTest {

  private static final String CSP = "Content-Security-Policy";
  private static final Pattern PART_TYPE = Pattern.compile("\r\nContent-Type: ([^\r]*)\r\n");

  @TempDir Path temp;

  private final RangeStreamer streamer = RangeStreamer.defaults();

  /** What a stored file is, and the type it may be served inline with (null: a download). */
  record StoredFile(String name, byte[] bytes, @Nullable String inlineType) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The kinds of answer every file is checked in. */
  enum Answer {
    FULL_GET,
    SINGLE_RANGE,
    MULTIPART,
    HEAD,
    NOT_MODIFIED,
    NOT_SATISFIABLE
  }

  static List<StoredFile> files() {
    String html = "<!doctype html><html><body><script>fetch('/api/me')</script></body></html>\n";
    return List.of(
        new StoredFile(
            "evil.svg",
            text(
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>fetch('/api/me')</script></svg>"),
            null),
        new StoredFile("page.html", text(html), null),
        new StoredFile(
            "page.xhtml",
            text(
                "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body>"
                    + "<script>alert(1)</script></body></html>"),
            null),
        new StoredFile(
            "data.xml",
            text("<?xml version=\"1.0\"?><?xml-stylesheet href=\"#\"?><root>x</root>"),
            null),
        new StoredFile("app.js", text("fetch('/api/me').then(r => r.text());\n"), null),
        new StoredFile(
            "doc.pdf", text("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"), null),
        new StoredFile("lies.mp4", text(html), null),
        new StoredFile("noextension", text(html), null),
        new StoredFile("clip.mp4", mp4(), "video/mp4"),
        new StoredFile("clip.webm", webm(), "video/webm"),
        new StoredFile("song.mp3", mp3(), "audio/mpeg"),
        new StoredFile(
            "list.m3u8",
            text(
                "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nseg0.ts\n"
                    + "#EXT-X-ENDLIST\n"),
            "application/vnd.apple.mpegurl"),
        new StoredFile("seg0.ts", transportStream(), "video/mp2t"),
        new StoredFile(
            "subs.vtt", text("WEBVTT\n\n00:00.000 --> 00:01.000\nhello\n\n"), "text/vtt"));
  }

  static Stream<Arguments> table() {
    List<Arguments> rows = new ArrayList<>();
    for (StoredFile file : files()) {
      for (Answer answer : Answer.values()) {
        rows.add(Arguments.of(file, answer));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("table")
  void everyAnswerIsSandboxedAndOnlyAllowedMediaIsInline(StoredFile file, Answer answer)
      throws Exception {
    MediaObject media = store(file);
    MockHttpServletRequest request = request(answer, media);
    MockHttpServletResponse response = new MockHttpServletResponse();

    streamer.stream(request, response, media);

    assertThat(response.getHeader(CSP)).contains("sandbox").contains("default-src 'none'");
    assertThat(response.getHeader(CSP)).isEqualTo(ServedMedia.CONTENT_SECURITY_POLICY);
    assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    switch (answer) {
      case NOT_MODIFIED -> assertThat(response.getStatus()).isEqualTo(304);
      case NOT_SATISFIABLE -> {
        assertThat(response.getStatus()).isEqualTo(416);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
      }
      case MULTIPART -> {
        assertThat(response.getStatus()).isEqualTo(206);
        assertThat(response.getContentType()).startsWith("multipart/byteranges; boundary=");
        List<String> partTypes = partTypes(response.getContentAsByteArray());
        assertThat(partTypes).hasSize(2);
        assertThat(partTypes)
            .allMatch(t -> t.equals(file.inlineType() == null ? "application/octet-stream" : t));
        if (file.inlineType() != null) {
          assertThat(partTypes).containsOnly(file.inlineType());
          assertThat(response.getHeader("Content-Disposition")).isNull();
        } else {
          assertThat(response.getHeader("Content-Disposition")).startsWith("attachment;");
        }
      }
      default -> {
        assertThat(response.getStatus()).isEqualTo(answer == Answer.SINGLE_RANGE ? 206 : 200);
        if (file.inlineType() != null) {
          assertThat(response.getContentType()).isEqualTo(file.inlineType());
          assertThat(response.getHeader("Content-Disposition")).isNull();
        } else {
          assertThat(response.getContentType()).isEqualTo("application/octet-stream");
          assertThat(response.getHeader("Content-Disposition"))
              .isEqualTo("attachment; filename=\"" + file.name() + "\"");
        }
      }
    }
  }

  @Test
  void aDownloadKeepsItsBytes() throws Exception {
    StoredFile svg = files().get(0);
    MockHttpServletResponse response = new MockHttpServletResponse();

    streamer.stream(request(Answer.FULL_GET, store(svg)), response, store(svg));

    assertThat(response.getContentAsByteArray()).isEqualTo(svg.bytes());
  }

  @Test
  void nonAsciiNamesGetAnAsciiFallbackAndAnRfc8187FilenameStar() {
    assertThat(ServedMedia.attachment("vidéo \"x\"\r\n.svg"))
        .isEqualTo(
            "attachment; filename=\"vid_o _x___.svg\"; filename*=UTF-8''vid%C3%A9o%20%22x%22%0D%0A.svg");
    assertThat(ServedMedia.attachment("😀.html"))
        .isEqualTo("attachment; filename=\"_.html\"; filename*=UTF-8''%F0%9F%98%80.html");
    assertThat(ServedMedia.attachment("..")).startsWith("attachment; filename=\"download\"");
  }

  @Test
  void aFileChangedToHtmlUnderTheSameNameIsNoLongerInline() throws Exception {
    StoredFile real = new StoredFile("swap.mp4", mp4(), "video/mp4");
    MediaObject before = store(real);
    MockHttpServletResponse first = new MockHttpServletResponse();
    streamer.stream(request(Answer.FULL_GET, before), first, before);
    assertThat(first.getContentType()).isEqualTo("video/mp4");

    Path file = temp.resolve("media").resolve("swap.mp4");
    Files.write(file, text("<html><script>alert(1)</script></html>"));
    Files.setLastModifiedTime(
        file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
    MediaObject after = new LocalMediaStorage(temp.resolve("media")).get("swap.mp4");
    MockHttpServletResponse second = new MockHttpServletResponse();
    streamer.stream(request(Answer.FULL_GET, after), second, after);

    assertThat(second.getContentType()).isEqualTo("application/octet-stream");
  }

  // --- fixtures

  private MediaObject store(StoredFile file) throws Exception {
    LocalMediaStorage storage = new LocalMediaStorage(temp.resolve("media"));
    Path path = storage.root().resolve(file.name());
    Files.write(path, file.bytes());
    return storage.get(file.name());
  }

  private static MockHttpServletRequest request(Answer answer, MediaObject media) {
    MockHttpServletRequest request =
        new MockHttpServletRequest(answer == Answer.HEAD ? "HEAD" : "GET", "/media");
    switch (answer) {
      case SINGLE_RANGE -> request.addHeader("Range", "bytes=0-9");
      case MULTIPART -> request.addHeader("Range", "bytes=0-4,10-14");
      case NOT_MODIFIED -> request.addHeader("If-None-Match", media.etag());
      case NOT_SATISFIABLE -> request.addHeader("Range", "bytes=" + (media.size() + 10) + "-");
      default -> {}
    }
    return request;
  }

  private static List<String> partTypes(byte[] body) {
    Matcher matcher = PART_TYPE.matcher(new String(body, ISO_8859_1));
    List<String> types = new ArrayList<>();
    while (matcher.find()) {
      types.add(matcher.group(1));
    }
    return types;
  }

  private static byte[] text(String text) {
    return text.getBytes(UTF_8);
  }

  /** An ISO base media file: {@code ftyp} (isom) then padding, as ffmpeg writes it. */
  private static byte[] mp4() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        HexFormat.of()
            .parseHex("000000206674797069736f6d0000020069736f6d69736f32617663316d703431"));
    out.writeBytes(HexFormat.of().parseHex("0000000866726565"));
    out.writeBytes(new byte[2048]);
    return out.toByteArray();
  }

  /** An EBML header with DocType {@code webm}. */
  private static byte[] webm() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        HexFormat.of()
            .parseHex("1a45dfa39f4286810142f7810142f2810442f381084282847765626d4287810242858102"));
    out.writeBytes(new byte[2048]);
    return out.toByteArray();
  }

  /** An ID3v2 tag, then MPEG audio frame headers. */
  private static byte[] mp3() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("ID3".getBytes(US_ASCII));
    out.writeBytes(HexFormat.of().parseHex("03000000000000"));
    for (int i = 0; i < 8; i++) {
      out.writeBytes(HexFormat.of().parseHex("fffb9064"));
      out.writeBytes(new byte[413]);
    }
    return out.toByteArray();
  }

  /** MPEG-TS: 188-byte packets starting with the sync byte 0x47. */
  private static byte[] transportStream() {
    byte[] bytes = new byte[188 * 12];
    for (int i = 0; i < bytes.length; i += 188) {
      bytes[i] = 0x47;
      bytes[i + 1] = 0x40;
      bytes[i + 3] = 0x10;
    }
    return bytes;
  }
}
