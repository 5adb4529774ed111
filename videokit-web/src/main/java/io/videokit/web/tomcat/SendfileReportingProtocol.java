package io.videokit.web.tomcat;

import io.videokit.web.tomcat.TomcatSendfileReporting.Batch;
import io.videokit.web.tomcat.TomcatSendfileReporting.Registration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint.NioSocketWrapper;
import org.apache.tomcat.util.net.NioEndpoint.SendfileData;
import org.apache.tomcat.util.net.SendfileKeepAliveState;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat's HTTP/1.1 NIO protocol, with the outcome of every sendfile transfer announced through
 * {@link TomcatSendfileReporting} reported back: the bytes written to the socket when the transfer
 * finished, or when its connection failed or closed first.
 *
 * <p>Tomcat runs sendfile after the servlet returned: the request's thread makes the first write
 * and, when the socket's send buffer is full, leaves the rest to the poller, which neither releases
 * the file's bytes to the heap nor tells anyone when it is done. This protocol wraps the connection
 * handler, the one place every request, every poller hand-over and every connection close passes
 * through:
 *
 * <ul>
 *   <li>around each call into the handler it opens a batch, in which the request's {@code expect}
 *       announces its transfer under a file-name string of its own;
 *   <li>when the call returns it finds the transfer on the connection by that string's identity:
 *       gone means it finished on the request's thread (reported in full); still there with the
 *       connection in sendfile state means the poller goes on (tracked); still there otherwise
 *       means the first write failed (reported as far as it got);
 *   <li>a tracked transfer is over when Tomcat dropped it from the connection (the poller wrote its
 *       last byte), when the connection's next event arrives, or when the connection closes; a
 *       one-second sweep and the handler's own {@code process} and {@code release} calls notice it
 *       and report what was written (the length minus what the poller had left).
 * </ul>
 *
 * <p>It also gives the connection's request processor back to Tomcat's cache while the poller
 * writes the file. Tomcat keeps the processor on the connection until the transfer ends, although
 * the request is over by then; with its buffers (request head, request and response byte and char
 * buffers) that is ~95 KiB of heap per slow viewer, 2,000 viewers ~190 MiB. The connection's next
 * request takes a processor from the cache, as it does after an idle keep-alive. A connection whose
 * next request already arrived (pipelined) keeps it: those bytes are in the processor's buffer.
 *
 * <p>Use it as the connector's protocol (Spring Boot: {@code
 * TomcatServletWebServerFactory.setProtocol}); it needs a public no-argument constructor because
 * Tomcat creates it by class name. Everything else behaves as {@link Http11NioProtocol}.
 * docs/decisions/0012-sendfile-with-reported-bytes.md has the design and what it cannot see.
 */
public class SendfileReportingProtocol extends Http11NioProtocol {

  /** How often tracked transfers are checked for their end, in milliseconds. */
  static final long SWEEP_MILLIS = 1000;

  private final ConcurrentHashMap<SocketWrapperBase<?>, Tracked> tracked =
      new ConcurrentHashMap<>();
  private @Nullable ScheduledExecutorService sweeper;

  /** Creates the protocol, as Tomcat does by class name. */
  public SendfileReportingProtocol() {
    ReportingHandler handler = new ReportingHandler(getHandler());
    getEndpoint().setHandler(handler);
    setHandler(handler);
  }

  /**
   * How many transfers are being tracked now: handed to the poller and not yet reported.
   *
   * @return the number of tracked transfers
   */
  public int trackedTransfers() {
    return tracked.size();
  }

  /**
   * How many tracked transfers' connections still hold a request processor: those whose next
   * request was pipelined behind the transfer (see the class comment).
   *
   * @return the number of such connections
   */
  int transfersHoldingProcessor() {
    return (int) tracked.keySet().stream().filter(w -> w.getCurrentProcessor() != null).count();
  }

  @Override
  public void start() throws Exception {
    super.start();
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(task -> {
          Thread thread = new Thread(task, "videokit-sendfile-reports-" + getName());
          thread.setDaemon(true);
          return thread;
        });
    executor.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    sweeper = executor;
  }

  @Override
  public void stop() throws Exception {
    try {
      super.stop();
    } finally {
      ScheduledExecutorService executor = sweeper;
      sweeper = null;
      if (executor != null) {
        executor.shutdownNow();
      }
      // the connections are closed: whatever is still tracked got as far as it got
      tracked.keySet().forEach(this::settleNow);
    }
  }

