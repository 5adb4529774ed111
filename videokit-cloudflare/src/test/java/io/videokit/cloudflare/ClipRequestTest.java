package io.videokit.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.videokit.video.Video;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class ClipRequestTest {

  static final String PARENT = "023e105f4ecef8ad9ca31a8372d0c353";

  final JsonMapper mapper = JsonMapper.builder().build();

  @ParameterizedTest(name = "[{index}] {0}..{1}")
  @CsvSource({"-1, 10", "-0.001, 10", "10, 10", "10, 9.5", "0, 0", "5, -5"})
  void refusesAnInvalidRange(double start, double end) {
    assertThatThrownBy(() -> new ClipRequest(PARENT, start, end, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesNonFiniteTimes() {
    assertThatThrownBy(() -> new ClipRequest(PARENT, Double.NaN, 10, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ClipRequest(PARENT, 0, Double.NaN, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new ClipRequest(PARENT, 0, Double.POSITIVE_INFINITY, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAnInvalidParentUid() {
    assertThatThrownBy(() -> new ClipRequest("../x", 0, 10, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ClipRequest("", 0, 10, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClipRequest.firstSeconds("short", 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptsAValidRange() {
    ClipRequest request = new ClipRequest(PARENT, 0.5, 0.75, null, null, null, null);

    assertThat(request.startTimeSeconds()).isEqualTo(0.5);
    assertThat(request.endTimeSeconds()).isEqualTo(0.75);
  }

  @Test
  void firstSeconds() {
    ClipRequest request = ClipRequest.firstSeconds(PARENT, 30);

    assertThat(request).isEqualTo(new ClipRequest(PARENT, 0, 30, null, null, null, null));
    assertThat(request.toJson())
        .isEqualTo(
            Map.of("clippedFromVideoUID", PARENT, "startTimeSeconds", 0L, "endTimeSeconds", 30L));
    assertThatThrownBy(() -> ClipRequest.firstSeconds(PARENT, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClipRequest.firstSeconds(PARENT, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toJsonUsesCloudflaresFieldNames() {
    ClipRequest request =
        new ClipRequest(PARENT, 2, 12.5, "creator-1", 60, true, Map.of("name", "clip"));

    Map<String, Object> json = request.toJson();

    assertThat(json)
        .containsOnlyKeys(
            "clippedFromVideoUID",
            "startTimeSeconds",
            "endTimeSeconds",
            "creator",
            "maxDurationSeconds",
            "requireSignedURLs",
            "meta");
    assertThat(json)
        .containsEntry("clippedFromVideoUID", PARENT)
        .containsEntry("startTimeSeconds", 2L)
        .containsEntry("endTimeSeconds", 12.5)
        .containsEntry("creator", "creator-1")
        .containsEntry("maxDurationSeconds", 60)
        .containsEntry("requireSignedURLs", true)
        .containsEntry("meta", Map.of("name", "clip"));
    assertThat(mapper.writeValueAsString(json))
        .contains("\"startTimeSeconds\":2,")
        .contains("\"endTimeSeconds\":12.5");
  }

  @Test
  void wholeSecondsAreWrittenAsIntegers() {
    String json = mapper.writeValueAsString(ClipRequest.firstSeconds(PARENT, 30.0).toJson());

    assertThat(mapper.readTree(json))
        .isEqualTo(
            mapper.readTree(
                "{\"clippedFromVideoUID\": \"%s\", \"startTimeSeconds\": 0, \"endTimeSeconds\": 30}"
                    .formatted(PARENT)));
    assertThat(json).doesNotContain("30.0").doesNotContain("0.0");
    assertThat(mapper.readTree(json).get("endTimeSeconds").isIntegralNumber()).isTrue();
  }

  @Test
  void toJsonLeavesOutAbsentOptionsAndEmptyMeta() {
    ClipRequest request = new ClipRequest(PARENT, 0, 10, null, null, false, Map.of());

    assertThat(request.toJson())
        .containsOnlyKeys(
            "clippedFromVideoUID", "startTimeSeconds", "endTimeSeconds", "requireSignedURLs")
        .containsEntry("requireSignedURLs", false);
  }

  @Test
  void inheritingCarriesCreatorPrivacyAndMetaFromTheParent() {
    Video parent =
        Video.ofUid(PARENT)
            .with("creator", "user-7")
            .with("requireSignedURLs", true)
            .with("meta", Map.of("name", "holiday.mp4", "filetype", "video/mp4"));

    ClipRequest request = ClipRequest.firstSeconds(PARENT, 30).inheriting(parent);

    assertThat(request.clippedFromVideoUid()).isEqualTo(PARENT);
    assertThat(request.startTimeSeconds()).isZero();
    assertThat(request.endTimeSeconds()).isEqualTo(30);
    assertThat(request.creator()).isEqualTo("user-7");
    assertThat(request.requireSignedUrls()).isTrue();
    assertThat(request.meta()).isEqualTo(Map.of("name", "holiday.mp4", "filetype", "video/mp4"));
    assertThat(request.maxDurationSeconds()).isNull();
    assertThat(request.toJson())
        .containsEntry("creator", "user-7")
        .containsEntry("requireSignedURLs", true)
        .containsEntry("meta", Map.of("name", "holiday.mp4", "filetype", "video/mp4"));
  }

  @Test
  void inheritingKeepsTheRequestsOwnValues() {
    Video parent =
        Video.ofUid(PARENT)
            .with("creator", "user-7")
            .with("requireSignedURLs", true)
            .with("meta", Map.of("name", "parent"));

    ClipRequest request =
        new ClipRequest(PARENT, 1, 2, "own", 5, false, Map.of("name", "own")).inheriting(parent);

    assertThat(request)
        .isEqualTo(new ClipRequest(PARENT, 1, 2, "own", 5, false, Map.of("name", "own")));
  }

  @Test
  void inheritingFromABareParent() {
    ClipRequest request = ClipRequest.firstSeconds(PARENT, 30).inheriting(Video.ofUid(PARENT));

    assertThat(request.creator()).isNull();
    assertThat(request.requireSignedUrls()).isFalse();
    assertThat(request.toJson())
        .containsOnlyKeys(
            "clippedFromVideoUID", "startTimeSeconds", "endTimeSeconds", "requireSignedURLs");
  }

  @Test
  void inheritingDoesNotCarryTheParentsDownloadUrl() {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", "holiday.mp4");
    meta.put("download_url", "https://example.com/" + PARENT + "/downloads/default.mp4");
    Video parent = Video.ofUid(PARENT).with("meta", meta);

    ClipRequest request = ClipRequest.firstSeconds(PARENT, 30).inheriting(parent);

    assertThat(request.meta())
        .containsEntry("name", "holiday.mp4")
        .doesNotContainKey("download_url");
  }

  @Test
  void toJsonOfNestedMetaWritesAsJson() {
    ClipRequest request =
        new ClipRequest(PARENT, 0, 1, null, null, null, Map.of("tags", List.of("a", "b")));

    assertThat(mapper.readTree(mapper.writeValueAsString(request.toJson())).get("meta"))
        .isEqualTo(mapper.readTree("{\"tags\": [\"a\", \"b\"]}"));
  }
}
