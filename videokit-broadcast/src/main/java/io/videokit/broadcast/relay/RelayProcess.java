package io.videokit.broadcast.relay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One supervised listener process: started at once, started again after it exits (a publisher
 * disconnected, or a listener gave up) until {@link #close()}, which kills it and waits for it. Its
 * output is read line by line and logged at debug with the given secrets replaced by {@code ***}.
 */
final class RelayProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RelayProcess.class);

  private final String name;
  private final IntFunction<List<String>> command;
  private final List<String> secrets;
  private final Duration restartDelay;
  private final Thread supervisor;
  private volatile boolean closed;
  private volatile @Nullable Process process;
  private volatile int generation;

  /**
   * Starts the process and its supervision.
   *
   * @param name what the log calls it (no secret)
   * @param command the command line of each run, given the run's number (1, 2, …)
   * @param secrets texts never to log
   * @param restartDelay the pause before a new run
   */
  RelayProcess(
      String name, IntFunction<List<String>> command, List<String> secrets, Duration restartDelay) {
    this.name = name;
    this.command = command;
    this.secrets = List.copyOf(secrets);
    this.restartDelay = restartDelay;
    this.supervisor = new Thread(this::supervise, "videokit-relay-" + name);
    supervisor.setDaemon(true);
    supervisor.start();
  }

  private void supervise() {
    while (!closed) {
      int run = ++generation;
      try {
        Process started;
        synchronized (this) {
          if (closed) {
            return;
          }
          started = new ProcessBuilder(command.apply(run)).redirectErrorStream(true).start();
          process = started;
        }
        log.debug("relay {} run {} started (pid {})", name, run, started.pid());
        drain(started);
        int exit = started.waitFor();
        log.debug("relay {} run {} exited with {}", name, run, exit);
        if (!closed) {
          Thread.sleep(restartDelay.toMillis());
        }
      } catch (IOException e) {
        if (closed) {
          return;
        }
        log.warn("relay {} could not run ffmpeg: {}", name, e.getMessage());
        sleepQuietly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(Math.max(1000, restartDelay.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  private void drain(Process started) throws IOException {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (log.isDebugEnabled()) {
          log.debug("relay {}: {}", name, redact(line));
        }
      }
    }
  }

  /**
   * A line with every secret replaced.
   *
   * @param line a line of ffmpeg's output
   * @return the line without secrets
   */
  String redact(String line) {
    String clean = line;
    for (String secret : secrets) {
      clean = clean.replace(secret, "***");
    }
    return clean;
  }

  /**
   * Whether a run is alive now.
   *
   * @return true if the current process is running
   */
  boolean running() {
    Process current = process;
    return current != null && current.isAlive();
  }

  /**
   * How many runs were started.
   *
   * @return the number of the current run
   */
  int runs() {
    return generation;
  }

  /** Stops supervising, kills the process (and its children) and waits for it to end. */
  @Override
  public void close() {
    Process current;
    synchronized (this) {
      closed = true;
      current = process;
    }
    supervisor.interrupt();
    if (current != null) {
      current.descendants().forEach(ProcessHandle::destroyForcibly);
      current.destroy();
      try {
        if (!current.waitFor(2, TimeUnit.SECONDS)) {
          current.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        current.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    try {
      supervisor.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.debug("relay {} closed", name);
  }
}