  /** Reports the tracked transfers that are over. */
  void sweep() {
    tracked.forEach(this::settleIfOver);
  }

  /*
   * A tracked transfer is reported exactly once, by whoever removes it from the map first: the
   * sweep, the connection's next event, its close, or the protocol's stop.
   */

  /** Reports the connection's transfer if the poller is done with it. */
  private void settleIfOver(SocketWrapperBase<?> wrapper, @Nullable Tracked transfer) {
    if (transfer != null && !transfer.isUnderWay() && tracked.remove(wrapper, transfer)) {
      transfer.report();
    }
  }

  /** Reports the connection's transfer as far as it got: the connection is closing. */
  private void settleNow(SocketWrapperBase<?> wrapper) {
    Tracked transfer = tracked.remove(wrapper);
    if (transfer != null) {
      transfer.report();
    }
  }

  private void track(SocketWrapperBase<?> wrapper, Tracked transfer) {
    tracked.merge(
        wrapper,
        transfer,
        (earlier, later) -> {
          // one sendfile at a time per connection: the other one is over
          Tracked current = earlier.isUnderWay() ? earlier : later;
          (current == earlier ? later : earlier).report();
          return current;
        });
  }

  /** Settles a batch's transfers once Tomcat's handler returned. */
  private void settleBatch(Batch batch, NioSocketWrapper wrapper, Handler.SocketState state) {
    for (Registration registration : batch.registrations()) {
      if (registration.isReported()) {
        continue; // cancelled
      }
      SendfileData data = wrapper.getSendfileData();
      if (data == null || data.fileName != registration.fileName()) {
        // Tomcat dropped it: the request's thread wrote it all (or, see the decision, never
        // started it for a reason only Tomcat saw)
        registration.report(registration.length());
      } else if (state == Handler.SocketState.SENDFILE) {
        track(wrapper, new Tracked(registration, data, wrapper));
      } else {
        registration.report(registration.length() - data.length);
      }
    }
  }

  /** A transfer the poller is writing. */
  private record Tracked(Registration registration, SendfileData data, NioSocketWrapper wrapper) {

    /** Still on its connection, which is still open. */
    boolean isUnderWay() {
      return wrapper.getSendfileData() == data && !wrapper.isClosed();
    }

    void report() {
      // the poller counts data.length down as it writes; the volatile read of the connection's
      // sendfile data (in isUnderWay, or the close on this thread) orders it before this read
      registration.report(registration.length() - data.length);
    }
  }

  /** Tomcat's connection handler with the batches and the tracked transfers around it. */
  private final class ReportingHandler implements Handler<NioChannel> {

    private final Handler<NioChannel> delegate;

    ReportingHandler(Handler<NioChannel> delegate) {
      this.delegate = delegate;
    }

    @Override
    public SocketState process(SocketWrapperBase<NioChannel> socket, SocketEvent status) {
      settleIfOver(socket, tracked.get(socket));
      Batch batch = TomcatSendfileReporting.open();
      SocketState state = SocketState.CLOSED;
      try {
        state = delegate.process(socket, status);
        return state;
      } finally {
        TomcatSendfileReporting.close(batch);
        settleBatch(batch, (NioSocketWrapper) socket, state);
        if (state == SocketState.SENDFILE) {
          releaseProcessorDuringTransfer((NioSocketWrapper) socket);
        }
      }
    }

    /**
     * Gives the connection's processor back while the poller writes its file (see the class
     * comment). Runs under the connection's lock, as every {@code process} does, so its next event
     * waits for this; Tomcat takes a connection's processor atomically, so a close meanwhile
     * releases it once.
     */
    private void releaseProcessorDuringTransfer(NioSocketWrapper wrapper) {
      SendfileData data = wrapper.getSendfileData();
      if (data != null && data.keepAliveState != SendfileKeepAliveState.PIPELINED) {
        delegate.release(wrapper);
      }
    }

    @Override
    public Object getGlobal() {
      return delegate.getGlobal();
    }

    @Override
    public void release(SocketWrapperBase<NioChannel> socketWrapper) {
      try {
        settleNow(socketWrapper);
      } finally {
        delegate.release(socketWrapper);
      }
    }

    @Override
    public void pause() {
      delegate.pause();
    }

    @Override
    public void recycle() {
      delegate.recycle();
    }
  }
}
