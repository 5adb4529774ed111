package io.videokit.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaPlaylistTest {

  @Test
  void parsesWhatFfmpegWrites() throws Exception {
    MediaPlaylist playlist =
        MediaPlaylist.parse(
            "#EXTM3U\r\n#EXT-X-VERSION:3\r\n#EXT-X-TARGETDURATION:2\r\n#EXT-X-MEDIA-SEQUENCE:7\r\n"
                + "#EXT-X-ALLOW-CACHE:NO\r\n# a comment\r\n"
                + "#EXTINF:2.000000,\r\nindex7.ts\r\n#EXT-X-DISCONTINUITY\r\n"
                + "#EXTINF:1.5,title\r\nindex8.ts\r\n#EXT-X-ENDLIST\r\n");

    assertThat(playlist.version()).isEqualTo(3);
    assertThat(playlist.targetDuration()).isEqualTo(2);
    assertThat(playlist.mediaSequence()).isEqualTo(7);
    assertThat(playlist.ended()).isTrue();
    assertThat(playlist.segmentUris()).containsExactly("index7.ts", "index8.ts");
    assertThat(playlist.segments().get(1).discontinuity()).isTrue();
    assertThat(playlist.segments().get(0).discontinuity()).isFalse();
    assertThat(playlist.segments().get(1).title()).isEqualTo("title");
    assertThat(playlist.duration()).isEqualByComparingTo(new BigDecimal("3.5"));
  }

  @Test
  void defaultsWithoutOptionalTags() throws Exception {
    MediaPlaylist playlist = MediaPlaylist.parse("#EXTM3U\n#EXT-X-TARGETDURATION:6\n");
    assertThat(playlist.version()).isEqualTo(1);
    assertThat(playlist.mediaSequence()).isZero();
    assertThat(playlist.segments()).isEmpty();
    assertThat(playlist.ended()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", // empty
        "#EXT-X-TARGETDURATION:2\n", // no #EXTM3U
        " #EXTM3U\n#EXT-X-TARGETDURATION:2\n", // not the first line as written
        "#EXTM3U\n#EXTINF:2,\na.ts\n", // no target duration
        "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-TARGETDURATION:3\n", // two
        "#EXTM3U\n#EXT-X-TARGETDURATION:two\n", // not a number
        "#EXTM3U\n#EXT-X-TARGETDURATION:-2\n", // negative
        "#EXTM3U\n#EXT-X-TARGETDURATION:99999999999999999999\n", // overflow
        "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:1e3\n",
        "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:NaN,\na.ts\n",
        "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:-1,\na.ts\n",
        "#EXTM3U\n#EXT-X-TARGETDURATION:2\na.ts\n", // URI without EXTINF
        "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n", // EXTINF without URI
        "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n#EXTINF:2,\na.ts\n",
        "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nlow.m3u8\n", // a master playlist
      })
  void refusesMalformedPlaylists(String text) {
    assertThatThrownBy(() -> MediaPlaylist.parse(text)).isInstanceOf(PlaylistException.class);
  }

  @Test
  void refusesOversizeAndNonUtf8Bodies() {
    byte[] big = new byte[MediaPlaylist.MAX_BYTES + 1];
    assertThatThrownBy(() -> MediaPlaylist.parse(big))
        .isInstanceOf(PlaylistException.class)
        .hasMessageContaining("over");
    byte[] latin1 =
        "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n\u00e9.ts\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> MediaPlaylist.parse(latin1))
        .isInstanceOf(PlaylistException.class)
        .hasMessageContaining("UTF-8");
  }
}
