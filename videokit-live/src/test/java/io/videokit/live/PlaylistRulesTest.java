package io.videokit.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.live.PlaylistRules.Rule;
import io.videokit.live.PlaylistRules.Violation;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlaylistRulesTest {

  private final PlaylistRules rules = new PlaylistRules(new LiveLimits(1024, 4));

  /** A playlist: target 2, the sequence, then segments as {@code name|duration}, "END" ends it. */
  static MediaPlaylist playlist(int target, long sequence, String... segments) throws Exception {
    StringBuilder text =
        new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:")
            .append(target)
            .append("\n#EXT-X-MEDIA-SEQUENCE:")
            .append(sequence)
            .append('\n');
    for (String segment : segments) {
      if (segment.equals("END")) {
        text.append("#EXT-X-ENDLIST\n");
      } else {
        String[] parts = segment.split("\\|");
        text.append("#EXTINF:").append(parts.length > 1 ? parts[1] : "2.0").append(",\n");
        text.append(parts[0]).append('\n');
      }
    }
    return MediaPlaylist.parse(text.toString());
  }

  private Optional<Rule> broken(MediaPlaylist previous, MediaPlaylist next) {
    return rules.check(previous, next).map(Violation::rule);
  }

  @Test
  void aFirstPlaylistAndTheAllowedUpdatesPass() throws Exception {
    MediaPlaylist first = playlist(2, 0, "a0.ts", "a1.ts");
    assertThat(rules.check(null, first)).isEmpty();
    // append
    assertThat(broken(first, playlist(2, 0, "a0.ts", "a1.ts", "a2.ts"))).isEmpty();
    // drop from the front and append, the sequence growing by the dropped count
    assertThat(broken(first, playlist(2, 1, "a1.ts", "a2.ts", "a3.ts"))).isEmpty();
    // drop everything (all old segments gone), the sequence counting them
    assertThat(broken(first, playlist(2, 2, "a2.ts"))).isEmpty();
    // end it; the same ended playlist again is harmless
    MediaPlaylist ended = playlist(2, 0, "a0.ts", "a1.ts", "END");
    assertThat(broken(first, ended)).isEmpty();
    assertThat(broken(ended, playlist(2, 0, "a0.ts", "a1.ts", "END"))).isEmpty();
    // unchanged
    assertThat(broken(first, playlist(2, 0, "a0.ts", "a1.ts"))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"2.4, true", "2.5, false", "2.49999, true", "3, false", "0.1, true"})
  void everyExtinfRoundedMustNotExceedTheTargetDuration(String duration, boolean allowed)
      throws Exception {
    Optional<Violation> violation = rules.check(null, playlist(2, 0, "a0.ts|" + duration));
    if (allowed) {
      assertThat(violation).isEmpty();
    } else {
      assertThat(violation).map(Violation::rule).contains(Rule.EXTINF_OVER_TARGET);
      assertThat(violation.get().rule().standalone()).isTrue();
    }
  }

  @Test
  void theTargetDurationMayNotChange() throws Exception {
    assertThat(broken(playlist(2, 0, "a0.ts"), playlist(3, 0, "a0.ts", "a1.ts")))
        .contains(Rule.TARGET_DURATION_CHANGED);
  }

  @Test
  void theMediaSequenceNeverDecreases() throws Exception {
    assertThat(broken(playlist(2, 5, "a5.ts"), playlist(2, 4, "a4.ts", "a5.ts")))
        .contains(Rule.MEDIA_SEQUENCE_DECREASED);
  }

  @Test
  void theMediaSequenceGrowsExactlyByTheSegmentsDropped() throws Exception {
    MediaPlaylist previous = playlist(2, 0, "a0.ts", "a1.ts", "a2.ts");
    // dropped one, sequence unchanged
    assertThat(broken(previous, playlist(2, 0, "a1.ts", "a2.ts")))
        .contains(Rule.MEDIA_SEQUENCE_MISMATCH);
    // dropped one, sequence grew by two
    assertThat(broken(previous, playlist(2, 2, "a1.ts", "a2.ts")))
        .contains(Rule.MEDIA_SEQUENCE_MISMATCH);
    // nothing dropped, sequence grew
    assertThat(broken(previous, playlist(2, 1, "a0.ts", "a1.ts", "a2.ts", "a3.ts")))
        .contains(Rule.MEDIA_SEQUENCE_MISMATCH);
    // all dropped, sequence grew by more than were there
    assertThat(broken(previous, playlist(2, 9, "a9.ts"))).contains(Rule.MEDIA_SEQUENCE_MISMATCH);
  }

  @Test
  void keptSegmentsMayNotBeRewrittenReorderedOrRemovedInTheMiddle() throws Exception {
    MediaPlaylist previous = playlist(2, 0, "a0.ts", "a1.ts", "a2.ts");
    // a kept segment's duration changed
    assertThat(broken(previous, playlist(2, 0, "a0.ts", "a1.ts|1.5", "a2.ts")))
        .contains(Rule.SEGMENTS_REWRITTEN);
    // removed from the middle
    assertThat(broken(previous, playlist(2, 0, "a0.ts", "a2.ts")))
        .contains(Rule.SEGMENTS_REWRITTEN);
    // reordered
    assertThat(broken(previous, playlist(2, 0, "a0.ts", "a2.ts", "a1.ts")))
        .contains(Rule.SEGMENTS_REWRITTEN);
    // removed from the end
    assertThat(broken(previous, playlist(2, 0, "a0.ts", "a1.ts")))
        .contains(Rule.SEGMENTS_REWRITTEN);
    // an old name appended again
    assertThat(broken(previous, playlist(2, 1, "a1.ts", "a2.ts", "a0.ts")))
        .contains(Rule.SEGMENTS_REWRITTEN);
    // emptied
    assertThat(broken(previous, playlist(2, 0))).contains(Rule.SEGMENTS_REWRITTEN);
  }

  @Test
  void nothingChangesAfterEndlist() throws Exception {
    MediaPlaylist ended = playlist(2, 0, "a0.ts", "END");
    assertThat(broken(ended, playlist(2, 0, "a0.ts", "a1.ts", "END")))
        .contains(Rule.CHANGED_AFTER_ENDLIST);
    assertThat(broken(ended, playlist(2, 0, "a0.ts"))).contains(Rule.CHANGED_AFTER_ENDLIST);
    assertThat(rules.check(ended, playlist(2, 0, "a0.ts")).get().rule().standalone()).isFalse();
  }

  @Test
  void aPlaylistMayNameAtMostTheLimitOfSegments() throws Exception {
    assertThat(rules.check(null, playlist(2, 0, "a.ts", "b.ts", "c.ts", "d.ts"))).isEmpty();
    assertThat(rules.check(null, playlist(2, 0, "a.ts", "b.ts", "c.ts", "d.ts", "e.ts")))
        .map(Violation::rule)
        .contains(Rule.TOO_MANY_SEGMENTS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../x.ts",
        "..",
        "...ts",
        "a..b.ts",
        "a/b.ts",
        "/x.ts",
        "http://e/x.ts",
        "https:x.ts",
        "%2e%2e.ts",
        "%2Fx.ts",
        "x.ts?y",
        "x.ts#y",
        ".hidden.ts",
        "x.m3u8",
        "x.html",
        "x",
        "x.ts ",
        "a\\b.ts",
        "x\u0000.ts",
        "\u00e9.ts",
      })
  void hostileSegmentNamesAreRefused(String name) throws Exception {
    assertThat(PlaylistRules.segmentName(name)).as(name).isFalse();
    if (!name.isBlank()
        && !name.contains("\u0000")
        && !name.contains("#")
        && !name.equals("x.ts ")) {
      assertThat(rules.check(null, playlist(2, 0, name)))
          .as(name)
          .map(Violation::rule)
          .contains(Rule.UNSAFE_SEGMENT_NAME);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"index0.ts", "seg-1_a.m4s", "init.mp4", "audio.2.aac", "A9.ts"})
  void plainSegmentNamesAreAllowed(String name) {
    assertThat(PlaylistRules.segmentName(name)).as(name).isTrue();
  }

  @Test
  void overlongNamesAreRefused() {
    assertThat(PlaylistRules.segmentName("a".repeat(128) + ".ts")).isTrue();
    assertThat(PlaylistRules.segmentName("a".repeat(129) + ".ts")).isFalse();
  }
}
