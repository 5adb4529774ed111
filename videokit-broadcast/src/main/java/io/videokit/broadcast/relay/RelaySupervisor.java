package io.videokit.broadcast.relay;

import io.videokit.broadcast.BroadcastException;
import io.videokit.live.LiveThumbnails;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The relay listeners of one application: public ports taken from a range (a port in use is
 * skipped), one {@code ffmpeg} process per broadcast repackaging its input with {@code -c copy}
 * into HLS PUT to videokit's own ingest on loopback, restarted after a publisher disconnects until
 * the broadcast is closed. Closing the supervisor (application shutdown) kills every listener.
 */
public final class RelaySupervisor implements AutoCloseable {

  /** Opens a broadcast's listener on one public port. */
  @FunctionalInterface
  interface PortOpener {
    /**
     * Opens the listener.
     *
     * @param port the public port to bind
     * @param ffmpeg the ffmpeg executable
     * @return what closes the listener again
     * @throws BindException if the port is in use (the next one is tried)
     * @throws IOException if the listener could not be opened
     */
    AutoCloseable open(int port, Path ffmpeg) throws IOException;
  }

  private record Open(int port, AutoCloseable listener) {}

  private final Supplier<Path> ffmpeg;
  private final PortRange ports;
  private final Supplier<String> loopbackBase;
  private final Duration restartDelay;
  private final Map<String, Open> open = new HashMap<>();
  private boolean closed;

  /**
   * Creates the supervisor; nothing is started before a broadcast opens.
   *
   * @param ffmpeg finds the ffmpeg executable when a listener opens (see {@link #findFfmpeg}); a
   *     missing one fails that start, not the application
   * @param ports the public ports listeners may bind
   * @param loopbackBase videokit's HLS-over-PUT ingest on loopback, e.g. {@code
   *     http://127.0.0.1:8080/live}, asked for when a listener starts
   * @param restartDelay the pause before a listener is started again after it exited
   */
  public RelaySupervisor(
      Supplier<Path> ffmpeg,
      PortRange ports,
      Supplier<String> loopbackBase,
      Duration restartDelay) {
    this.ffmpeg = ffmpeg;
    this.ports = ports;
    this.loopbackBase = loopbackBase;
    this.restartDelay = restartDelay;
  }

  /**
   * The ffmpeg to run: the configured one, else the one {@link LiveThumbnails#discoverFfmpeg()}
   * finds (bundled by {@code org.bytedeco:ffmpeg}, else on the {@code PATH}).
   *
   * @param configured a configured path, or null
   * @return the executable
   * @throws IllegalStateException if none is executable
   */
  public static Path findFfmpeg(@Nullable String configured) {
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      if (!Files.isExecutable(path)) {
        throw new IllegalStateException("ffmpeg is not executable: " + configured);
      }
      return path;
    }
    Path discovered = LiveThumbnails.discoverFfmpeg();
    if (discovered == null) {
      throw new IllegalStateException("no ffmpeg on the PATH; install it or configure its path");
    }
    return discovered;
  }

  /**
   * Opens a broadcast's listener on the first free port of the range.
   *
   * @param broadcastId the broadcast
   * @param opener binds the port and starts the listener
   * @return the port
   * @throws BroadcastException with {@code INGEST_FAILED} if every port is taken or the listener
   *     could not be opened
   */
  synchronized int open(String broadcastId, PortOpener opener) {
    if (closed) {
      throw failed("the relay is shut down");
    }
    if (open.containsKey(broadcastId)) {
      return open.get(broadcastId).port();
    }
    Path executable;
    try {
      executable = ffmpeg.get();
    } catch (IllegalStateException e) {
      throw failed(e.getMessage());
    }
    List<Integer> taken = open.values().stream().map(Open::port).toList();
    for (int port = ports.first(); port <= ports.last(); port++) {
      if (taken.contains(port)) {
        continue;
      }
      try {
        open.put(broadcastId, new Open(port, opener.open(port, executable)));
        return port;
      } catch (BindException e) {
        // in use by someone else: the next one
      } catch (IOException e) {
        throw failed("the listener could not be opened: " + e.getMessage());
      }
    }
    throw failed("no free relay port in " + ports);
  }

  private static BroadcastException failed(String message) {
    return new BroadcastException(BroadcastException.Reason.INGEST_FAILED, message);
  }

  /**
   * The port a broadcast's listener holds.
   *
   * @param broadcastId the broadcast
   * @return the port, or empty if none is open
   */
  public synchronized Optional<Integer> port(String broadcastId) {
    return Optional.ofNullable(open.get(broadcastId)).map(Open::port);
  }

  /**
   * Kills a broadcast's listener and frees its port; harmless if none is open.
   *
   * @param broadcastId the broadcast
   */
  public void close(String broadcastId) {
    Open removed;
    synchronized (this) {
      removed = open.remove(broadcastId);
    }
    if (removed != null) {
      closeQuietly(removed.listener());
    }
  }

  /** Kills every listener; later opens fail. */
  @Override
  public void close() {
    List<Open> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(open.values());
      open.clear();
    }
    all.forEach(o -> closeQuietly(o.listener()));
  }

  private static void closeQuietly(AutoCloseable listener) {
    try {
      listener.close();
    } catch (Exception e) {
      // the process and sockets are gone either way
    }
  }

  /**
   * Starts the supervised ffmpeg relaying one input into a broadcast's HLS-over-PUT playlist.
   *
   * @param ffmpeg the ffmpeg executable
   * @param broadcastId the broadcast
   * @param inputOptions options before {@code -i} (e.g. {@code -listen 1})
   * @param input the input URL ffmpeg listens on
   * @param bearerSecret the broadcast's HLS-over-PUT secret
   * @param secrets further texts never to log (passphrase, stream key)
   * @return the process, closed with the broadcast's listener
   */
  RelayProcess startFfmpeg(
      Path ffmpeg,
      String broadcastId,
      List<String> inputOptions,
      String input,
      String bearerSecret,
      List<String> secrets) {
    String target = loopbackBase.get().replaceAll("/+$", "") + "/" + broadcastId + "/";
    List<String> hidden = new ArrayList<>(secrets);
    hidden.add(bearerSecret);
    return new RelayProcess(
        broadcastId,
        run -> {
          List<String> command = new ArrayList<>();
          command.addAll(
              List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-nostats", "-loglevel"));
          command.add("info");
          command.addAll(inputOptions);
          command.addAll(List.of("-i", input, "-c", "copy", "-f", "hls", "-hls_time", "2"));
          command.addAll(List.of("-hls_list_size", "10", "-hls_flags", "omit_endlist"));
          command.addAll(List.of("-method", "PUT", "-headers"));
          command.add("Authorization: Bearer " + bearerSecret + "\r\n");
          // each run names its segments apart: a restarted listener never rewrites a segment
          command.addAll(List.of("-hls_segment_filename", target + "r" + run + "_%d.ts"));
          command.add(target + "index.m3u8");
          return command;
        },
        hidden,
        restartDelay);
  }
}
