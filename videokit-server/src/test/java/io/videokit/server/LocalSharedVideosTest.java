package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one REST surface with the self-hosted provider (the default, {@code
 * videokit.provider=local}): {@code /api/me} points the page at the tus endpoint, and a video
 * uploaded there with tus-java-client is shared through {@code /api/shared-videos} exactly like a
 * Cloudflare one — listed, filtered by state, played from its file, deletable only by its owner or
 * staff.
 */
class LocalSharedVideosTest extends ServerTestSupport {

  static final String SHARED = "/api/shared-videos";

  static Path video;

  final JsonMapper json = JsonMapper.builder().build();

  @BeforeAll
  static void makeVideo() throws Exception {
    video = TestVideos.mp4(DATA.resolve("shared-local.mp4"), 4, 320, 240);
  }

  @Test
  void meTellsThePageToUploadToTheTusEndpointInEightMebibyteChunks() throws Exception {
    JsonNode alice = getJson("/api/me", ALICE);
    JsonNode admin = getJson("/api/me", ADMIN);

    JsonNode upload = alice.path("upload");
    assertThat(upload.path("provider").asString()).isEqualTo("local");
    assertThat(upload.path("endpoint").asString()).isEqualTo("/api/uploads");
    assertThat(upload.path("chunkSize").asLong()).isEqualTo(8L * 1024 * 1024);
    assertThat(upload.path("mediaIdHeader").isNull()).as("the uid ends the upload URL").isTrue();
    assertThat(alice.path("name").asString()).isEqualTo(ALICE);
    assertThat(alice.path("staff").asBoolean()).isFalse();
    assertThat(admin.path("staff").asBoolean()).isTrue();
    assertThat(alice.has("cloudflare")).isFalse();
  }

