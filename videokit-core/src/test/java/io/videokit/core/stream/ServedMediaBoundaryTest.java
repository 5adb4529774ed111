package io.videokit.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.core.storage.MediaObject;
import io.videokit.core.storage.MediaTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Boundaries of {@link ServedMedia} found by mutation testing (docs/mutation-testing.md): the
 * characters at the edges of RFC 8187's attr-char ranges, the sniffed range of small and empty
 * objects (which must stay inside the object), and the bounded memory of labels.
 */
class ServedMediaBoundaryTest {

  /** Above the memory's bound of 4096 labels. */
  private static final int MANY = 4097;

  @Test
  void charactersAtTheEdgesOfTheAttrCharRangesAreKeptInFilenameStar() {
    String disposition = ServedMedia.attachment("aAzZ09!é");

    assertThat(disposition).endsWith("; filename*=UTF-8''aAzZ09!%C3%A9");
  }

  @Test
  void charactersJustOutsideTheAttrCharRangesArePercentEncoded() {
    String disposition = ServedMedia.attachment("@[/:{é");

    assertThat(disposition).endsWith("; filename*=UTF-8''%40%5B%2F%3A%7B%C3%A9");
  }

  @Test
  void deleteCharacterIsReplacedInTheAsciiFilename() {
    assertThat(ServedMedia.attachment("a\u007fb")).startsWith("attachment; filename=\"a_b\"");
  }

  @Test
  void emptyObjectIsLabelledWithoutReadingABody() throws IOException {
    Fake empty = new Fake("clip.mp4", "e", "video/mp4", new byte[0]);

    new ServedMedia().label(empty);

    assertThat(empty.opened.get()).isZero();
  }

  @Test
  void objectSmallerThanTheSniffLengthIsReadWithinItsBounds() throws IOException {
    Fake small = new Fake("clip.mp4", "e", "video/mp4", mp4Head(100));

    new ServedMedia().label(small);

    assertThat(small.opened.get()).isEqualTo(1);
  }

  @Test
  void objectLargerThanTheSniffLengthIsReadOnlyUpToTheSniffLength() throws IOException {
    Fake large = new Fake("clip.mp4", "e", "video/mp4", mp4Head(MediaTypes.SNIFF_LENGTH + 100));

    new ServedMedia().label(large);

    assertThat(large.lastRequested).isEqualTo(MediaTypes.SNIFF_LENGTH - 1);
  }

  @Test
  void labelIsRememberedWhileOtherObjectsAreLabelled() throws IOException {
    ServedMedia labels = new ServedMedia();
    Fake first = download("a.bin");

    labels.label(first);
    labels.label(download("b.bin"));
    labels.label(first);

    assertThat(first.decided.get()).isEqualTo(1);
  }

  @Test
  void memoryIsEmptiedOnceItHoldsItsBoundOfLabels() throws IOException {
    ServedMedia labels = new ServedMedia();
    Fake first = download("0.bin");
    labels.label(first);
    for (int i = 1; i < MANY; i++) {
      labels.label(download(i + ".bin"));
    }

    labels.label(first);

    assertThat(first.decided.get()).isEqualTo(2);
  }

  @Test
  void downloadLabelIsNotInline() {
    assertThat(ServedMedia.Label.download("clip.svg").inline()).isFalse();
  }

  @Test
  void labelWithoutADispositionIsInline() {
    assertThat(new ServedMedia.Label("video/mp4", null).inline()).isTrue();
  }

  // --- helpers

  private static Fake download(String key) {
    return new Fake(key, "e", MediaTypes.OCTET_STREAM, new byte[1]);
  }

  /** The start of an ISO BMFF file ({@code ftyp isom}), padded to {@code size} bytes. */
  private static byte[] mp4Head(int size) {
    byte[] head = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0};
    return Arrays.copyOf(head, size);
  }

  /** An object that keeps the {@link MediaObject#openRange} contract strictly and counts use. */
  private static final class Fake implements MediaObject {
    private final String key;
    private final String etag;
    private final String contentType;
    private final byte[] bytes;
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger decided = new AtomicInteger();
    long lastRequested = -1;

    Fake(String key, String etag, String contentType, byte[] bytes) {
      this.key = key;
      this.etag = etag;
      this.contentType = contentType;
      this.bytes = bytes;
    }

    @Override
    public String key() {
      return key;
    }

    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public Instant lastModified() {
      return Instant.EPOCH;
    }

    @Override
    public String etag() {
      return etag;
    }

    @Override
    public String contentType() {
      decided.incrementAndGet(); // read once per decision, not on a remembered label
      return contentType;
    }

    @Override
    public InputStream openRange(long first, long last) throws IOException {
      if (first < 0 || last < first || last >= bytes.length) {
        throw new IOException(
            "range " + first + "-" + last + " outside " + bytes.length + " bytes");
      }
      opened.incrementAndGet();
      lastRequested = last;
      return new ByteArrayInputStream(bytes, (int) first, (int) (last - first + 1));
    }
  }
}
