package io.videokit.autoconfigure.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import io.videokit.autoconfigure.cloudflare.app.CloudflareTestApplication;
import io.videokit.autoconfigure.cloudflare.app.Post;
import io.videokit.autoconfigure.cloudflare.app.PostRepository;
import io.videokit.cloudflare.fake.FakeCloudflareStream;
import io.videokit.jpa.ProcessedVideoSync;
import io.videokit.jpa.VideoAttributeJobs;
import io.videokit.jpa.VideoAttributeSweep;
import io.videokit.jpa.VideoAttributes;
import io.videokit.jpa.VideoHolders;
import io.videokit.jpa.VideoQueries;
import io.videokit.video.Video;
import io.videokit.video.VideoPlayback;
import io.videokit.video.VideoState;
import io.videokit.video.event.VideoDeletedEvent;
import io.videokit.video.event.VideoLifecycleEvent;
import io.videokit.video.event.VideoReadyEvent;
import io.videokit.video.event.VideoUploadedEvent;
import io.videokit.video.provider.UploadRequest;
import io.videokit.video.provider.UploadTicket;
import io.videokit.video.provider.VideoProvider;
import io.videokit.video.provider.VideoProviders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * The provider parity test: one entity ({@link Post}), one test body, run against the self-hosted
 * provider and against the Cloudflare fake, on H2 and PostgreSQL, asserting the same observable
 * lifecycle — upload through the provider's tus location, attach by uid, ready, found by state
 * through JSON path, a playback URL, the same lifecycle events, and the provider's video deleted
 * with the entity.
 */
class ProviderParityTest {

  @TempDir Path data;

