package io.videokit.core.tus;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class UploadMetadataTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          holiday.mp4                     | holiday.mp4
          ../../etc/passwd                | passwd
          /var/www/clip.mp4               | clip.mp4
          'C:\\Users\\me\\clip.mp4'       | clip.mp4
          'a/b\\c/..clip.mp4'             | clip.mp4
          .bashrc                         | bashrc
          ...hidden.mov                   | hidden.mov
          '  spaced name.mp4  '           | spaced name.mp4
          ./.config                       | config
          """)
  void safeFilenameStripsDirectoriesAndLeadingDots(String sent, String expected)
      throws TusException {
    assertThat(metadata("filename", sent).safeFilename()).contains(expected);
  }

  @Test
  void safeFilenameRemovesControlCharacters() throws TusException {
    assertThat(metadata("filename", "cl\u0000ip\n.mp4\u007f").safeFilename()).contains("clip.mp4");
  }

  @Test
  void safeFilenameIsCappedAt255Characters() throws TusException {
    assertThat(metadata("filename", "x".repeat(300)).safeFilename())
        .hasValueSatisfying(name -> assertThat(name).hasSize(255));
  }

  @ParameterizedTest(name = "[{index}]")
  @ValueSource(strings = {"..", "...", "dir/", "dir/..", " ", "\u0000"})
  void safeFilenameIsAbsentWhenNothingSafeRemains(String sent) throws TusException {
    assertThat(metadata("filename", sent).safeFilename()).isEmpty();
  }

  @Test
  void safeFilenameFallsBackToName() throws TusException {
    assertThat(metadata("name", "../movie.mkv").safeFilename()).contains("movie.mkv");
  }

  @Test
  void safeFilenamePrefersFilenameOverName() throws TusException {
    UploadMetadata metadata =
        UploadMetadata.parse("name " + b64("a.mp4") + ",filename " + b64("b.mp4"));

    assertThat(metadata.safeFilename()).contains("b.mp4");
  }

  @Test
  void parseDecodesValuesAndKeepsValuelessKeys() throws TusException {
    UploadMetadata metadata =
        UploadMetadata.parse("filename " + b64("clip.mp4") + ", is_confidential");

    assertThat(metadata.values())
        .containsExactly(Map.entry("filename", "clip.mp4"), Map.entry("is_confidential", ""));
  }

  @Test
  void toHeaderRoundTripsThroughParse() throws TusException {
    String header =
        "filename " + b64("clip 🎥.mp4") + ",is_confidential,filetype " + b64("video/mp4");

    assertThat(UploadMetadata.parse(header).toHeader()).isEqualTo(header);
  }

  @Test
  void overLongHeaderIsRefused() {
    String header = "k " + "A".repeat(UploadMetadata.MAX_HEADER_LENGTH);

    assertThatThrownBy(() -> UploadMetadata.parse(header))
        .isInstanceOfSatisfying(
            TusException.class, e -> assertThat(e.error()).isEqualTo(TusError.INVALID_METADATA));
  }

  /** Issue 7: Tomcat hands header bytes over as ISO-8859-1; a key outside ASCII is refused. */
  @ParameterizedTest(name = "[{index}] key byte {0}")
  @MethodSource("nonAsciiBytes")
  void keyOutsideAsciiIsRefused(int b) {
    String header = "file" + (char) b + "name " + b64("clip.mp4");

    assertThatThrownBy(() -> UploadMetadata.parse(header))
        .isInstanceOfSatisfying(
            TusException.class, e -> assertThat(e.error()).isEqualTo(TusError.INVALID_METADATA));
  }

  @ParameterizedTest(name = "[{index}] value byte {0}")
  @MethodSource("nonAsciiBytes")
  void valueWithAByteOutsideAsciiIsNotBase64(int b) {
    String header = "filename " + (char) b + b64("clip.mp4");

    assertThatThrownBy(() -> UploadMetadata.parse(header))
        .isInstanceOfSatisfying(
            TusException.class, e -> assertThat(e.error()).isEqualTo(TusError.INVALID_METADATA));
  }

  @Test
  void valueThatIsNotUtf8IsRefused() {
    String header =
        "filename " + Base64.getEncoder().encodeToString(new byte[] {'a', (byte) 0xC3, '.'});

    assertThatThrownBy(() -> UploadMetadata.parse(header))
        .isInstanceOfSatisfying(
            TusException.class, e -> assertThat(e.error()).isEqualTo(TusError.INVALID_METADATA));
  }

  @Test
  void utf8ValuesOutsideAsciiAreKept() throws TusException {
    assertThat(metadata("filename", "Ärger ’s clip 🎥.mp4").get("filename"))
        .contains("Ärger ’s clip 🎥.mp4");
  }

  static IntStream nonAsciiBytes() {
    return IntStream.rangeClosed(0x80, 0xFF);
  }

  private static UploadMetadata metadata(String key, String value) throws TusException {
    return UploadMetadata.parse(key + " " + b64(value));
  }

  private static String b64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(UTF_8));
  }
}
