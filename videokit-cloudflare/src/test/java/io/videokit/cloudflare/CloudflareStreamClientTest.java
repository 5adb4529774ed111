package io.videokit.cloudflare;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import io.videokit.cloudflare.fake.RecordedRequest;
import io.videokit.cloudflare.fake.VideoSeed;
import io.videokit.video.Video;
import io.videokit.video.VideoState;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every client method against the schema-validating fake: happy paths and Cloudflare's errors. */
class CloudflareStreamClientTest extends FakeCloudflareTestSupport {

  // ------------------------------------------------------------------------------- videos

  @Test
  void videoReadsTheVideoObjectWithItsTypedFields() {
    String uid =
        fake.addVideo(
            VideoSeed.ready()
                .creator("creator-1")
                .meta("name", "Cats in Space")
                .duration(42.5)
                .input(1280, 720)
                .requireSignedURLs(true)
                .allowedOrigins("example.com"));

    Video video = client().video(uid);

    assertThat(video.uid()).isEqualTo(uid);
    assertThat(video.creator()).isEqualTo("creator-1");
    assertThat(video.meta()).containsEntry("name", "Cats in Space");
    assertThat(video.duration()).isEqualTo(42.5);
    assertThat(video.input().width()).isEqualTo(1280);
    assertThat(video.input().height()).isEqualTo(720);
    assertThat(video.readyToStream()).isTrue();
    assertThat(video.requireSignedUrls()).isTrue();
    assertThat(video.allowedOrigins()).containsExactly("example.com");
    assertThat(video.state()).contains(VideoState.READY);
    assertThat(video.status().pctComplete()).isEqualTo(100.0);
    assertThat(video.created()).isNotNull();
    assertThat(video.playback().hls()).contains(fake.customerHost()).contains(uid);
    assertThat(count("GET", "/" + uid)).isEqualTo(1);
    assertEveryApiRequestSentTheBearerToken();
    fake.assertNoSchemaViolations();
  }

  @Test
  void listAppliesStatusCreatorSearchAndDateFiltersAndReportsTotalAndRange() {
    Instant base = Instant.parse("2024-05-01T10:00:00Z");
    String a =
        fake.addVideo(
            VideoSeed.ready().creator("alice").meta("name", "Cats in Space").created(base));
    String b =
        fake.addVideo(
            VideoSeed.inState("queued")
                .creator("bob")
                .meta("name", "dogs")
                .created(base.plusSeconds(60)));
    String c =
        fake.addVideo(
            VideoSeed.ready()
                .creator("alice")
                .meta("name", "space dogs")
                .created(base.plusSeconds(120)));
    CloudflareStreamClient client = client();

    VideoPage all = client.list(VideoQuery.ALL);
    assertThat(uids(all.videos())).containsExactly(c, b, a);
    assertThat(all.total()).isEqualTo(3);
    assertThat(all.range()).isEqualTo(3);

    VideoPage alice = client.list(VideoQuery.byCreator("alice"));
    assertThat(uids(alice.videos())).containsExactly(c, a);
    assertThat(alice.total()).isEqualTo(2);

    assertThat(uids(client.list(new VideoQuery("ready", null, null, true, null, null)).videos()))
        .containsExactly(a, c);
    assertThat(uids(client.list(new VideoQuery(null, null, "SPACE", false, null, null)).videos()))
        .containsExactly(c, a);
    assertThat(
            uids(
                client
                    .list(
                        new VideoQuery(
                            null, null, null, false, base.plusSeconds(30), base.plusSeconds(90)))
                    .videos()))
        .containsExactly(b);
    assertThat(client.list(VideoQuery.byCreator("nobody")).videos()).isEmpty();

    RecordedRequest filtered = requests("GET", "").get(2);
    assertThat(filtered.url()).contains("status=ready").contains("asc=true");
    assertEveryApiRequestSentTheBearerToken();
    fake.assertNoSchemaViolations();
  }

