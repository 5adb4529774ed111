package io.videokit.web.tomcat;

import io.videokit.core.stream.SendfileReporting;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SendfileReporting} for requests served by a {@link SendfileReportingProtocol} connector.
 *
 * <p>{@link #expect} works only on the thread on which that connector's handler is processing the
 * request (Tomcat runs a synchronous servlet's whole request on it): the handler opens a batch
 * around each call into Tomcat and settles the batch's transfers afterwards. Elsewhere (another
 * connector, an asynchronous dispatch, a test with a mock request) it answers null, and the caller
 * copies instead, so wiring {@link #INSTANCE} is always safe.
 */
public final class TomcatSendfileReporting implements SendfileReporting {

  /** The one instance: the batches are per thread, so one instance serves every connector. */
  public static final TomcatSendfileReporting INSTANCE = new TomcatSendfileReporting();

  private static final Logger log = LoggerFactory.getLogger(TomcatSendfileReporting.class);

  private static final ThreadLocal<@Nullable Batch> CURRENT = new ThreadLocal<>();

  private TomcatSendfileReporting() {}

  @Override
  public @Nullable Transfer expect(String file, long length, LongConsumer written) {
    Batch batch = CURRENT.get();
    if (batch == null) {
      return null;
    }
    Registration registration = new Registration(file, length, written);
    batch.add(registration);
    return registration;
  }

  /**
   * Opens a batch on this thread for the transfers announced until {@link #close(Batch)}.
   *
   * @return the batch; hand it back to {@link #close(Batch)}
   */
  static Batch open() {
    Batch batch = new Batch(CURRENT.get());
    CURRENT.set(batch);
    return batch;
  }

  /**
   * Closes a batch that {@link #open()} opened on this thread.
   *
   * @param batch the batch
   */
  static void close(Batch batch) {
    if (batch.outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(batch.outer);
    }
  }

  /** The transfers announced during one call into Tomcat's connection handler, in order. */
  static final class Batch {

    private final @Nullable Batch outer;
    private @Nullable List<Registration> registrations;

    private Batch(@Nullable Batch outer) {
      this.outer = outer;
    }

    private void add(Registration registration) {
      if (registrations == null) {
        registrations = new ArrayList<>(1);
      }
      registrations.add(registration);
    }

    /**
     * The announced transfers.
     *
     * @return them in the order announced, empty when none
     */
    List<Registration> registrations() {
      return registrations == null ? List.of() : registrations;
    }
  }

  /** One announced transfer; its outcome is reported once. */
  static final class Registration implements Transfer {

    private final String fileName;
    private final long length;
    private final LongConsumer written;
    private final AtomicBoolean reported = new AtomicBoolean();

    private Registration(String file, long length, LongConsumer written) {
      // Tomcat hands this very object to its sendfile data: identity tells the transfer apart
      this.fileName = new String(file);
      this.length = length;
      this.written = written;
    }

    @Override
    public String fileName() {
      return fileName;
    }

    /**
     * The transfer's length.
     *
     * @return bytes, {@code > 0}
     */
    long length() {
      return length;
    }

    @Override
    public void cancel() {
      report(0);
    }

    /**
     * Whether the outcome was reported (or the transfer cancelled).
     *
     * @return true once {@link #report} ran
     */
    boolean isReported() {
      return reported.get();
    }

    /**
     * Reports the outcome, the first time only.
     *
     * @param bytes bytes written, clamped to {@code [0, length]}
     */
    void report(long bytes) {
      if (!reported.compareAndSet(false, true)) {
        return;
      }
      try {
        written.accept(Math.max(0, Math.min(length, bytes)));
      } catch (RuntimeException e) {
        // runs on Tomcat's poller or handler threads: never let a listener's failure reach them
        log.warn("a sendfile report's listener failed: {}", e.toString());
      }
    }
  }
}
