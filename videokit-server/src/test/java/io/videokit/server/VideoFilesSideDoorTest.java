package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.core.tus.UploadIds;
import io.videokit.local.VideoEntity;
import io.videokit.local.VideoRepository;
import io.videokit.local.VideoService;
import io.videokit.video.Video;
import io.videokit.video.VideoInput;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Files that belong to videos obey the video's access policy on every route: path streaming is no
 * side door to an unready video, to bytes a crash left behind without a video, or through a link
 * into {@code videos/} (issue 7, class 2).
 */
class VideoFilesSideDoorTest extends ServerTestSupport {

  private static final byte[] BYTES = "not really a video, but bytes".getBytes();

  @Autowired VideoRepository repository;
  @Autowired VideoService videos;
  @Autowired TransactionTemplate transactions;

  private String uid;

  @BeforeEach
  void unreadyVideoOfAlice() throws Exception {
    uid = UploadIds.random();
    Path file = Files.createDirectories(DATA.resolve("media/videos")).resolve(uid + ".mp4");
    Files.write(file, BYTES);
    Video video = Video.uploaded(uid, "local", ALICE, Map.of(), BYTES.length, Instant.now());
    transactions.executeWithoutResult(
        s -> repository.insert(new VideoEntity(video, "videos/" + uid + ".mp4")));
  }

  private HttpResponse<byte[]> get(String path, String user) throws Exception {
    HttpRequest.Builder request = request(path);
    if (user != null) {
      request.header("Authorization", basic(user));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void anUnreadyVideosFileIsNotFoundByPathForOthersButStreamsForItsCreator() throws Exception {
    String path = "/api/stream/?path=videos/" + uid + ".mp4";

    assertThat(get(path, null).statusCode()).isEqualTo(404);
    assertThat(get(path, BOB).statusCode()).isEqualTo(404);
    HttpResponse<byte[]> own = get(path, ALICE);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.body()).isEqualTo(BYTES);
  }

  @Test
  void aReadyVideosFileStreamsByPathForAnyone() throws Exception {
    videos.update(uid, v -> v.ready(1.0, new VideoInput(320, 240), Instant.now()));

    HttpResponse<byte[]> anyone = get("/api/stream/?path=videos/" + uid + ".mp4", null);

    assertThat(anyone.statusCode()).isEqualTo(200);
    assertThat(anyone.body()).isEqualTo(BYTES);
  }

  @Test
  void aLinkIntoVideosObeysTheVideosPolicy() throws Exception {
    Path media = DATA.resolve("media");
    Path alias = media.resolve("alias-" + uid);
    Files.createSymbolicLink(alias, media.resolve("videos"));
    Files.createDirectories(media.resolve("movies"));
    Files.createSymbolicLink(
        media.resolve("movies/" + uid + ".mp4"), media.resolve("videos/" + uid + ".mp4"));

    assertThat(get("/api/stream/?path=alias-" + uid + "/" + uid + ".mp4", null).statusCode())
        .isEqualTo(404);
    assertThat(get("/api/stream/?path=movies/" + uid + ".mp4", null).statusCode()).isEqualTo(404);
    assertThat(get("/api/stream/?path=movies/" + uid + ".mp4", ALICE).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"orphan.mp4", "notes.txt", "0123456789abcdef0123456789abcdef.mp4"})
  void filesUnderVideosThatNoVideoOwnsAreNotFoundForAnyone(String name) throws Exception {
    Files.write(DATA.resolve("media/videos").resolve(name), BYTES);

    for (String user : new String[] {null, BOB, ADMIN}) {
      assertThat(get("/api/stream/?path=videos/" + name, user).statusCode())
          .as("%s as %s", name, user)
          .isEqualTo(404);
    }
  }

  @Test
  void bytesLeftUnderAnotherVideosNameAreNotServedAsThatVideo() throws Exception {
    // same uid, another extension: not the video's file, so not reachable at all
    Files.write(DATA.resolve("media/videos").resolve(uid + ".html"), BYTES);

    assertThat(get("/api/stream/?path=videos/" + uid + ".html", ALICE).statusCode()).isEqualTo(404);
  }
}
