package io.videokit.broadcast;

import io.videokit.core.storage.MediaNotFoundException;
import io.videokit.core.storage.MediaObject;
import io.videokit.core.storage.MediaStorage;
import io.videokit.live.LiveThumbnails;
import io.videokit.live.PlaylistRules;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Turns a broadcast's stored HLS media playlist into one MP4 file with ffmpeg, without re-encoding
 * ({@code -c copy}, {@code -movflags +faststart}; ADTS AAC is converted by ffmpeg's MP4 muxer as
 * needed). The playlist and its segments are copied from the media store into a private work
 * directory first, streamed (never held in memory), and ffmpeg reads only that copy: a playlist
 * rewritten with the tags a recording needs, so no URI of the publisher's reaches ffmpeg.
 */
public final class HlsRemux {

  /** Tags copied into the work playlist; all others (keys, maps, dates) are dropped. */
  private static final Set<String> KEPT_TAGS =
      Set.of(
          "#EXT-X-VERSION",
          "#EXT-X-TARGETDURATION",
          "#EXT-X-MEDIA-SEQUENCE",
          "#EXTINF",
          "#EXT-X-DISCONTINUITY");

  private static final int LOG_TAIL = 400;

  private final MediaStorage storage;
  private final Path ffmpeg;
  private final Path workDirectory;
  private final Duration timeout;

  /**
   * Creates the remuxer.
   *
   * @param storage the media store holding the playlists and segments
   * @param ffmpeg the ffmpeg executable
   * @param workDirectory where work directories and results go (best on the media store's file
   *     system, so the result moves into it without a copy)
   * @param timeout how long one ffmpeg run may take before it is killed
   */
  public HlsRemux(MediaStorage storage, Path ffmpeg, Path workDirectory, Duration timeout) {
    this.storage = storage;
    this.ffmpeg = ffmpeg;
    this.workDirectory = workDirectory;
    this.timeout = timeout;
  }

  /**
   * Remuxes a stored playlist.
   *
   * @param playlistKey the playlist's media-store key; its segments are keys next to it
   * @return the MP4 file (the caller owns it and deletes it when done), or empty if the playlist
   *     names no segment
   * @throws IOException if a segment is missing or unsafe, or ffmpeg fails
   * @throws MediaNotFoundException if the playlist does not exist
   */
  public Optional<Path> remux(String playlistKey) throws IOException, MediaNotFoundException {
    String prefix = playlistKey.substring(0, playlistKey.lastIndexOf('/') + 1);
    MediaObject playlist = storage.get(playlistKey);
    Files.createDirectories(workDirectory);
    Path work = Files.createTempDirectory(workDirectory, "recording-");
    try {
      Path segments = Files.createDirectory(work.resolve("s"));
      Path local = work.resolve("recording.m3u8");
      int count = copy(playlist, prefix, segments, local);
      if (count == 0) {
        return Optional.empty();
      }
      Path out = work.resolve("recording.mp4");
      run(local, out, work.resolve("ffmpeg.log"));
      Path result = Files.createTempFile(workDirectory, "recording-", ".mp4");
      Files.move(out, result, StandardCopyOption.REPLACE_EXISTING);
      return Optional.of(result);
    } finally {
      deleteTree(work);
    }
  }

  /** Copies the playlist's segments and writes the work playlist; answers the segment count. */
  private int copy(MediaObject playlist, String prefix, Path segments, Path local)
      throws IOException, MediaNotFoundException {
    int count = 0;
    try (InputStream in = open(playlist);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        BufferedWriter writer = Files.newBufferedWriter(local, StandardCharsets.UTF_8)) {
      writer.write("#EXTM3U\n#EXT-X-PLAYLIST-TYPE:VOD\n");
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String text = line.strip();
        if (text.isEmpty()) {
          continue;
        }
        if (text.startsWith("#")) {
          int colon = text.indexOf(':');
          if (KEPT_TAGS.contains(colon < 0 ? text : text.substring(0, colon))) {
            writer.write(text + "\n");
          }
          continue;
        }
        // a name, or s<N>/name after a publisher reconnected: never anything outside the prefix
        if (!PlaylistRules.storedSegmentUri(text)) {
          throw new IOException("the playlist names an unsafe segment");
        }
        MediaObject segment = storage.get(prefix + text);
        Path copy = segments.resolve(text);
        Files.createDirectories(copy.getParent());
        try (InputStream bytes = open(segment)) {
          Files.copy(bytes, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        writer.write("s/" + text + "\n");
        count++;
      }
      writer.write("#EXT-X-ENDLIST\n");
    }
    return count;
  }

  private static InputStream open(MediaObject object) throws IOException {
    return object.size() == 0
        ? InputStream.nullInputStream()
        : object.openRange(0, object.size() - 1);
  }

  private void run(Path playlist, Path out, Path log) throws IOException {
    List<String> command =
        List.of(
            ffmpeg.toString(),
            "-nostdin",
            "-hide_banner",
            "-loglevel",
            "error",
            "-protocol_whitelist",
            "file",
            "-i",
            playlist.toString(),
            "-map",
            "0:v?",
            "-map",
            "0:a?",
            "-c",
            "copy",
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
            "-y",
            out.toString());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IOException("ffmpeg did not finish within " + timeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while remuxing", e);
    }
    if (process.exitValue() != 0 || !Files.isRegularFile(out) || Files.size(out) == 0) {
      throw new IOException("ffmpeg failed (exit " + process.exitValue() + "): " + tail(log));
    }
  }

  private static String tail(Path log) throws IOException {
    String text = Files.readString(log, StandardCharsets.UTF_8).strip();
    return text.length() > LOG_TAIL ? "…" + text.substring(text.length() - LOG_TAIL) : text;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /**
   * Finds an ffmpeg executable: next to a configured ffprobe, else as {@link
   * LiveThumbnails#discoverFfmpeg()} does (bundled by {@code org.bytedeco:ffmpeg}, else the {@code
   * PATH}).
   *
   * @param ffprobe the configured ffprobe, or null
   * @return the executable, or null if there is none
   */
  public static @Nullable Path discoverFfmpeg(@Nullable Path ffprobe) {
    if (ffprobe != null && ffprobe.getParent() != null) {
      Path sibling = ffprobe.resolveSibling("ffmpeg");
      if (Files.isExecutable(sibling)) {
        return sibling;
      }
    }
    return LiveThumbnails.discoverFfmpeg();
  }
}
