package io.videokit.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder between the browser and the server that can lose the network: {@link #drop()}
 * resets every open connection (an upload's PATCH in flight dies mid-body, as on a real network
 * loss) and refuses new ones until {@link #restore()}. The browser's own offline emulation only
 * stalls a request already sending, so the tests need this to break one. Browser-to-server bytes
 * are throttled so an upload takes long enough for the drop to land in its middle.
 */
final class FlakyNetwork implements AutoCloseable {

  private final ServerSocket listener;
  private final int serverPort;
  private final long uploadBytesPerSecond;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong forwarded = new AtomicLong();
  private volatile boolean down;

  private FlakyNetwork(int serverPort, long uploadBytesPerSecond) throws IOException {
    this.listener = new ServerSocket();
    // small buffers: the browser's upload progress stays close to what really got through
    listener.setReceiveBufferSize(32 * 1024);
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    this.serverPort = serverPort;
    this.uploadBytesPerSecond = uploadBytesPerSecond;
    daemon(this::accept);
  }

  /**
   * Starts forwarding.
   *
   * @param serverPort the server's port on the loopback address
   * @param uploadBytesPerSecond the pace of browser-to-server bytes
   */
  static FlakyNetwork to(int serverPort, long uploadBytesPerSecond) throws IOException {
    return new FlakyNetwork(serverPort, uploadBytesPerSecond);
  }

  /** The port the browser connects to. */
  int port() {
    return listener.getLocalPort();
  }

  /** Browser-to-server bytes forwarded so far. */
  long forwarded() {
    return forwarded.get();
  }

  /** Resets every open connection and refuses new ones. */
  void drop() {
    down = true;
    for (Socket socket : open) {
      reset(socket);
    }
  }

  /** Accepts connections again. */
  void restore() {
    down = false;
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (down) {
          reset(client);
          continue;
        }
        Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
        open.add(client);
        open.add(server);
        daemon(() -> pump(client, server, uploadBytesPerSecond));
        daemon(() -> pump(server, client, 0));
      } catch (IOException e) {
        // closed, or the server refused: the browser sees a failed connection
      }
    }
  }

  private void pump(Socket from, Socket to, long bytesPerSecond) {
    byte[] buffer = new byte[bytesPerSecond > 0 ? 4096 : 65536];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
        if (bytesPerSecond > 0) {
          forwarded.addAndGet(n);
          Thread.sleep(n * 1000L / bytesPerSecond);
        }
      }
    } catch (IOException e) {
      // a reset or a close on the other side ends both directions
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      reset(from);
      reset(to);
    }
  }

  private void reset(Socket socket) {
    open.remove(socket);
    try {
      if (!socket.isClosed()) {
        socket.setSoLinger(true, 0);
      }
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    drop();
  }

  /** A daemon platform thread (the tests run on JDK 17 too, which has no virtual threads). */
  private static void daemon(Runnable task) {
    Thread thread = new Thread(task, "flaky-network");
    thread.setDaemon(true);
    thread.start();
  }
}
