package io.videokit.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte by byte over a socket, for requests that {@code java.net.http} and other
 * clients refuse to send (header bytes outside ASCII, over-long request lines). One request per
 * connection ({@code Connection: close}); the answer is read to the end of the stream.
 */
final class RawHttp {

  private RawHttp() {}

  /** A parsed answer: status, headers with lower-case names (last one wins), decoded body. */
  record Answer(int status, Map<String, String> headers, byte[] body) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      String type = header("Content-Type");
      boolean textual = type != null && (type.contains("json") || type.startsWith("text/"));
      return status
          + " "
          + type
          + " ("
          + body.length
          + " bytes)"
          + (textual ? ": " + abbreviate(text()) : "");
    }

    private static String abbreviate(String s) {
      return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
  }

  /** Builds the bytes of one request. */
  static final class Request {
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private byte[] body = new byte[0];

    Request(String method, String target) {
      ascii(method + " " + target + " HTTP/1.1\r\n");
    }

    /** Adds a header whose value is given as raw bytes (sent exactly as they are). */
    Request header(String name, byte[] value) {
      ascii(name + ": ");
      head.writeBytes(value);
      ascii("\r\n");
      return this;
    }

    Request header(String name, String asciiValue) {
      return header(name, asciiValue.getBytes(StandardCharsets.US_ASCII));
    }

    Request body(byte[] bytes) {
      this.body = bytes.clone();
      return this;
    }

    private void ascii(String text) {
      head.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    byte[] bytes(int port) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      all.writeBytes(head.toByteArray());
      all.writeBytes(
          ("Host: 127.0.0.1:" + port + "\r\nConnection: close\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      if (body.length > 0) {
        all.writeBytes(
            ("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      }
      all.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      all.writeBytes(body);
      return all.toByteArray();
    }

    Answer send(int port) throws IOException {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(bytes(port));
        out.flush();
        return parse(socket.getInputStream(), "HEAD".equals(method()));
      }
    }

    private String method() {
      byte[] bytes = head.toByteArray();
      int space = 0;
      while (space < bytes.length && bytes[space] != ' ') {
        space++;
      }
      return new String(bytes, 0, space, StandardCharsets.US_ASCII);
    }
  }

  static Answer parse(InputStream in, boolean head) throws IOException {
    byte[] all = in.readAllBytes();
    int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
    if (end < 0) {
      throw new IOException("no complete response head in " + all.length + " bytes");
    }
    String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
    }
    byte[] rest = Arrays.copyOfRange(all, end + 4, all.length);
    if (head) {
      return new Answer(status, headers, new byte[0]);
    }
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      rest = dechunk(rest);
    } else if (headers.containsKey("content-length")) {
      int length = Integer.parseInt(headers.get("content-length"));
      if (rest.length < length) {
        throw new IOException("body ended after " + rest.length + " of " + length + " bytes");
      }
      rest = Arrays.copyOf(rest, length);
    }
    return new Answer(status, headers, rest);
  }

  private static byte[] dechunk(byte[] chunked) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int position = 0;
    byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
    while (true) {
      int lineEnd = indexOf(chunked, crlf, position);
      if (lineEnd < 0) {
        throw new IOException("truncated chunked body");
      }
      String sizeText =
          new String(chunked, position, lineEnd - position, StandardCharsets.US_ASCII);
      int size = Integer.parseInt(sizeText.split(";", 2)[0].strip(), 16);
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(chunked, lineEnd + 2, size);
      position = lineEnd + 2 + size + 2;
    }
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
