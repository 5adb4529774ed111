package io.videokit.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LocalMediaStorageTest {

  private static final Instant MTIME = Instant.parse("2024-01-05T10:00:00Z");

  @TempDir Path temp;

  private Path root;
  private Path outside;
  private LocalMediaStorage storage;
  private byte[] clip;

  @BeforeEach
  void setUp() throws IOException {
    root = temp.resolve("media");
    outside = Files.createDirectories(temp.resolve("outside"));
    storage = new LocalMediaStorage(root);
    clip = randomBytes(10_000);
    Path file = Files.createDirectories(root.resolve("videos")).resolve("clip.mp4");
    Files.write(file, clip);
    Files.setLastModifiedTime(file, FileTime.from(MTIME));
  }

  @Test
  void constructorCreatesTheRootDirectory() throws IOException {
    assertThat(root).isDirectory();
    assertThat(storage.root()).isEqualTo(root.toRealPath());
  }

  @Test
  void theObjectCarriesItsCanonicalKeyWhateverLinkLedToIt() throws Exception {
    Files.createSymbolicLink(root.resolve("alias"), root.resolve("videos"));
    Files.createDirectories(root.resolve("movies"));
    Files.createSymbolicLink(root.resolve("movies/link.mp4"), root.resolve("videos/clip.mp4"));

    assertThat(storage.get("videos/clip.mp4").key()).isEqualTo("videos/clip.mp4");
    assertThat(storage.get("alias/clip.mp4").key()).isEqualTo("videos/clip.mp4");
    assertThat(storage.get("movies/link.mp4").key()).isEqualTo("videos/clip.mp4");
  }

  @Test
  void getReportsSizeOfTheFile() throws Exception {
    assertThat(storage.get("videos/clip.mp4").size()).isEqualTo(10_000);
  }

  @Test
  void getReportsTheKey() throws Exception {
    assertThat(storage.get("videos/clip.mp4").key()).isEqualTo("videos/clip.mp4");
  }

  @Test
  void getReportsLastModifiedOfTheFile() throws Exception {
    assertThat(storage.get("videos/clip.mp4").lastModified()).isEqualTo(MTIME);
  }

  @Test
  void etagIsQuotedHexSizeAndModificationMillis() throws Exception {
    String expected =
        "\"" + Long.toHexString(10_000) + "-" + Long.toHexString(MTIME.toEpochMilli()) + "\"";

    assertThat(storage.get("videos/clip.mp4").etag()).isEqualTo(expected);
  }

  @Test
  void etagChangesWhenTheFileIsRewrittenWithTheSameSize() throws Exception {
    String before = storage.get("videos/clip.mp4").etag();
    Path file = root.resolve("videos/clip.mp4");
    Files.write(file, randomBytes(10_000));
    Files.setLastModifiedTime(file, FileTime.from(MTIME.plusSeconds(1)));

    assertThat(storage.get("videos/clip.mp4").etag()).isNotEqualTo(before);
  }

  @Test
  void contentTypeOfMp4IsVideoMp4() throws Exception {
    assertThat(storage.get("videos/clip.mp4").contentType()).isEqualTo("video/mp4");
  }

  @Test
  void contentTypeOfUnknownExtensionIsOctetStream() throws Exception {
    Files.write(root.resolve("videos/blob.zzqx"), new byte[] {1});

    assertThat(storage.get("videos/blob.zzqx").contentType()).isEqualTo(MediaTypes.OCTET_STREAM);
  }

  @Test
  void localFileIsTheRealPath() throws Exception {
    assertThat(storage.get("videos/clip.mp4").localFile())
        .contains(root.resolve("videos/clip.mp4").toRealPath());
  }

  @Test
  void openRangeReturnsExactlyTheRequestedBytes() throws Exception {
    MediaObject object = storage.get("videos/clip.mp4");

    try (InputStream in = object.openRange(100, 1099)) {
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(clip, 100, 1100));
    }
  }

  @Test
  void openRangeOfOneByteReturnsOneByte() throws Exception {
    MediaObject object = storage.get("videos/clip.mp4");

    try (InputStream in = object.openRange(9_999, 9_999)) {
      assertThat(in.readAllBytes()).containsExactly(clip[9_999]);
    }
  }

  @Test
  void openRangeOfTheWholeFileReturnsTheFile() throws Exception {
    MediaObject object = storage.get("videos/clip.mp4");

    try (InputStream in = object.openRange(0, 9_999)) {
      assertThat(in.readAllBytes()).isEqualTo(clip);
    }
  }

  @Test
  void openRangeStopsAtLastEvenWhenReadByteByByte() throws Exception {
    MediaObject object = storage.get("videos/clip.mp4");

    try (InputStream in = object.openRange(10, 12)) {
      assertThat(new int[] {in.read(), in.read(), in.read(), in.read()})
          .containsExactly(clip[10] & 0xff, clip[11] & 0xff, clip[12] & 0xff, -1);
    }
  }

  @Test
  void missingFileIsNotFound() {
    assertThatThrownBy(() -> storage.get("videos/missing.mp4"))
        .isInstanceOf(MediaNotFoundException.class);
  }

  static Stream<Named<String>> unsafeKeys() {
    return Stream.of(
            "../x",
            "a/../../x",
            "/etc/passwd",
            "..",
            ".",
            "./videos/clip.mp4",
            "videos/./clip.mp4",
            ".hidden",
            "videos/.hidden",
            "a//b",
            "a/b/",
            "a\\b",
            "..\\x",
            "C:x",
            "c:/x",
            "Z:\u2028x", // a drive whatever follows, line separators included
            "a\u0000b",
            "a\nb",
            "",
            "x".repeat(MediaKeys.MAX_LENGTH + 1))
        .map(key -> Named.of(displayable(key), key));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("unsafeKeys")
  void unsafeKeyIsRefusedEvenWhenTheFileExists(String key) throws IOException {
    // files that a naive resolver would serve for these keys
    Files.write(temp.resolve("x"), new byte[] {1});
    Files.write(root.resolve(".hidden"), new byte[] {1});
    Files.write(root.resolve("videos/.hidden"), new byte[] {1});
    Files.createDirectories(root.resolve("a"));
    Files.write(root.resolve("a/b"), new byte[] {1});
    Files.write(root.resolve("a\\b"), new byte[] {1});
    Files.write(root.resolve("C:x"), new byte[] {1});

    assertThatThrownBy(() -> storage.get(key)).isInstanceOf(MediaNotFoundException.class);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("unsafeKeys")
  void unsafeKeyCannotBeWritten(String key) {
    assertThatThrownBy(() -> storage.put(key, new ByteArrayInputStream(new byte[] {1})))
        .isInstanceOf(MediaNotFoundException.class);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("unsafeKeys")
  void unsafeKeyCannotBeDeleted(String key) {
    assertThatThrownBy(() -> storage.delete(key)).isInstanceOf(MediaNotFoundException.class);
  }

  @Test
  void traversalDoesNotWriteOutsideTheRoot() {
    assertThatThrownBy(() -> storage.put("../escaped", new ByteArrayInputStream(new byte[] {1})))
        .isInstanceOf(MediaNotFoundException.class);

    assertThat(temp.resolve("escaped")).doesNotExist();
  }

  @Test
  void symlinkPointingOutsideTheRootIsRefused() throws IOException {
    Path secret = Files.write(outside.resolve("secret.mp4"), new byte[] {42});
    Files.createSymbolicLink(root.resolve("videos/link.mp4"), secret);

    assertThatThrownBy(() -> storage.get("videos/link.mp4"))
        .isInstanceOf(MediaNotFoundException.class);
  }

  @Test
  void symlinkedDirectoryPointingOutsideTheRootIsRefused() throws IOException {
    Files.write(outside.resolve("secret.mp4"), new byte[] {42});
    Files.createSymbolicLink(root.resolve("elsewhere"), outside);

    assertThatThrownBy(() -> storage.get("elsewhere/secret.mp4"))
        .isInstanceOf(MediaNotFoundException.class);
  }

  @Test
  void relativeSymlinkClimbingOutOfTheRootIsRefused() throws IOException {
    Files.write(outside.resolve("secret.mp4"), new byte[] {42});
    Files.createSymbolicLink(root.resolve("videos/up.mp4"), Path.of("../../outside/secret.mp4"));

    assertThatThrownBy(() -> storage.get("videos/up.mp4"))
        .isInstanceOf(MediaNotFoundException.class);
  }

  @Test
  void symlinkPointingInsideTheRootIsServed() throws Exception {
    Files.createSymbolicLink(root.resolve("alias.mp4"), root.resolve("videos/clip.mp4"));

    MediaObject object = storage.get("alias.mp4");

    try (InputStream in = object.openRange(0, object.size() - 1)) {
      assertThat(in.readAllBytes()).isEqualTo(clip);
    }
  }

  @Test
  void danglingSymlinkIsNotFound() throws IOException {
    Files.createSymbolicLink(root.resolve("dangling.mp4"), root.resolve("nowhere.mp4"));

    assertThatThrownBy(() -> storage.get("dangling.mp4"))
        .isInstanceOf(MediaNotFoundException.class);
  }

  @Test
  void putThroughASymlinkedDirectoryLeadingOutsideTheRootIsRefused() throws IOException {
    Files.createSymbolicLink(root.resolve("elsewhere"), outside);

    assertThatThrownBy(
            () -> storage.put("elsewhere/new.mp4", new ByteArrayInputStream(new byte[] {1})))
        .isInstanceOf(MediaNotFoundException.class);

    assertThat(listNames(outside)).isEmpty();
  }

  @Test
  void putIntoMissingDirectoriesBelowASymlinkLeadingOutsideIsRefused() throws IOException {
    Files.createSymbolicLink(root.resolve("elsewhere"), outside);

    assertThatThrownBy(
            () -> storage.put("elsewhere/a/b/new.mp4", new ByteArrayInputStream(new byte[] {1})))
        .isInstanceOf(MediaNotFoundException.class);

    assertThat(listNames(outside)).isEmpty();
  }

  @Test
  void movingAFileThroughASymlinkedDirectoryLeadingOutsideIsRefused() throws IOException {
    Files.createSymbolicLink(root.resolve("elsewhere"), outside);
    Path source = Files.write(temp.resolve("upload.bin"), new byte[] {1});

    assertThatThrownBy(() -> storage.put("elsewhere/new.mp4", source))
        .isInstanceOf(MediaNotFoundException.class);

    assertThat(source).exists();
    assertThat(listNames(outside)).isEmpty();
  }

  @Test
  void deleteThroughASymlinkedDirectoryLeadingOutsideTheRootIsRefused() throws IOException {
    Path victim = Files.write(outside.resolve("victim.mp4"), new byte[] {1});
    Files.createSymbolicLink(root.resolve("elsewhere"), outside);

    assertThatThrownBy(() -> storage.delete("elsewhere/victim.mp4"))
        .isInstanceOf(MediaNotFoundException.class);

    assertThat(victim).exists();
  }

  @Test
  void putThroughASymlinkedDirectoryInsideTheRootIsAllowed() throws Exception {
    Files.createSymbolicLink(root.resolve("alias"), root.resolve("videos"));

    storage.put("alias/new.mp4", new ByteArrayInputStream(new byte[] {5}));

    assertThat(root.resolve("videos/new.mp4")).hasBinaryContent(new byte[] {5});
  }

  @Test
  void directoryIsRefused() {
    assertThatThrownBy(() -> storage.get("videos")).isInstanceOf(MediaNotFoundException.class);
  }

  @Test
  void putFromStreamStoresTheBytes() throws Exception {
    byte[] bytes = randomBytes(5_000);

    MediaObject stored = storage.put("videos/new.mp4", new ByteArrayInputStream(bytes));

    assertThat(stored.size()).isEqualTo(5_000);
    assertThat(root.resolve("videos/new.mp4")).hasBinaryContent(bytes);
  }

  @Test
  void putFromStreamCreatesMissingDirectories() throws Exception {
    storage.put("a/b/c.mp4", new ByteArrayInputStream(new byte[] {7}));

    assertThat(root.resolve("a/b/c.mp4")).hasBinaryContent(new byte[] {7});
  }

  @Test
  void putFromStreamLeavesNoTemporaryFiles() throws Exception {
    storage.put("videos/new.mp4", new ByteArrayInputStream(randomBytes(5_000)));

    assertThat(listNames(root.resolve("videos"))).containsExactlyInAnyOrder("clip.mp4", "new.mp4");
  }

  @Test
  void putFromStreamReplacesAnExistingObject() throws Exception {
    byte[] replacement = randomBytes(3);

    storage.put("videos/clip.mp4", new ByteArrayInputStream(replacement));

    assertThat(root.resolve("videos/clip.mp4")).hasBinaryContent(replacement);
  }

  @Test
  void failedPutFromStreamLeavesNothingUnderTheNewKey() throws IOException {
    assertThatThrownBy(() -> storage.put("videos/broken.mp4", failingAfter(1_000)))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(MediaNotFoundException.class);

    assertThat(listNames(root.resolve("videos"))).containsExactly("clip.mp4");
  }

  @Test
  void failedPutFromStreamKeepsTheOldObject() throws IOException {
    assertThatThrownBy(() -> storage.put("videos/clip.mp4", failingAfter(1_000)))
        .isInstanceOf(IOException.class);

    assertThat(root.resolve("videos/clip.mp4")).hasBinaryContent(clip);
    assertThat(listNames(root.resolve("videos"))).containsExactly("clip.mp4");
  }

  @Test
  void putFromPathMovesTheFile() throws Exception {
    byte[] bytes = randomBytes(2_000);
    Path source = Files.write(temp.resolve("upload.bin"), bytes);

    MediaObject stored = storage.put("videos/moved.mp4", source);

    assertThat(source).doesNotExist();
    assertThat(root.resolve("videos/moved.mp4")).hasBinaryContent(bytes);
    assertThat(stored.size()).isEqualTo(2_000);
    assertThat(stored.contentType()).isEqualTo("video/mp4");
  }

  @Test
  void putFromPathReplacesAnExistingObject() throws Exception {
    byte[] bytes = randomBytes(20);
    Path source = Files.write(temp.resolve("upload.bin"), bytes);

    storage.put("videos/clip.mp4", source);

    assertThat(root.resolve("videos/clip.mp4")).hasBinaryContent(bytes);
  }

  @Test
  void deleteRemovesTheFile() throws Exception {
    assertThat(storage.delete("videos/clip.mp4")).isTrue();

    assertThat(root.resolve("videos/clip.mp4")).doesNotExist();
  }

  @Test
  void deleteOfMissingObjectReturnsFalse() throws Exception {
    assertThat(storage.delete("videos/missing.mp4")).isFalse();
  }

  @Test
  void deleteDoesNotFollowOrRemoveSymlinks() throws Exception {
    Path secret = Files.write(outside.resolve("secret.mp4"), new byte[] {42});
    Path link = Files.createSymbolicLink(root.resolve("videos/link.mp4"), secret);

    assertThat(storage.delete("videos/link.mp4")).isFalse();

    assertThat(secret).exists();
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }

  @Test
  void deleteRefusesDirectories() throws Exception {
    assertThat(storage.delete("videos")).isFalse();

    assertThat(root.resolve("videos/clip.mp4")).exists();
  }

  // --- helpers

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  /** The key with control characters escaped and long keys shortened, for test names. */
  private static String displayable(String key) {
    if (key.length() > 40) {
      return key.substring(0, 10) + "…(" + key.length() + " chars)";
    }
    StringBuilder sb = new StringBuilder("\"");
    key.chars()
        .forEach(
            c -> sb.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : (char) c));
    return sb.append('"').toString();
  }

  private static List<String> listNames(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  /** A stream that yields some bytes and then fails, like a dropped connection. */
  private static InputStream failingAfter(int bytes) {
    return new InputStream() {
      private int remaining = bytes;

      @Override
      public int read() throws IOException {
        if (remaining-- > 0) {
          return 'x';
        }
        throw new IOException("connection reset");
      }
    };
  }
}
