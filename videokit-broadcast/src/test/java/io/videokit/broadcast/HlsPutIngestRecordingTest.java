package io.videokit.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.broadcast.Recording.Failed;
import io.videokit.broadcast.Recording.Ready;
import io.videokit.core.storage.LocalMediaStorage;
import io.videokit.live.HlsPutHandler;
import io.videokit.live.InMemoryLiveTargets;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recordings of HLS-over-PUT broadcasts: the stored playlist and segments (made by a real ffmpeg)
 * are remuxed into one fast-start MP4 handed to the recorder; nothing published, an unsafe playlist
 * or a failed import give a reason, and no temporary file stays behind.
 */
class HlsPutIngestRecordingTest {

  private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");

  @TempDir Path dir;

  private LocalMediaStorage storage;
  private HlsPutHandler handler;
  private Path work;
  private DefaultBroadcast broadcast;
  private final List<String> recorded = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    storage = new LocalMediaStorage(Files.createDirectories(dir.resolve("media")));
    handler =
        new HlsPutHandler(
            "/live",
            storage,
            new InMemoryLiveTargets(),
            Files.createDirectories(dir.resolve("tmp")),
            Clock.systemUTC());
    work = dir.resolve("recordings");
    broadcast = new DefaultBroadcast();
    broadcast.begin(
        "0123456789abcdef0123456789abcdef",
        "Show",
        "alice",
        EndpointKind.HLS_PUT,
        Instant.now(),
        "hash");
  }

  private HlsPutIngest ingest(LiveRecorder recorder) {
    return new HlsPutIngest(
        handler, storage, new HlsRemux(storage, FFMPEG, work, Duration.ofMinutes(1)), recorder);
  }

  /** Three 1 s segments of test pattern and tone, stored under the broadcast's prefix. */
  private List<String> publishThreeSegments() throws Exception {
    assertThat(FFMPEG).as("ffmpeg is needed: apt-get install ffmpeg").isExecutable();
    Path out = Files.createDirectories(dir.resolve("hls"));
    Process ffmpeg =
        new ProcessBuilder(
                FFMPEG.toString(),
                "-nostdin",
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=160x120:rate=25",
                "-f",
                "lavfi",
                "-i",
                "sine",
                "-t",
                "3",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-g",
                "25",
                "-c:a",
                "aac",
                "-f",
                "hls",
                "-hls_time",
                "1",
                "-hls_list_size",
                "0",
                "-hls_segment_filename",
                out.resolve("seg%d.ts").toString(),
                out.resolve("index.m3u8").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("ffmpeg.log").toFile())
            .start();
    assertThat(ffmpeg.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(ffmpeg.exitValue()).as(Files.readString(dir.resolve("ffmpeg.log"))).isZero();
    List<String> names = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("index.m3u8"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.strip());
        storage.put(broadcast.getStoragePrefix() + line.strip(), out.resolve(line.strip()));
      }
    }
    return names;
  }

  private void storePlaylist(String key, String text) throws Exception {
    storage.put(key, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String playlist(List<String> segments) {
    StringBuilder text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n");
    for (String segment : segments) {
      text.append("#EXTINF:1.000000,\n").append(segment).append('\n');
    }
    return text.toString();
  }

  private List<Path> leftInWork() throws IOException {
    if (!Files.exists(work)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(work)) {
      return files.filter(path -> !path.equals(work)).toList();
    }
  }

  @Test
  void theEventManifestBecomesOneFastStartMp4ForTheRecorder() throws Exception {
    List<String> segments = publishThreeSegments();
    assertThat(segments).hasSizeGreaterThanOrEqualTo(3);
    storePlaylist(broadcast.getEventManifest(), playlist(segments));
    // the live manifest slid on: only the last segment is left in it
    storePlaylist(
        broadcast.getLiveManifest(),
        playlist(segments.subList(segments.size() - 1, segments.size())));
    Path[] kept = new Path[1];

    Recording recording =
        ingest(
                (b, uid, file) -> {
                  recorded.add(uid);
                  kept[0] = Files.copy(file, dir.resolve("kept.mp4"));
                  return uid;
                })
            .recording(broadcast);

    String uid = HlsPutIngest.videoUid(broadcast);
    assertThat(recording).isEqualTo(new Ready(uid));
    assertThat(recorded).containsExactly(uid);
    assertThat(uid).hasSize(32).isNotEqualTo(broadcast.getId());
    byte[] mp4 = Files.readAllBytes(kept[0]);
    String boxes = new String(mp4, StandardCharsets.ISO_8859_1);
    assertThat(boxes.substring(4, 8)).isEqualTo("ftyp");
    assertThat(boxes.indexOf("moov"))
        .as("faststart: the index comes first")
        .isLessThan(boxes.indexOf("mdat"));
    assertThat(probeDuration(kept[0])).isBetween(2.5, 3.6);
    assertThat(leftInWork()).isEmpty();
  }

  @Test
  void withoutAnEventManifestTheLiveOneIsRecorded() throws Exception {
    List<String> segments = publishThreeSegments();
    storePlaylist(broadcast.getLiveManifest(), playlist(segments) + "#EXT-X-ENDLIST\n");

    Recording recording = ingest((b, uid, file) -> uid).recording(broadcast);

    assertThat(recording).isInstanceOf(Ready.class);
    assertThat(leftInWork()).isEmpty();
  }

  @Test
  void nothingPublishedIsNoRecording() throws Exception {
    HlsPutIngest ingest =
        ingest((b, uid, file) -> {
          recorded.add(uid);
          return uid;
        });
    assertThat(ingest.recording(broadcast)).isEqualTo(new Failed("nothing was published"));

    storePlaylist(broadcast.getLiveManifest(), playlist(List.of()) + "#EXT-X-ENDLIST\n");
    assertThat(ingest.recording(broadcast)).isEqualTo(new Failed("nothing was published"));
    assertThat(recorded).isEmpty();
    assertThat(leftInWork()).isEmpty();
  }

  @Test
  void aFailedImportOrAnUnsafePlaylistLeavesNothingBehind() throws Exception {
    List<String> segments = publishThreeSegments();
    storePlaylist(broadcast.getLiveManifest(), playlist(segments));

    Recording failed =
        ingest(
                (b, uid, file) -> {
                  throw new IOException("disk full");
                })
            .recording(broadcast);
    assertThat(failed).isInstanceOf(Failed.class);
    assertThat(((Failed) failed).reason()).contains("disk full");
    assertThat(leftInWork()).isEmpty();

    storePlaylist(broadcast.getLiveManifest(), playlist(List.of(segments.get(0), "../../x.ts")));
    Recording unsafe = ingest((b, uid, file) -> uid).recording(broadcast);
    assertThat(unsafe).isInstanceOf(Failed.class);
    assertThat(((Failed) unsafe).reason()).contains("unsafe segment");
    assertThat(leftInWork()).isEmpty();
  }

  @Test
  void withoutRecorderOrFfmpegTheReasonSaysSo() {
    assertThat(new HlsPutIngest(handler, storage).recording(broadcast))
        .isEqualTo(new Failed("recordings are off"));
    assertThat(new HlsPutIngest(handler, storage, null, (b, uid, file) -> uid).recording(broadcast))
        .isEqualTo(new Failed("no ffmpeg to record with"));
  }

  private static double probeDuration(Path file) throws Exception {
    Process probe =
        new ProcessBuilder(
                "/usr/bin/ffprobe",
                "-v",
                "error",
                "-show_entries",
                "format=duration",
                "-of",
                "csv=p=0",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(probe.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return Double.parseDouble(out);
  }
}