  @Test
  void aLocalUploadIsSharedListedAndDeletableOnlyByItsOwnerOrStaff() throws Exception {
    String uid = upload(ALICE);

    HttpResponse<String> shared = share(ALICE, uid, "Local holiday");

    assertThat(shared.statusCode()).as(shared.body()).isEqualTo(201);
    JsonNode created = json.readTree(shared.body());
    long id = created.path("id").asLong();
    assertThat(shared.headers().firstValue("Location")).hasValue(SHARED + "/" + id);
    assertThat(created.path("title").asString()).isEqualTo("Local holiday");
    assertThat(created.path("owner").asString()).isEqualTo(ALICE);
    assertThat(created.path("created").asString()).isNotBlank();
    assertThat(created.path("video").path("uid").asString()).isEqualTo(uid);
    JsonNode page = getJson(SHARED, BOB);
    assertThat(ids(page)).as("every user sees shared videos").contains(id);
    assertThat(getJson(SHARED + "?size=1", ALICE).path("items").size()).isEqualTo(1);
    assertThat(getJson(SHARED + "?size=1", ALICE).path("total").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(status(get(SHARED + "?size=0", ALICE))).isEqualTo(400);

    HttpResponse<String> byBob = delete(SHARED + "/" + id, BOB);
    assertThat(byBob.statusCode()).as(byBob.body()).isEqualTo(403);
    assertThat(byBob.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(status(get(SHARED + "/" + id, ALICE))).isEqualTo(200);

    HttpResponse<String> byOwner = delete(SHARED + "/" + id, ALICE);
    assertThat(byOwner.statusCode()).as(byOwner.body()).isEqualTo(204);
    assertThat(status(get(SHARED + "/" + id, ALICE))).isEqualTo(404);
    assertThat(status(delete(SHARED + "/" + id, ALICE))).isEqualTo(404);
  }

  @Test
  void staffMayDeleteAnyonesSharedVideo() throws Exception {
    long id = id(share(ALICE, upload(ALICE), "moderated"));

    assertThat(status(delete(SHARED + "/" + id, ADMIN))).isEqualTo(204);
  }

  /** Needs the provider-independent attribute machinery: it syncs local videos into the row. */
  @Test
  void aSharedLocalVideoBecomesReadyNamesItsProviderAndPlaysFromItsFile() throws Exception {
    String uid = upload(ALICE);
    long id = id(share(ALICE, uid, "Ready soon"));

    JsonNode ready = awaitShared(id, v -> "ready".equals(state(v)));

    assertThat(ready.path("video").path("provider").asString()).isEqualTo("local");
    assertThat(ready.path("video").path("playback").path("file").asString())
        .isEqualTo("http://127.0.0.1:" + port + "/api/videos/" + uid + "/file");
    assertThat(ready.path("video").path("duration").asDouble()).isBetween(3.5, 4.5);
    assertThat(ids(getJson(SHARED + "?state=ready", ALICE))).contains(id);
    assertThat(ids(getJson(SHARED + "?state=queued", ALICE))).doesNotContain(id);

    assertThat(status(delete(SHARED + "/" + id, ALICE))).isEqualTo(204);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> status(get("/api/videos/" + uid, ALICE)) == 404);
  }

  /** Needs the provider-independent attach policy: only the uploader or staff attaches a uid. */
  @Test
  void sharingSomeoneElsesLocalUploadIsRefused() throws Exception {
    String alices = upload(ALICE);

    HttpResponse<String> byBob = share(BOB, alices, "not mine");

    assertThat(byBob.statusCode()).as(byBob.body()).isEqualTo(403);
    assertThat(byBob.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(uids(getJson(SHARED + "?size=500", ADMIN))).doesNotContain(alices);
    assertThat(status(share(ADMIN, alices, "moderated"))).isEqualTo(201);
  }

  // ------------------------------------------------------------------ helpers

  /** Uploads the test video to this server with tus-java-client, as the page would. */
  String upload(String user) throws Exception {
    TusClient client = new TusClient();
    client.setUploadCreationURL(uri("/api/uploads").toURL());
    client.setHeaders(Map.of("Authorization", basic(user)));
    client.enableResuming(new TusURLMemoryStore());
    TusUpload upload = new TusUpload(video.toFile());
    upload.setMetadata(Map.of("name", "Local holiday", "filename", "holiday.mp4"));
    TusUploader uploader = client.createUpload(upload);
    uploader.setChunkSize(64 * 1024);
    while (uploader.uploadChunk() > -1) {
      // keep sending
    }
    uploader.finish();
    String url = uploader.getUploadURL().toString();
    return url.substring(url.lastIndexOf('/') + 1);
  }

  HttpResponse<String> share(String user, String uid, String title) throws Exception {
    return http.send(
        request(SHARED)
            .header("Authorization", basic(user))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    json.writeValueAsString(Map.of("uid", uid, "title", title))))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  long id(HttpResponse<String> shared) {
    assertThat(shared.statusCode()).as(shared.body()).isEqualTo(201);
    return json.readTree(shared.body()).path("id").asLong();
  }

  JsonNode awaitShared(long id, Predicate<JsonNode> condition) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .alias("shared video " + id)
        .until(() -> {
          last[0] = getJson(SHARED + "/" + id, ALICE);
          return condition.test(last[0]);
        });
    return last[0];
  }

  static String state(JsonNode shared) {
    JsonNode state = shared.path("video").path("status").path("state");
    return state.isString() ? state.asString() : null;
  }

  HttpResponse<String> get(String path, String user) throws Exception {
    return http.send(
        request(path).header("Authorization", basic(user)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> delete(String path, String user) throws Exception {
    return http.send(
        request(path).header("Authorization", basic(user)).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonNode getJson(String path, String user) throws Exception {
    HttpResponse<String> response = get(path, user);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  static int status(HttpResponse<?> response) {
    return response.statusCode();
  }

  static List<Long> ids(JsonNode page) {
    List<Long> ids = new ArrayList<>();
    page.path("items").forEach(item -> ids.add(item.path("id").asLong()));
    return ids;
  }

  static List<String> uids(JsonNode page) {
    List<String> uids = new ArrayList<>();
    page.path("items").forEach(item -> uids.add(item.path("video").path("uid").asString()));
    return uids;
  }
}
