package io.videokit.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class UploadRequestTest {

  final JsonMapper mapper = JsonMapper.builder().build();

  // ------------------------------------------------------------------- tus

  @Test
  void tusAcceptsValidValues() {
    TusUploadRequest request =
        new TusUploadRequest(0, "name aG9saWRheS5tcDQ=", "c".repeat(64), 21_600);

    assertThat(request.uploadLength()).isZero();
    assertThat(request.creator()).hasSize(64);
    assertThat(new TusUploadRequest(5_242_880, null, null, null).maxDurationSeconds()).isNull();
    assertThat(new TusUploadRequest(1, null, null, 1).maxDurationSeconds()).isEqualTo(1);
  }

  @Test
  void tusRefusesANegativeLength() {
    assertThatThrownBy(() -> new TusUploadRequest(-1, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TusUploadRequest(Long.MIN_VALUE, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tusRefusesACreatorLongerThan64Characters() {
    assertThatThrownBy(() -> new TusUploadRequest(10, null, "c".repeat(65), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 21_601, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void tusRefusesAnOutOfRangeDurationLimit(int seconds) {
    assertThatThrownBy(() -> new TusUploadRequest(10, null, null, seconds))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Integer.toString(seconds));
  }

  // ------------------------------------------------------------------- direct upload

  @ParameterizedTest
  @ValueSource(ints = {0, -5, 21_601})
  void directUploadRefusesAnOutOfRangeDurationLimit(int seconds) {
    assertThatThrownBy(() -> new DirectUploadRequest(seconds, null, null, null, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3600, 21_600})
  void directUploadAcceptsTheDocumentedRange(int seconds) {
    assertThat(new DirectUploadRequest(seconds, null, null, null, false).maxDurationSeconds())
        .isEqualTo(seconds);
  }

  @Test
  void directUploadJsonUsesCloudflaresFieldNames() {
    DirectUploadRequest request =
        new DirectUploadRequest(
            600,
            Instant.parse("2024-08-07T12:30:00Z"),
            "user-7",
            Map.of("name", "holiday.mp4"),
            true);

    String json = mapper.writeValueAsString(request.toJson());

    assertThat(mapper.readTree(json))
        .isEqualTo(
            mapper.readTree(
                """
                {"maxDurationSeconds": 600, "expiry": "2024-08-07T12:30:00Z",
                 "creator": "user-7", "meta": {"name": "holiday.mp4"},
                 "requireSignedURLs": true}
                """));
  }

  @Test
  void directUploadJsonLeavesOutAbsentOptions() {
    Map<String, Object> json = new DirectUploadRequest(1, null, null, Map.of(), false).toJson();

    assertThat(json).isEqualTo(Map.of("maxDurationSeconds", 1, "requireSignedURLs", false));
  }

  // ------------------------------------------------------------------- token request

  @Test
  void tokenRequestJson() {
    Map<String, Object> rule =
        Map.of("type", "ip.src", "action", "allow", "ip", List.of("10.0.0.0/8"));
    TokenRequest request =
        new TokenRequest(
            Instant.parse("2030-01-01T00:00:00.900Z"),
            Instant.parse("2029-12-31T00:00:00Z"),
            true,
            List.of(rule));

    assertThat(request.toJson())
        .containsOnlyKeys("exp", "nbf", "downloadable", "accessRules")
        .containsEntry("exp", Instant.parse("2030-01-01T00:00:00Z").getEpochSecond())
        .containsEntry("nbf", Instant.parse("2029-12-31T00:00:00Z").getEpochSecond())
        .containsEntry("downloadable", true)
        .containsEntry("accessRules", List.of(rule));
    assertThat(TokenRequest.until(Instant.ofEpochSecond(1_900_000_000)).toJson())
        .isEqualTo(Map.of("exp", 1_900_000_000L));
  }

  @Test
  void tokenRequestCopiesItsRules() {
    List<Map<String, Object>> rules = new ArrayList<>();
    rules.add(Map.of("type", "any", "action", "block"));
    TokenRequest request = new TokenRequest(Instant.EPOCH, null, false, rules);

    rules.clear();

    assertThat(request.accessRules()).hasSize(1);
    assertThat(new TokenRequest(Instant.EPOCH, null, false, null).accessRules()).isEmpty();
  }
}
