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

/**
 * A TCP forwarder between the browser and the server whose server-to-browser direction runs at a
 * fixed pace, like a connection just fast enough for a video. The server-side socket has a small
 * receive buffer, so what the server has written stays close to what reached the browser (the
 * browser's own network emulation throttles only after its network stack has read the socket, which
 * lets the server write megabytes ahead).
 */
final class SlowDownlink implements AutoCloseable {

  private static final int CHUNK = 8 * 1024;

  private final ServerSocket listener;
  private final int serverPort;
  private final double bytesPerSecond;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private SlowDownlink(int serverPort, double bytesPerSecond) throws IOException {
    this.listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    this.serverPort = serverPort;
    this.bytesPerSecond = bytesPerSecond;
    daemon(this::accept);
  }

  /**
   * Starts forwarding.
   *
   * @param serverPort the server's port on the loopback address
   * @param bytesPerSecond the pace of server-to-browser bytes
   */
  static SlowDownlink to(int serverPort, double bytesPerSecond) throws IOException {
    return new SlowDownlink(serverPort, bytesPerSecond);
  }

  /** The port the browser connects to. */
  int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket browser = listener.accept();
        Socket server = new Socket();
        server.setReceiveBufferSize(16 * 1024); // before connecting: it sets the window
        server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort));
        browser.setSendBufferSize(16 * 1024);
        open.add(browser);
        open.add(server);
        daemon(() -> pump(browser, server, false));
        daemon(() -> pump(server, browser, true));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean paced) {
    byte[] buffer = new byte[CHUNK];
    long due = System.nanoTime();
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        out.write(buffer, 0, n);
        out.flush();
        if (paced) {
          // no credit for idle time: a keep-alive connection idle for a while gets no burst
          due = Math.max(due, System.nanoTime()) + (long) (n / bytesPerSecond * 1e9);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
      }
    } catch (IOException | InterruptedException e) {
      // a side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void closeQuietly(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    open.forEach(this::closeQuietly);
  }

  /** A daemon platform thread. */
  private static void daemon(Runnable task) {
    Thread thread = new Thread(task, "slow-downlink");
    thread.setDaemon(true);
    thread.start();
  }
}