  @Test
  void listAllFollowsPagesBeyondCloudflaresThousandVideoPageUntilEveryVideoIsSeen() {
    Instant base = Instant.parse("2024-01-01T00:00:00Z");
    List<String> seeded = new ArrayList<>();
    for (int i = 0; i < 1003; i++) {
      seeded.add(fake.addVideo(VideoSeed.ready().created(base.plusSeconds(i))));
    }
    Collections.reverse(seeded);
    CloudflareStreamClient client = client();

    List<Video> everything = client.listAll(VideoQuery.ALL, 5000);

    assertThat(uids(everything)).hasSize(1003).doesNotHaveDuplicates();
    assertThat(uids(everything)).containsExactlyElementsOf(seeded);
    assertThat(count("GET", "")).isEqualTo(2);
    // The second page is asked for by date, around the oldest video of the first page (00:00:03).
    RecordedRequest second = requests("GET", "").get(1);
    assertThat(second.url()).contains("end=2024-01-01T00%3A00%3A0");

    List<Video> limited = client.listAll(VideoQuery.ALL, 10);
    assertThat(uids(limited)).containsExactlyElementsOf(seeded.subList(0, 10));
    assertThat(count("GET", "")).isEqualTo(3);
    fake.assertNoSchemaViolations();
  }

  @Test
  void listAllKeepsVideosCreatedInTheSameInstantAsTheLastVideoOfAFullPage() {
    Instant base = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = 0; i < 999; i++) {
      fake.addVideo(VideoSeed.ready().created(base.plusSeconds(10 + i)));
    }
    // The 1000th (oldest on page 1) and the 1001st share their creation instant.
    fake.addVideo(VideoSeed.ready().created(base));
    fake.addVideo(VideoSeed.ready().created(base));

    List<Video> everything = client().listAll(VideoQuery.ALL, 5000);