  FakeCloudflareStream fake;
  ConfigurableApplicationContext app;
  final List<VideoLifecycleEvent> events = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void fake() {
    fake = FakeCloudflareStream.start();
    fake.downloadSteps(0).defaultDuration(12);
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    fake.close();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({"local,h2", "local,postgresql", "cloudflare,h2", "cloudflare,postgresql"})
  void theSameLifecycleWhicheverProviderHoldsTheVideo(String name, String vendor) throws Exception {
    app = CloudflareApp.start(vendor, fake, data, "videokit.provider=" + name);
    app.addApplicationListener(
        (ApplicationListener<PayloadApplicationEvent<?>>)
            event -> {
              if (event.getPayload() instanceof VideoLifecycleEvent lifecycle) {
                events.add(lifecycle);
              }
            });
    VideoProviders providers = app.getBean(VideoProviders.class);
    PostRepository posts = app.getBean(PostRepository.class);
    VideoProvider provider = providers.forNewUploads();
    assertThat(provider.name()).isEqualTo(name);

    // upload: the provider hands out a tus location, the client PATCHes the bytes there
    byte[] bytes = new byte[300 * 1024];
    new Random(7).nextBytes(bytes);
    UploadTicket ticket =
        provider.createUpload(
            new UploadRequest(
                bytes.length, "alice", Map.of("name", "lesson.mp4", "filetype", "video/mp4"), 600));
    assertThat(ticket.provider()).isEqualTo(name);
    HttpResponse<String> patch = patch(absolute(ticket.location()), bytes);
    assertThat(patch.statusCode()).isEqualTo(204);

    // attach: the application stores Video.ofUid(uid); videokit names the provider and syncs
    Post post = posts.save(new Post("lesson", Video.ofUid(ticket.uid())));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !posts.findAll(VideoQueries.<Post>state("video", VideoState.READY)).isEmpty());
    Video video = posts.findById(post.getId()).orElseThrow().getVideo();
    assertThat(video.uid()).isEqualTo(ticket.uid());
    assertThat(video.provider()).isEqualTo(name);
    assertThat(video.readyToStream()).isTrue();
    assertThat(video.metaString("name")).isEqualTo("lesson.mp4");
    assertThat(posts.findAll(VideoQueries.<Post>state("video", VideoState.QUEUED))).isEmpty();
    assertThat(posts.findAll(VideoQueries.<Post>uid("video", ticket.uid())))
        .extracting(Post::getId)
        .containsExactly(post.getId());

    // playback: where the provider says
    VideoPlayback playback = providers.of(video).orElseThrow().playback(video);
    String url = playback.file() != null ? playback.file() : playback.hls();
    assertThat(url).contains(ticket.uid());

    // delete: removing the entity deletes the provider's video
    posts.delete(posts.findById(post.getId()).orElseThrow());
    await().atMost(Duration.ofSeconds(30)).until(() -> provider.fetch(ticket.uid()).isEmpty());

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() ->
            assertThat(events)
                .filteredOn(e -> e.video().uid().equals(ticket.uid()))
                .extracting(e -> e.getClass().getSimpleName())
                .containsSubsequence(
                    VideoUploadedEvent.class.getSimpleName(),
                    VideoReadyEvent.class.getSimpleName(),
                    VideoDeletedEvent.class.getSimpleName()));
    assertThat(events).allSatisfy(e -> assertThat(e.video().provider()).isEqualTo(name));
  }

  /**
   * A self-hosted video whose processing ends before the application attaches it (a small file
   * processes in milliseconds): the end of processing schedules nothing while no attribute holds
   * it, so no job can read "no holder" just before the attach commits and then swallow the attach's
   * own scheduling; once held, the end of processing asks for an immediate step.
   */
  @ParameterizedTest(name = "on {0}")
  @CsvSource({"h2", "postgresql"})
  void processingThatEndsBeforeTheAttachLeavesTheAttachItsOwnJob(String vendor) throws Exception {
    app = CloudflareApp.start(vendor, fake, data, "videokit.provider=local");
    VideoProvider provider = app.getBean(VideoProviders.class).forNewUploads();
    PostRepository posts = app.getBean(PostRepository.class);
    byte[] bytes = new byte[64 * 1024];
    new Random(11).nextBytes(bytes);
    UploadTicket ticket =
        provider.createUpload(
            new UploadRequest(bytes.length, "alice", Map.of("name", "early.mp4"), 600));
    assertThat(patch(absolute(ticket.location()), bytes).statusCode()).isEqualTo(204);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> provider.fetch(ticket.uid()).map(Video::isTerminal).orElse(false));
    Video processed = provider.fetch(ticket.uid()).orElseThrow();

    List<String> scheduled = new CopyOnWriteArrayList<>();
    VideoAttributeJobs recording =
        new VideoAttributeJobs() {
          @Override
          public void sync(String uid, Instant at, boolean urgent) {
            scheduled.add(uid + (urgent ? " now" : " later"));
          }

          @Override
          public void delete(String uid, String providerName, Instant at) {
            scheduled.add("delete " + uid);
          }
        };
    ProcessedVideoSync bridge =
        new ProcessedVideoSync(
            () -> recording,
            app.getBean(VideoAttributes.class),
            app.getBean(VideoHolders.class),
            Clock.systemUTC());
    bridge.on(new VideoReadyEvent(processed));
    assertThat(scheduled).as("nothing holds it yet").isEmpty();

    Post post = posts.save(new Post("early", Video.ofUid(ticket.uid())));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> posts.findById(post.getId()).orElseThrow().getVideo().readyToStream());
    bridge.on(new VideoReadyEvent(processed));
    assertThat(scheduled).containsExactly(ticket.uid() + " now");
  }

  /**
   * An attach whose synchronisation job was lost (the process died between the entity's commit and
   * the job's insert; here the job is cancelled before it could run): the sweep finds the
   * unfinished video and schedules it again; entities without a video do not disturb the query.
   */
  @ParameterizedTest(name = "on {0}")
  @CsvSource({"h2", "postgresql"})
  void theSweepGivesAnAttachWhoseJobWasLostANewOne(String vendor) throws Exception {
    app =
        CloudflareApp.start(
            vendor,
            fake,
            data,
            "videokit.provider=local",
            "db-scheduler.immediate-execution-enabled=false",
            "db-scheduler.polling-interval=1h");
    VideoProvider provider = app.getBean(VideoProviders.class).forNewUploads();
    PostRepository posts = app.getBean(PostRepository.class);
    SchedulerClient scheduler = app.getBean(SchedulerClient.class);
    byte[] bytes = new byte[16 * 1024];
    new Random(13).nextBytes(bytes);
    UploadTicket ticket =
        provider.createUpload(
            new UploadRequest(bytes.length, "alice", Map.of("name", "lost.mp4"), 600));
    assertThat(patch(absolute(ticket.location()), bytes).statusCode()).isEqualTo(204);
    posts.save(new Post("no video", null));
    posts.save(new Post("lost", Video.ofUid(ticket.uid())));
    TaskInstanceId job = TaskInstanceId.of(VideoAttributeJobs.SYNC, ticket.uid());
    assertThat(scheduler.getScheduledExecution(job)).as("scheduled after the commit").isPresent();
    scheduler.cancel(job);

    VideoAttributeSweep sweep = app.getBean(VideoAttributeSweep.class);
    assertThat(sweep.run()).isEqualTo(1);
    assertThat(scheduler.getScheduledExecution(job)).isPresent();
    assertThat(app.getBean(VideoHolders.class).unfinished(10)).containsExactly(ticket.uid());
  }

  private URI absolute(URI location) {
    if (location.isAbsolute()) {
      return location;
    }
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    return URI.create("http://localhost:" + port).resolve(location);
  }

  private HttpResponse<String> patch(URI location, byte[] bytes) throws Exception {
    return http.send(
        HttpRequest.newBuilder(location)
            .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes))
            .header("Tus-Resumable", "1.0.0")
            .header("Upload-Offset", "0")
            .header("Content-Type", "application/offset+octet-stream")
            .header(CloudflareTestApplication.TEST_USER, "alice")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
