package io.videokit.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class VideoTest {

  static final String UID = "ea95132c15732412d22c1476fa83f27a";
  static final String PARENT = "023e105f4ecef8ad9ca31a8372d0c353";
  static final String BASE = "https://customer-m033z5x00ks6nunl.cloudflarestream.com/";

  /** Every documented field, shaped as Cloudflare sends it, plus fields it may add later. */
  static final String FULL =
      """
      {
        "uid": "ea95132c15732412d22c1476fa83f27a",
        "creator": "creator-id_abcde12345",
        "meta": {
          "name": "video12345.mp4",
          "filename": "holiday.mp4",
          "filetype": "video/mp4",
          "download_url": "https://customer-m033z5x00ks6nunl.cloudflarestream.com/ea95132c15732412d22c1476fa83f27a/downloads/default.mp4",
          "tags": ["beach", "2024"],
          "views": 12
        },
        "created": "2014-01-02T02:20:00Z",
        "modified": "2014-01-02T02:20:00.123456Z",
        "uploaded": "2014-01-02T02:21:00Z",
        "uploadExpiry": "2014-01-02T04:20:00+02:00",
        "readyToStreamAt": "2014-01-02T02:25:30Z",
        "scheduledDeletion": "2030-12-31T23:59:59Z",
        "duration": 300.5,
        "size": 5000000000,
        "input": {"width": -1, "height": -1},
        "maxDurationSeconds": 600,
        "readyToStream": true,
        "requireSignedURLs": true,
        "allowedOrigins": ["example.com", "*.example.org"],
        "thumbnailTimestampPct": 0.529241,
        "thumbnail": "https://customer-m033z5x00ks6nunl.cloudflarestream.com/ea95132c15732412d22c1476fa83f27a/thumbnails/thumbnail.jpg",
        "preview": "https://customer-m033z5x00ks6nunl.cloudflarestream.com/ea95132c15732412d22c1476fa83f27a/watch",
        "playback": {
          "hls": "https://customer-m033z5x00ks6nunl.cloudflarestream.com/ea95132c15732412d22c1476fa83f27a/manifest/video.m3u8",
          "dash": "https://customer-m033z5x00ks6nunl.cloudflarestream.com/ea95132c15732412d22c1476fa83f27a/manifest/video.mpd"
        },
        "status": {
          "state": "inprogress",
          "pctComplete": "39.000000",
          "errorReasonCode": "",
          "errorReasonText": "",
          "newThing": {"since": "2025", "flags": [true, false, null]}
        },
        "liveInput": "fc0a8dc887b16759bfd9ad922230a014",
        "watermark": {
          "uid": "ea95132c15732412d22c1476fa83f27a",
          "size": 29472,
          "height": 600,
          "width": 400,
          "created": "2014-01-02T02:20:00Z",
          "downloadedFrom": "https://company.com/logo.png",
          "name": "Marketing Videos",
          "opacity": 0.75,
          "padding": 0.1,
          "scale": 0.1,
          "position": "center"
        },
        "clippedFrom": "023e105f4ecef8ad9ca31a8372d0c353",
        "nft": null,
        "newField": {"x": [1, 2], "deep": {"list": [{"a": 1.5}, "s", 9223372036854775807]}}
      }
      """;

  final JsonMapper mapper = JsonMapper.builder().build();

  Video full() {
    return mapper.readValue(FULL, Video.class);
  }

  Video parse(String json) {
    return mapper.readValue(json, Video.class);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> asList(Object value) {
    return (List<Object>) value;
  }

  @Nested
  class Json {

    @Test
    void roundTripsTheWholeDocumentIncludingUnknownFields() {
      Video video = full();

      String written = mapper.writeValueAsString(video);

      JsonNode expected = mapper.readTree(FULL);
      JsonNode actual = mapper.readTree(written);
      assertThat(actual).isEqualTo(expected);
      assertThat(actual.get("newField").get("x").get(1).asInt()).isEqualTo(2);
      assertThat(actual.get("status").get("newThing").get("since").asString()).isEqualTo("2025");
      assertThat(actual.get("status").get("pctComplete").isString()).isTrue();
      assertThat(actual.get("nft").isNull()).isTrue();
      assertThat(actual.get("size").asLong()).isEqualTo(5_000_000_000L);
    }

    @Test
    void valueToTreeIsThePlainObject() {
      JsonNode tree = mapper.valueToTree(full());

      assertThat(tree).isEqualTo(mapper.readTree(FULL));
    }

    @Test
    void readWriteReadGivesAnEqualVideo() {
      Video video = full();

      Video again = parse(mapper.writeValueAsString(video));

      assertThat(again).isEqualTo(video).hasSameHashCodeAs(video);
    }

    @Test
    void modifiedCopyKeepsUnknownFieldsWhenWritten() {
      Video changed = full().withMeta("download_url", null).with("creator", "someone");

      JsonNode tree = mapper.readTree(mapper.writeValueAsString(changed));

      assertThat(tree.get("newField"))
          .isEqualTo(
              mapper.readTree(
                  "{\"x\": [1, 2], \"deep\": "
                      + "{\"list\": [{\"a\": 1.5}, \"s\", 9223372036854775807]}}"));
      assertThat(tree.get("status").get("newThing")).isNotNull();
      assertThat(tree.get("creator").asString()).isEqualTo("someone");
      assertThat(tree.get("meta").has("download_url")).isFalse();
      assertThat(tree.get("meta").get("filename").asString()).isEqualTo("holiday.mp4");
    }

    @Test
    void writesAsNestedObjectInsideAnotherValue() {
      record Post(String title, Video video) {}

      JsonNode tree = mapper.readTree(mapper.writeValueAsString(new Post("t", Video.ofUid(UID))));

      assertThat(tree.get("video")).isEqualTo(mapper.readTree("{\"uid\": \"" + UID + "\"}"));
    }

    @Test
    void readingWithoutUidFails() {
      assertThatThrownBy(() -> parse("{\"creator\": \"x\"}"))
          .isInstanceOf(JacksonException.class)
          .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readingWithInvalidUidFails() {
      assertThatThrownBy(() -> parse("{\"uid\": \"../../etc/passwd\"}"))
          .isInstanceOf(JacksonException.class)
          .hasRootCauseInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> parse("{\"uid\": 12345678901234567}"))
          .isInstanceOf(JacksonException.class)
          .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Accessors {

    @Test
    void identityAndMetadata() {
      Video video = full();

      assertThat(video.uid()).isEqualTo(UID);
      assertThat(video.creator()).isEqualTo("creator-id_abcde12345");
      assertThat(video.meta())
          .containsEntry("name", "video12345.mp4")
          .containsEntry("filename", "holiday.mp4")
          .containsEntry("filetype", "video/mp4")
          .containsEntry("tags", List.of("beach", "2024"))
          .containsEntry("views", 12)
          .hasSize(6);
      assertThat(video.metaString("filename")).isEqualTo("holiday.mp4");
      assertThat(video.metaString("views")).isEqualTo("12");
      assertThat(video.metaString("missing")).isNull();
      assertThat(video.downloadUrl()).isEqualTo(BASE + UID + "/downloads/default.mp4");
      assertThat(video.get("newField")).hasValue(Map.of("x", List.of(1, 2), "deep", deep()));
      assertThat(video.get("nft")).isEmpty();
      assertThat(video.get("absent")).isEmpty();
    }

    private Map<String, Object> deep() {
      List<Object> list = new ArrayList<>();
      list.add(Map.of("a", 1.5));
      list.add("s");
      list.add(Long.MAX_VALUE);
      return Map.of("list", list);
    }

    @Test
    void instants() {
      Video video = full();

      assertThat(video.created()).isEqualTo(Instant.parse("2014-01-02T02:20:00Z"));
      assertThat(video.modified()).isEqualTo(Instant.parse("2014-01-02T02:20:00.123456Z"));
      assertThat(video.uploaded()).isEqualTo(Instant.parse("2014-01-02T02:21:00Z"));
      assertThat(video.uploadExpiry()).isEqualTo(Instant.parse("2014-01-02T02:20:00Z"));
      assertThat(video.readyToStreamAt()).isEqualTo(Instant.parse("2014-01-02T02:25:30Z"));
      assertThat(video.scheduledDeletion()).isEqualTo(Instant.parse("2030-12-31T23:59:59Z"));
    }

    @Test
    void instantsAreNullWhenAbsentBlankOrUnparseable() {
      Video video =
          parse(
              """
              {"uid": "%s", "created": "", "modified": "yesterday", "uploaded": null,
               "readyToStreamAt": "   ", "scheduledDeletion": "2026-13-45"}
              """
                  .formatted(UID));

      assertThat(video.created()).isNull();
      assertThat(video.modified()).isNull();
      assertThat(video.uploaded()).isNull();
      assertThat(video.uploadExpiry()).isNull();
      assertThat(video.readyToStreamAt()).isNull();
      assertThat(video.scheduledDeletion()).isNull();
    }

    @Test
    void numbersAndFlags() {
      Video video = full();

      assertThat(video.duration()).isEqualTo(300.5);
      assertThat(video.size()).isEqualTo(5_000_000_000L);
      assertThat(video.input()).isEqualTo(VideoInput.UNKNOWN);
      assertThat(video.maxDurationSeconds()).isEqualTo(600);
      assertThat(video.readyToStream()).isTrue();
      assertThat(video.requireSignedUrls()).isTrue();
      assertThat(video.allowedOrigins()).containsExactly("example.com", "*.example.org");
      assertThat(video.thumbnailTimestampPct()).isEqualTo(0.529241);
    }

    @Test
    void inputDimensionsWhenKnown() {
      Video video =
          parse("{\"uid\": \"%s\", \"input\": {\"width\": 1920, \"height\": 1080}}".formatted(UID));

      assertThat(video.input()).isEqualTo(new VideoInput(1920, 1080));
    }

    @Test
    void urls() {
      Video video = full();

      assertThat(video.thumbnail()).isEqualTo(BASE + UID + "/thumbnails/thumbnail.jpg");
      assertThat(video.preview()).isEqualTo(BASE + UID + "/watch");
      assertThat(video.playback())
          .isEqualTo(
              new VideoPlayback(
                  BASE + UID + "/manifest/video.m3u8", BASE + UID + "/manifest/video.mpd"));
    }

    @Test
    void liveWatermarkAndClip() {
      Video video = full();

      assertThat(video.liveInput()).isEqualTo("fc0a8dc887b16759bfd9ad922230a014");
      assertThat(video.watermark())
          .containsEntry("uid", UID)
          .containsEntry("name", "Marketing Videos")
          .containsEntry("opacity", 0.75)
          .containsEntry("size", 29472)
          .hasSize(11);
      assertThat(video.clippedFrom()).isEqualTo(PARENT);
    }

    @Test
    void statusWithStringPercentAndEmptyErrorCodes() {
      Video video = full();

      assertThat(video.status()).isEqualTo(new VideoStatus("inprogress", 39.0, null, null));
      assertThat(video.state()).contains(VideoState.IN_PROGRESS);
      assertThat(video.status().isError()).isFalse();
      assertThat(video.isTerminal()).isFalse();
      assertThat(video.isSynced()).isTrue();
    }

    @Test
    void defaultsForAVideoKnownOnlyByUid() {
      Video video = Video.ofUid(UID);

      assertThat(video.toMap()).isEqualTo(Map.of("uid", UID));
      assertThat(video.creator()).isNull();
      assertThat(video.meta()).isEmpty();
      assertThat(video.metaString("name")).isNull();
      assertThat(video.downloadUrl()).isNull();
      assertThat(video.created()).isNull();
      assertThat(video.duration()).isEqualTo(-1);
      assertThat(video.size()).isEqualTo(-1);
      assertThat(video.input()).isEqualTo(VideoInput.UNKNOWN);
      assertThat(video.maxDurationSeconds()).isNull();
      assertThat(video.readyToStream()).isFalse();
      assertThat(video.requireSignedUrls()).isFalse();
      assertThat(video.allowedOrigins()).isEmpty();
      assertThat(video.thumbnailTimestampPct()).isZero();
      assertThat(video.thumbnail()).isNull();
      assertThat(video.preview()).isNull();
      assertThat(video.playback()).isEqualTo(new VideoPlayback(null, null));
      assertThat(video.status()).isEqualTo(new VideoStatus(null, null, null, null));
      assertThat(video.state()).isEmpty();
      assertThat(video.liveInput()).isNull();
      assertThat(video.watermark()).isEmpty();
      assertThat(video.clippedFrom()).isNull();
      assertThat(video.isTerminal()).isFalse();
      assertThat(video.isSynced()).isFalse();
    }

    @Test
    void durationMinusOneMeansUnknownAndEmptyClippedFromIsNull() {
      Video video =
          parse(
              "{\"uid\": \"%s\", \"duration\": -1, \"clippedFrom\": \"\", \"size\": 1024}"
                  .formatted(UID));

      assertThat(video.duration()).isEqualTo(-1);
      assertThat(video.clippedFrom()).isNull();
      assertThat(video.size()).isEqualTo(1024);
    }

    @Test
    void allowedOriginsIsUnmodifiable() {
      List<String> origins = full().allowedOrigins();

      assertThatThrownBy(() -> origins.add("evil.example"))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  class Status {

    Video withStatus(String statusJson) {
      return parse("{\"uid\": \"%s\", \"status\": %s}".formatted(UID, statusJson));
    }

    @ParameterizedTest(name = "[{index}] pctComplete {0} -> {1}")
    @CsvSource(
        nullValues = "NULL",
        value = {
          "'\"39.000000\"', 39.0",
          "'\"100.000000\"', 100.0",
          "'\" 7.5 \"', 7.5",
          "39.5, 39.5",
          "0, 0.0",
          "'\"\"', NULL",
          "'\"abc\"', NULL",
          "null, NULL",
          "'{}', NULL"
        })
    void pctCompleteAsStringOrNumber(String pctJson, Double expected) {
      Video video =
          withStatus("{\"state\": \"inprogress\", \"pctComplete\": %s}".formatted(pctJson));

      assertThat(video.status().pctComplete()).isEqualTo(expected);
    }

    @Test
    void errorReasonCodeSpelling() {
      Video video =
          withStatus(
              """
              {"state": "error", "pctComplete": "100.000000",
               "errorReasonCode": "ERR_NON_VIDEO",
               "errorReasonText": "The file was not recognized as a valid video file."}
              """);

      assertThat(video.status().errorReasonCode()).isEqualTo("ERR_NON_VIDEO");
      assertThat(video.status().errorReasonText())
          .isEqualTo("The file was not recognized as a valid video file.");
      assertThat(video.status().isError()).isTrue();
      assertThat(video.state()).contains(VideoState.ERROR);
      assertThat(video.isTerminal()).isTrue();
    }

    @Test
    void errReasonCodeSpelling() {
      Video video =
          withStatus(
              """
              {"state": "error", "errReasonCode": "ERR_DURATION_EXCEED_CONSTRAINT",
               "errReasonText": "too long"}
              """);

      assertThat(video.status().errorReasonCode())
          .isEqualTo(VideoStatus.ERR_DURATION_EXCEED_CONSTRAINT);
      assertThat(video.status().errorReasonText()).isEqualTo("too long");
    }

    @Test
    void emptyErrorReasonCodeFallsBackToTheOtherSpelling() {
      Video video =
          withStatus(
              """
              {"state": "error", "errorReasonCode": "", "errorReasonText": "",
               "errReasonCode": "ERR_MALFORMED_VIDEO", "errReasonText": "bad"}
              """);

      assertThat(video.status().errorReasonCode()).isEqualTo("ERR_MALFORMED_VIDEO");
      assertThat(video.status().errorReasonText()).isEqualTo("bad");
    }

    @Test
    void bothSpellingsEmptyMeansNoError() {
      Video video =
          withStatus(
              """
              {"state": "ready", "errorReasonCode": "", "errReasonCode": "",
               "errorReasonText": "", "errReasonText": ""}
              """);

      assertThat(video.status()).isEqualTo(new VideoStatus("ready", null, null, null));
      assertThat(video.isTerminal()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
      "pendingupload, PENDING_UPLOAD, false",
      "downloading, DOWNLOADING, false",
      "queued, QUEUED, false",
      "inprogress, IN_PROGRESS, false",
      "ready, READY, true",
      "error, ERROR, true"
    })
    void everyDocumentedState(String wire, VideoState state, boolean terminal) {
      Video video = withStatus("{\"state\": \"%s\"}".formatted(wire));

      assertThat(video.state()).contains(state);
      assertThat(video.isTerminal()).isEqualTo(terminal);
      assertThat(video.isSynced()).isTrue();
    }

    @Test
    void unknownStateIsKeptButNotMapped() {
      Video video = withStatus("{\"state\": \"archived\"}");

      assertThat(video.status().state()).isEqualTo("archived");
      assertThat(video.state()).isEmpty();
      assertThat(video.isTerminal()).isFalse();
    }

    @Test
    void clipAnswerWithPlainStringStatus() {
      Video clip =
          parse(
              """
              {
                "uid": "4ddd58e56c1a3ac1b9fd4b9e0e1ee5a6",
                "clippedFromVideoUID": "023e105f4ecef8ad9ca31a8372d0c353",
                "startTimeSeconds": 0,
                "endTimeSeconds": 30,
                "creator": null,
                "meta": {"name": "video12345.mp4"},
                "requireSignedURLs": false,
                "allowedOrigins": [],
                "thumbnailTimestampPct": 0,
                "created": "2014-01-02T02:20:00Z",
                "modified": "2014-01-02T02:20:00Z",
                "status": "queued",
                "watermark": null
              }
              """);

      assertThat(clip.status()).isEqualTo(new VideoStatus("queued", null, null, null));
      assertThat(clip.state()).contains(VideoState.QUEUED);
      assertThat(clip.isTerminal()).isFalse();
      // "fetch the new uid to get the usual object": a clip answer is not a synchronised video
      assertThat(clip.isSynced()).isFalse();
      assertThat(clip.get("clippedFromVideoUID")).contains(PARENT);
      assertThat(clip.creator()).isNull();
      assertThat(clip.watermark()).isEmpty();
      assertThat(mapper.readTree(mapper.writeValueAsString(clip)).get("status").asString())
          .isEqualTo("queued");
    }
  }

  @Nested
  class Uids {

    @ParameterizedTest
    @ValueSource(
        strings = {
          UID,
          "EA95132C15732412D22C1476FA83F27A",
          "abcdefghijklmnop",
          "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01"
        })
    void validUidsAreAccepted(String uid) {
      assertThat(Video.isValidUid(uid)).isTrue();
      assertThat(Video.ofUid(uid).uid()).isEqualTo(uid);
      assertThat(Video.ofUid(uid).toMap()).isEqualTo(Map.of("uid", uid));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "",
          "../x",
          "abcdefghijklmno",
          "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012",
          "ea95132c15732412/22c1476fa83f27a",
          "ea95132c15732412 22c1476fa83f27a",
          "ea95132c15732412%2e2c1476fa83f27a",
          "ea95132c15732412d22c1476fa83f27a/",
          "ea95132c15732412d22c1476fa83f27a\n",
          "../../ea95132c15732412d22c1476fa83f27a",
          "ea95132c15732412-22c1476fa83f27a",
          "ea95132c15732412\u0661\u0662c1476fa83f27a",
          "ea95132c15732412\uff21\uff22c1476fa83f27a"
        })
    void invalidUidsAreRejected(String uid) {
      assertThat(Video.isValidUid(uid)).isFalse();
      assertThatThrownBy(() -> Video.ofUid(uid)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Video.fromMap(Map.of("uid", uid)))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullUidIsInvalid() {
      assertThat(Video.isValidUid(null)).isFalse();
    }
  }

  @Nested
  class Immutability {

    @Test
    void toMapAndNestedValuesAreUnmodifiable() {
      Video video = full();
      Map<String, Object> document = video.toMap();

      assertThatThrownBy(() -> document.put("uid", "x"))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> document.remove("meta"))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> asMap(document.get("status")).put("state", "ready"))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> asMap(asMap(document.get("status")).get("newThing")).clear())
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> asList(document.get("allowedOrigins")).add("evil.example"))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> asList(asMap(document.get("newField")).get("x")).set(0, 9))
          .isInstanceOf(UnsupportedOperationException.class);
      List<Object> deepList =
          asList(asMap(asMap(document.get("newField")).get("deep")).get("list"));
      assertThatThrownBy(() -> asMap(deepList.get(0)).put("a", 2))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> video.meta().put("name", "x"))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> asList(video.meta().get("tags")).add("x"))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> video.watermark().put("name", "x"))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThat(video).isEqualTo(full());
    }

    @Test
    void fromMapCopiesDeeply() {
      List<Object> origins = new ArrayList<>(List.of("a.example"));
      Map<String, Object> meta = new LinkedHashMap<>(Map.of("name", "n"));
      Map<String, Object> source = new LinkedHashMap<>();
      source.put("uid", UID);
      source.put("allowedOrigins", origins);
      source.put("meta", meta);
      Video video = Video.fromMap(source);

      origins.add("b.example");
      meta.put("name", "changed");
      source.put("creator", "late");

      assertThat(video.allowedOrigins()).containsExactly("a.example");
      assertThat(video.metaString("name")).isEqualTo("n");
      assertThat(video.creator()).isNull();
    }

    @Test
    void withReturnsANewVideoAndLeavesTheOriginal() {
      Video original = full();

      Video changed = original.with("creator", "someone-else");
      Video removed = original.with("creator", null);
      Video added = original.with("brandNew", List.of(1, "two"));

      assertThat(changed).isNotSameAs(original).isNotEqualTo(original);
      assertThat(changed.creator()).isEqualTo("someone-else");
      assertThat(removed.creator()).isNull();
      assertThat(removed.toMap()).doesNotContainKey("creator");
      assertThat(added.get("brandNew")).contains(List.of(1, "two"));
      assertThat(original.creator()).isEqualTo("creator-id_abcde12345");
      assertThat(original.toMap()).doesNotContainKey("brandNew");
      assertThat(original).isEqualTo(full());
      assertThat(changed.toMap()).hasSize(original.toMap().size());
      assertThat(changed.status()).isEqualTo(original.status());
    }

    @Test
    void withCopiesTheGivenValueDeeplyAndUnmodifiably() {
      Map<String, Object> watermark = new LinkedHashMap<>();
      watermark.put("uid", UID);
      Video video = Video.ofUid(UID).with("watermark", watermark);

      watermark.put("name", "changed later");

      assertThat(video.watermark()).isEqualTo(Map.of("uid", UID));
      assertThatThrownBy(() -> video.watermark().put("x", 1))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void uidCannotChange() {
      Video video = full();

      assertThatThrownBy(() -> video.with("uid", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> video.with("uid", null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(video.uid()).isEqualTo(UID);
    }

    @Test
    void withMetaSetsAndRemovesOneEntry() {
      Video original = full();

      Video set = original.withMeta("download_url", "https://example.com/v.mp4");
      Video removed = original.withMeta("download_url", null);
      Video fresh = Video.ofUid(UID).withMeta("name", "first");

      assertThat(set.downloadUrl()).isEqualTo("https://example.com/v.mp4");
      assertThat(set.metaString("filename")).isEqualTo("holiday.mp4");
      assertThat(set.meta()).hasSize(6);
      assertThat(removed.downloadUrl()).isNull();
      assertThat(removed.meta()).hasSize(5).containsKey("filename");
      assertThat(fresh.meta()).isEqualTo(Map.of("name", "first"));
      assertThat(original.downloadUrl()).isEqualTo(BASE + UID + "/downloads/default.mp4");
      assertThat(original).isEqualTo(full());
      assertThatThrownBy(() -> set.meta().put("x", "y"))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  class Equality {

    @Test
    void equalByContentRegardlessOfKeyOrder() {
      Video a =
          parse(
              "{\"uid\": \"%s\", \"creator\": \"c\", \"meta\": {\"a\": 1, \"b\": 2}}"
                  .formatted(UID));
      Video b =
          parse(
              "{\"meta\": {\"b\": 2, \"a\": 1}, \"creator\": \"c\", \"uid\": \"%s\"}"
                  .formatted(UID));

      assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
      assertThat(a).isNotSameAs(b);
    }

    @Test
    void differentContentIsNotEqual() {
      Video a = parse("{\"uid\": \"%s\", \"meta\": {\"a\": 1}}".formatted(UID));

      assertThat(a).isNotEqualTo(parse("{\"uid\": \"%s\", \"meta\": {\"a\": 2}}".formatted(UID)));
      assertThat(a).isNotEqualTo(parse("{\"uid\": \"%s\"}".formatted(UID)));
      assertThat(a).isNotEqualTo(Video.ofUid(PARENT).withMeta("a", 1));
      assertThat(a).isNotEqualTo(a.toMap());
      assertThat(Video.ofUid(UID)).isEqualTo(Video.ofUid(UID));
      assertThat(Video.ofUid(UID)).isNotEqualTo(Video.ofUid(PARENT));
    }

    @Test
    void toStringShowsTheDocument() {
      assertThat(Video.ofUid(UID).toString()).contains(UID);
    }
  }
}