    assertThat(everything).hasSize(1001);
  }

  @Test
  void editPostsTheChangesAndCloudflareMergesMeta() {
    String uid = fake.addVideo(VideoSeed.ready().meta("name", "old").meta("keep", "me"));
    Map<String, Object> changes = new LinkedHashMap<>();
    changes.put("meta", Map.of("name", "new"));
    changes.put("requireSignedURLs", true);
    changes.put("allowedOrigins", List.of("example.com"));
    changes.put("creator", "carol");

    Video edited = client().edit(uid, changes);

    assertThat(edited.meta()).containsEntry("name", "new").containsEntry("keep", "me");
    assertThat(edited.requireSignedUrls()).isTrue();
    assertThat(edited.allowedOrigins()).containsExactly("example.com");
    assertThat(edited.creator()).isEqualTo("carol");
    assertThat(count("POST", "/" + uid)).isEqualTo(1);
    assertThat(count("PATCH", "/.*")).isZero();
    RecordedRequest request = requests("POST", "/" + uid).get(0);
    assertThat(request.header("Content-Type")).hasValueSatisfying(v -> v.contains("json"));
    assertThat(request.body()).contains("\"meta\":{\"name\":\"new\"}");
    assertThat(fake.video(uid).orElseThrow()).containsEntry("creator", "carol");
    assertEveryApiRequestSentTheBearerToken();
    fake.assertNoSchemaViolations();
  }

  @Test
  void deleteReturnsTrueThenFalseOnceTheVideoIsGone() {
    String uid = fake.addReadyVideo();
    CloudflareStreamClient client = client();

    assertThat(client.delete(uid)).isTrue();
    assertThat(fake.deletedUids()).containsExactly(uid);
    assertThat(count("DELETE", "/" + uid)).isEqualTo(1);

    assertThat(client.delete(uid)).isFalse();
    assertThat(count("DELETE", "/" + uid)).isEqualTo(2);
    assertEveryApiRequestSentTheBearerToken();
    fake.assertNoSchemaViolations();
  }

  @Test
  void deleteOfAnUnknownVideoReturnsFalseAfterOneRequest() {
    String uid = "0123456789abcdef0123456789abcdef";

    assertThat(client().delete(uid)).isFalse();

    assertThat(count("DELETE", "/" + uid)).isEqualTo(1);
    assertEveryApiRequestSentTheBearerToken();
    fake.assertNoSchemaViolations();
  }

  @Test
  void copyFromUrlCreatesADownloadingVideoWithCreatorAndMeta() {
    CloudflareStreamClient client = client();

    Video copy =
        client.copyFromUrl(
            URI.create("https://example.com/videos/cat.mp4"), "creator-7", Map.of("name", "cat"));

    assertThat(copy.status().state()).isEqualTo("downloading");
    assertThat(copy.creator()).isEqualTo("creator-7");
    assertThat(copy.meta()).containsEntry("name", "cat");
    assertThat(fake.videoUids()).containsExactly(copy.uid());
    RecordedRequest request = requests("POST", "/copy").get(0);
    assertThat(request.body()).contains("\"url\":\"https://example.com/videos/cat.mp4\"");
    // The copy is then processed like any upload.
    assertThat(client.video(copy.uid()).status().state()).isEqualTo("queued");
    assertEveryApiRequestSentTheBearerToken();
    fake.assertNoSchemaViolations();
  }

  // ------------------------------------------------------------------------------ uploads

  @ParameterizedTest
  @ValueSource(strings = {"maxDurationSeconds", "maxdurationseconds", "MAXDURATIONSECONDS"})
  void createTusUploadSendsTusHeadersAndReplacesTheBrowsersMaxDurationOfAnyCase(String key) {
    String browserMetadata =
        "name " + b64("holiday.mp4") + "," + key + " " + b64("21600") + ",requiresignedurls";

    TusUploadCreated created =
        client().createTusUpload(new TusUploadRequest(12_345, browserMetadata, "creator-9", 60));

    RecordedRequest request = requests("POST", "").get(0);
    assertThat(request.url()).endsWith("/stream?direct_user=true");
    assertThat(request.header("Tus-Resumable")).contains("1.0.0");
    assertThat(request.header("Upload-Length")).contains("12345");
    assertThat(request.header("Upload-Creator")).contains("creator-9");
    assertThat(request.bodyLength()).isZero();
    Map<String, String> sent = decodeMetadata(request.header("Upload-Metadata").orElseThrow());
    assertThat(sent)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("name", "holiday.mp4", "maxDurationSeconds", "60", "requiresignedurls", ""));

    assertThat(created.uid()).matches("[0-9a-f]{32}");
    assertThat(created.location().toString())
        .isEqualTo(fake.wireMock().baseUrl() + "/tus/" + created.uid() + "?tusv2=true");
    Map<String, Object> video = fake.video(created.uid()).orElseThrow();
    assertThat(video)
        .containsEntry("maxDurationSeconds", 60)
        .containsEntry("creator", "creator-9")
        .containsEntry("requireSignedURLs", true);
    assertThat(video.get("meta")).isEqualTo(Map.of("name", "holiday.mp4"));
    assertEveryApiRequestSentTheBearerToken();
    fake.assertNoSchemaViolations();
  }

  @Test
  void createTusUploadWithoutMetadataOrCreatorSendsNeitherHeader() {
    TusUploadCreated created = client().createTusUpload(new TusUploadRequest(10, null, null, null));

    RecordedRequest request = requests("POST", "").get(0);
    assertThat(request.header("Upload-Metadata")).isEmpty();
    assertThat(request.header("Upload-Creator")).isEmpty();
    assertThat(request.header("Upload-Length")).contains("10");
    assertThat(fake.videoUids()).containsExactly(created.uid());
    assertThat(fake.video(created.uid()).orElseThrow()).doesNotContainKey("maxDurationSeconds");
    fake.assertNoSchemaViolations();
  }

  @Test
  void createTusUploadRejectsMalformedBrowserMetadataWithoutCallingCloudflare() {
    CloudflareStreamClient client = client();

    assertThatThrownBy(
            () -> client.createTusUpload(new TusUploadRequest(10, "name not-base64!!", null, null)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void bytesSentWithTusJavaClientToTheReturnedLocationMakeTheVideoReadyAfterPolling()
      throws Exception {
    byte[] bytes = new byte[300_000];
    new Random(7).nextBytes(bytes);
    CloudflareStreamClient client = client();
    TusUploadCreated created =
        client.createTusUpload(
            new TusUploadRequest(bytes.length, "name " + b64("clip.mp4"), "creator-1", 600));

    TusClient tus = new TusClient();
    TusUpload upload = new TusUpload();
    upload.setSize(bytes.length);
    upload.setInputStream(new ByteArrayInputStream(bytes));
    upload.setFingerprint("test-upload");
    TusUploader uploader = tus.beginOrResumeUploadFromURL(upload, created.location().toURL());
    uploader.setChunkSize(64 * 1024);
    while (uploader.uploadChunk() > -1) {
      // keep sending
    }
    uploader.finish();

    assertThat(fake.uploadedSha256(created.uid()))
        .contains(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    List<String> states = new ArrayList<>();
    Video video;
    do {
      video = client.video(created.uid());
      states.add(video.status().state());
    } while (!video.isTerminal() && states.size() < 10);
    assertThat(states).containsExactly("inprogress", "ready");
    assertThat(video.readyToStream()).isTrue();
    assertThat(video.size()).isEqualTo(bytes.length);
    assertThat(video.meta()).containsEntry("name", "clip.mp4");
    // The tus URL is used without credentials; every API request carried the token.
    assertThat(fake.requests().stream().filter(r -> r.path().startsWith("/tus/")))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.header("Authorization")).isEmpty());
    assertEveryApiRequestSentTheBearerToken();
    fake.assertNoSchemaViolations();
  }

  @Test
  void createDirectUploadReturnsTheUploadUrlAndTheUidOfAPendingVideo() {
    Instant expiry = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    DirectUpload upload =
        client()
            .createDirectUpload(
                new DirectUploadRequest(120, expiry, "creator-3", Map.of("name", "a.mp4"), true));

    assertThat(upload.uploadUrl().toString())
        .isEqualTo(fake.wireMock().baseUrl() + "/upload/" + upload.uid());
    Map<String, Object> video = fake.video(upload.uid()).orElseThrow();
    assertThat(video)
        .containsEntry("maxDurationSeconds", 120)
        .containsEntry("creator", "creator-3")
        .containsEntry("requireSignedURLs", true);
    assertThat(video.get("meta")).isEqualTo(Map.of("name", "a.mp4"));
    assertThat(video.get("status")).asString().contains("pendingupload");
    assertThat(requests("POST", "/direct_upload").get(0).body())
        .contains("\"maxDurationSeconds\":120");
    assertEveryApiRequestSentTheBearerToken();
    fake.assertNoSchemaViolations();
  }

  // ---------------------------------------------------------------------------- downloads

  @Test
  void downloadsCanOnlyBeCreatedOnceTheVideoIsReadyAndCanBeDeleted() {
    String pending = fake.addVideo(VideoSeed.inState("inprogress"));
    String ready = fake.addReadyVideo();
    CloudflareStreamClient client = client();

    CloudflareApiException notReady =
        thrown(CloudflareApiException.class, () -> client.createDownload(pending));
    assertThat(notReady.status()).isEqualTo(400);
    assertThat(notReady.errors())
        .containsExactly(
            new CloudflareError(10006, "downloads can only be created for videos that are ready"));
    assertThat(notReady.reason())
        .isEqualTo("downloads can only be created for videos that are ready");
    assertThat(notReady.isRetryable()).isFalse();
    assertThat(count("POST", "/" + pending + "/downloads")).isEqualTo(1);

    assertThat(client.download(ready)).isEmpty();
    Download started = client.createDownload(ready);
    assertThat(started.status()).isEqualTo("inprogress");
    assertThat(started.isReady()).isFalse();
    assertThat(started.percentComplete()).isZero();

    Download done = client.download(ready).orElseThrow();
    assertThat(done.isReady()).isTrue();
    assertThat(done.percentComplete()).isEqualTo(100.0);
    assertThat(done.url()).contains(fake.customerHost()).contains(ready);

    assertThat(client.deleteDownloads(ready)).isTrue();
    assertThat(client.download(ready)).isEmpty();
    assertThat(client.deleteDownloads("0123456789abcdef0123456789abcdef")).isFalse();
    assertEveryApiRequestSentTheBearerToken();
    fake.assertNoSchemaViolations();
  }

  // --------------------------------------------------------------------------------- clip

  @Test
  void clipCreatesAVideoOfTheRangeThatCanBeFetchedByItsUid() {
    String parent =
        fake.addVideo(VideoSeed.ready().duration(60).creator("creator-1").meta("name", "full"));
    CloudflareStreamClient client = client();

    Video clip =
        client.clip(
            new ClipRequest(parent, 5, 15, "creator-1", null, true, Map.of("name", "part")));

    assertThat(clip.uid()).isNotEqualTo(parent);
    assertThat(clip.get("clippedFromVideoUID")).contains(parent);
    assertThat(clip.creator()).isEqualTo("creator-1");
    assertThat(clip.status().state()).isEqualTo("queued");
    assertThat(requests("POST", "/clip").get(0).body())
        .contains("\"clippedFromVideoUID\":\"" + parent + "\"")
        .contains("\"startTimeSeconds\":5")
        .contains("\"endTimeSeconds\":15");
    Video fetched = client.video(clip.uid());
    assertThat(fetched.clippedFrom()).isEqualTo(parent);
    assertThat(fetched.requireSignedUrls()).isTrue();
    assertThat(fetched.meta()).containsEntry("name", "part");
    assertEveryApiRequestSentTheBearerToken();
    fake.assertNoSchemaViolations();
  }

  @Test
  void clipAnswerNamesTheParentThroughClippedFrom() {
    String parent = fake.addVideo(VideoSeed.ready().duration(60));

    Video clip = client().clip(ClipRequest.firstSeconds(parent, 10));

    assertThat(clip.clippedFrom()).isEqualTo(parent);
  }

  @Test
  void clipLongerThanTheParentFailsWithCloudflareCode10005AndIsNotRetried() {
    String parent = fake.addVideo(VideoSeed.ready().duration(30));

    CloudflareApiException tooLong =
        thrown(
            CloudflareApiException.class,
            () -> client().clip(ClipRequest.firstSeconds(parent, 45)));

    assertThat(tooLong.hasErrorCode(10005)).isTrue();
    assertThat(tooLong.hasErrorCode(10006)).isFalse();
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.reason()).contains("duration of the parent");
    assertThat(count("POST", "/clip")).isEqualTo(1);
    assertThat(fake.videoUids()).containsExactly(parent);
    fake.assertNoSchemaViolations();
  }

  // ----------------------------------------------------------------------- signed playback

  @Test
  void createTokenReturnsAnRs256TokenForTheVideoThatTheFakeVerifies() {
    String uid = fake.addVideo(VideoSeed.ready().requireSignedURLs(true));
    Instant expires = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    Instant notBefore = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    List<Map<String, Object>> rules =
        List.of(Map.of("type", "ip.geoip.country", "action", "allow", "country", List.of("GB")));

    String token = client().createToken(uid, new TokenRequest(expires, notBefore, true, rules));

    Map<String, Object> claims = fake.verifySignedToken(token);
    assertThat(claims)
        .containsEntry("sub", uid)
        .containsEntry("downloadable", true)
        .containsEntry("accessRules", rules);
    assertThat(((Number) claims.get("exp")).longValue()).isEqualTo(expires.getEpochSecond());
    assertThat(((Number) claims.get("nbf")).longValue()).isEqualTo(notBefore.getEpochSecond());
    assertEveryApiRequestSentTheBearerToken();
    fake.assertNoSchemaViolations();
  }

  @Test
  void aCreatedSigningKeySignsTokensLocallyFromItsJwkAndFromItsPemThatTheFakeVerifies() {
    String uid = fake.addVideo(VideoSeed.ready().requireSignedURLs(true));
    CloudflareStreamClient client = client();
    TokenRequest request = TokenRequest.until(Instant.now().plus(1, ChronoUnit.HOURS));

    SigningKey key = client.createSigningKey();

    assertThat(key.pem()).isNotBlank();
    assertThat(key.jwk()).isNotBlank();
    assertThat(key.created()).isNotNull();
    assertThat(key.toString()).contains(key.id()).doesNotContain(key.pem(), key.jwk());
    String fromJwk = SignedUrls.withKey(key.id(), key.jwk(), null).token(uid, request);
    String fromPem = SignedUrls.withKey(key.id(), key.pem(), null).token(uid, request);
    for (String token : List.of(fromJwk, fromPem)) {
      assertThat(fake.verifySignedToken(token))
          .containsEntry("sub", uid)
          .containsEntry("kid", key.id());
    }
    // Signing locally needs no request: only the key creation went to Cloudflare.
    assertThat(apiRequests()).hasSize(1);
    assertEveryApiRequestSentTheBearerToken();
    fake.assertNoSchemaViolations();
  }

  @Test
  void signingKeysAreListedWithoutSecretsAndDeletingOneInvalidatesItsTokens() {
    String uid = fake.addReadyVideo();
    CloudflareStreamClient client = client();
    SigningKey first = client.createSigningKey();
    SigningKey second = client.createSigningKey();
    String token =
        SignedUrls.withKey(first.id(), first.jwk(), null)
            .token(uid, TokenRequest.until(Instant.now().plus(1, ChronoUnit.HOURS)));

    List<SigningKey> keys = client.signingKeys();
    assertThat(keys).extracting(SigningKey::id).containsExactly(first.id(), second.id());
    assertThat(keys).allSatisfy(k -> assertThat(k.pem()).isNull());

    assertThat(client.deleteSigningKey(first.id())).isTrue();
    assertThatThrownBy(() -> fake.verifySignedToken(token))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown signing key");
    assertThat(client.signingKeys()).extracting(SigningKey::id).containsExactly(second.id());
    assertThat(client.deleteSigningKey(first.id())).isFalse();
    assertEveryApiRequestSentTheBearerToken();
    fake.assertNoSchemaViolations();
  }

  // ------------------------------------------------------------------------------- webhook

  @Test
  void webhookIsRegisteredWithASecretReadBackAndDeleted() {
    CloudflareStreamClient client = client();
    assertThat(client.webhook()).isEmpty();

    Webhook registered = client.registerWebhook(URI.create("https://example.com/hooks/stream"));

    assertThat(registered.notificationUrl()).isEqualTo("https://example.com/hooks/stream");
    assertThat(registered.secret()).isNotBlank().isEqualTo(fake.webhookSecret().orElseThrow());
    assertThat(registered.modified()).isNotNull();
    assertThat(registered.toString())
        .contains("https://example.com/hooks/stream")
        .doesNotContain(registered.secret());
    assertThat(requests("PUT", "/webhook").get(0).body())
        .isEqualTo("{\"notificationUrl\":\"https://example.com/hooks/stream\"}");

    Webhook read = client.webhook().orElseThrow();
    assertThat(read.notificationUrl()).isEqualTo(registered.notificationUrl());
    assertThat(read.secret()).isEqualTo(registered.secret());

    assertThat(client.deleteWebhook()).isTrue();
    assertThat(client.webhook()).isEmpty();
    assertThat(client.deleteWebhook()).isFalse();
    assertEveryApiRequestSentTheBearerToken();
    fake.assertNoSchemaViolations();
  }

  // --------------------------------------------------------------------------- live inputs

  @Test
  void liveInputIsCreatedReadUpdatedAndListedWithItsEndpoints() {
    CloudflareStreamClient client = client();

    CloudflareLiveInput created =
        client.createLiveInput(LiveInputRequest.recording("Studio A", "creator-1"));

    assertThat(created.uid()).matches("[0-9a-f]{32}");
    assertThat(created.meta()).containsEntry("name", "Studio A");
    assertThat(created.rtmpsUrl()).startsWith("rtmps://");
    assertThat(created.rtmpsStreamKey()).isNotBlank();
    assertThat(created.srtUrl()).startsWith("srt://");
    assertThat(created.webRtcUrl()).startsWith("https://").contains("/webRTC/publish");
    assertThat(created.webRtcPlaybackUrl()).contains(created.uid()).contains("/webRTC/play");
    assertThat(created.state()).isNull();
    assertThat(created.toString()).contains(created.uid()).doesNotContain(created.rtmpsStreamKey());
    assertThat(created.toMap().get("recording")).asString().contains("mode=automatic");
    // the answer documents no defaultCreator: check what was sent
    assertThat(requests("POST", "/live_inputs").get(0).body())
        .contains("\"defaultCreator\":\"creator-1\"");

    CloudflareLiveInput read = client.liveInput(created.uid());
    assertThat(read.rtmpsStreamKey()).isEqualTo(created.rtmpsStreamKey());
    assertThat(read.meta()).isEqualTo(created.meta());

    CloudflareLiveInput updated =
        client.updateLiveInput(
            created.uid(),
            new LiveInputRequest(
                Map.of("name", "Studio B"), "creator-2", "off", 10, true, 30, false));
    assertThat(updated.meta()).containsEntry("name", "Studio B");
    assertThat(requests("PUT", "/live_inputs/" + created.uid()).get(0).body())
        .contains("\"enabled\":false");
    assertThat(updated.toMap().get("recording")).asString().contains("mode=off");
    assertThat(requests("PUT", "/live_inputs/" + created.uid())).hasSize(1);

    List<CloudflareLiveInput> listed = client.liveInputs();
    assertThat(listed).extracting(CloudflareLiveInput::uid).containsExactly(created.uid());
    assertThat(listed.get(0).rtmpsStreamKey()).isNull();

    CloudflareApiException unknown =
        thrown(
            CloudflareApiException.class,
            () -> client.liveInput("0123456789abcdef0123456789abcdef"));
    assertThat(unknown.isNotFound()).isTrue();
    assertEveryApiRequestSentTheBearerToken();
    fake.assertNoSchemaViolations();
  }

  @Test
  void deleteLiveInputReturnsTrueThenFalseOnceTheInputIsGone() {
    CloudflareStreamClient client = client();
    CloudflareLiveInput created =
        client.createLiveInput(LiveInputRequest.recording("Studio A", null));

    assertThat(client.deleteLiveInput(created.uid())).isTrue();
    assertThat(count("DELETE", "/live_inputs/" + created.uid())).isEqualTo(1);
    assertThat(client.liveInputs()).isEmpty();
    assertThat(client.deleteLiveInput(created.uid())).isFalse();
    fake.assertNoSchemaViolations();
  }

  // -------------------------------------------------------------------------------- errors

  @Test
  void unknownVideoIsNotFoundWithCloudflaresCodeAndMessageAndIsNotRetried() {
    String uid = "0123456789abcdef0123456789abcdef";

    CloudflareApiException missing =
        thrown(CloudflareApiException.class, () -> client().video(uid));

    assertThat(missing).isExactlyInstanceOf(CloudflareApiException.class);
    assertThat(missing.isNotFound()).isTrue();
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.errors())
        .containsExactly(new CloudflareError(10003, "Not Found: video " + uid));
    assertThat(missing.hasErrorCode(10003)).isTrue();
    assertThat(missing.isRetryable()).isFalse();
    assertThat(missing.getMessage()).contains("GET /stream/{uid}").contains("404");
    assertThat(count("GET", "/" + uid)).isEqualTo(1);
    assertTokenNotLeaked(missing, fake.apiToken());
    fake.assertNoSchemaViolations();
  }

  @Test
  void wrongTokenIsRejectedWithCloudflaresAuthenticationCodeAndNeverAppearsInTheException() {
    String uid = fake.addReadyVideo();
    String wrongToken = "wrong-token-9f8e7d6c5b4a";
    CloudflareStreamClient client = clientBuilder().apiToken(wrongToken).build();

    CloudflareApiException denied = thrown(CloudflareApiException.class, () -> client.video(uid));

    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.hasErrorCode(10000)).isTrue();
    assertThat(denied.reason()).isEqualTo("Authentication error");
    assertThat(denied.isRetryable()).isFalse();
    assertThat(apiRequests()).hasSize(1);
    assertThat(apiRequests().get(0).header("Authorization")).contains("Bearer " + wrongToken);
    assertTokenNotLeaked(denied, wrongToken);
    fake.assertNoSchemaViolations();
  }

  @Test
  void successFalseInA200EnvelopeIsAnApiExceptionKeepingCloudflaresErrors() {
    String uid = fake.addReadyVideo();
    fake.wireMock()
        .stubFor(
            get(urlPathMatching(".*/stream/" + uid))
                .willReturn(
                    okJson(
                        "{\"result\":null,\"success\":false,"
                            + "\"errors\":[{\"code\":10999,\"message\":\"odd failure\"}],"
                            + "\"messages\":[]}")));

    CloudflareApiException failed = thrown(CloudflareApiException.class, () -> client().video(uid));

    assertThat(failed.status()).isEqualTo(200);
    assertThat(failed.errors()).containsExactly(new CloudflareError(10999, "odd failure"));
    assertThat(failed.reason()).isEqualTo("odd failure");
    assertThat(count("GET", "/" + uid)).isEqualTo(1);
    assertTokenNotLeaked(failed, fake.apiToken());
  }

  @Test
  void clientRejectsInvalidIdentifiersBeforeCallingCloudflare() {
    CloudflareStreamClient client = client();

    assertThatThrownBy(() -> client.video("../keys")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.liveInput("a/b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.deleteSigningKey("x?y"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(fake.requests()).isEmpty();
  }

  private static List<String> uids(List<Video> videos) {
    return videos.stream().map(Video::uid).toList();
  }
}
