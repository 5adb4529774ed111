package io.videokit.broadcast.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream-key check in front of an RTMP listener, since ffmpeg's records any stream name. It
 * accepts publishers on the public port, passes the handshake and the commands through to the
 * listener on loopback while reading them, compares the {@code publish} command's stream name with
 * the key in constant time, and only then splices the connection; a wrong key, media before {@code
 * publish} or a silent publisher closes the connection before the listener sees a frame.
 */
final class RtmpGate implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RtmpGate.class);

  /** C0 (version) + C1, then C2 once the listener's S0 + S1 arrived (RTMP 1.0 §5.2). */
  private static final int C0_C1 = 1 + 1536;

  private static final int C2 = 1536;

  private final ServerSocket server;
  private final int backendPort;
  private final byte[] key;
  private final Duration authTimeout;
  private final Thread acceptor;
  private volatile @Nullable Socket client;
  private volatile @Nullable Socket backend;

  /**
   * Starts accepting on a bound server socket.
   *
   * @param server the public socket, bound
   * @param backendPort the listener's port on 127.0.0.1
   * @param key the stream key
   * @param authTimeout how long a publisher may take to reach {@code publish}
   */
  RtmpGate(ServerSocket server, int backendPort, String key, Duration authTimeout) {
    this.server = server;
    this.backendPort = backendPort;
    this.key = key.getBytes(StandardCharsets.UTF_8);
    this.authTimeout = authTimeout;
    this.acceptor = new Thread(this::accept, "videokit-rtmp-gate-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket accepted = server.accept();
        if (client != null) {
          // one publisher at a time: the listener serves one
          accepted.close();
          continue;
        }
        client = accepted;
        daemon("videokit-rtmp-" + accepted.getPort(), () -> serve(accepted));
      } catch (IOException e) {
        if (!server.isClosed()) {
          log.debug("rtmp gate on {}: {}", server.getLocalPort(), e.getMessage());
        }
      }
    }
  }

  private void serve(Socket publisher) {
    try (publisher;
        Socket listener = connectBackend()) {
      backend = listener;
      publisher.setSoTimeout((int) authTimeout.toMillis());
      InputStream in = publisher.getInputStream();
      OutputStream toListener = listener.getOutputStream();
      Thread answers = pump(listener.getInputStream(), publisher.getOutputStream());
      toListener.write(readFully(in, C0_C1));
      toListener.write(readFully(in, C2));
      RtmpPublishReader reader = new RtmpPublishReader(in);
      long deadline = System.nanoTime() + authTimeout.toNanos();
      while (true) {
        RtmpPublishReader.Named named = reader.next();
        if (named != null) {
          if (!MessageDigest.isEqual(key, named.stream().getBytes(StandardCharsets.UTF_8))) {
            log.info("rtmp publisher on port {} refused: wrong stream key", server.getLocalPort());
            return;
          }
          if (named.publish()) {
            toListener.write(reader.chunkBytes());
            break;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("no publish in time");
        }
        toListener.write(reader.chunkBytes());
      }
      publisher.setSoTimeout(0);
      in.transferTo(toListener);
      // the publisher left: the listener sees the end of its stream, finishes and exits
      listener.shutdownOutput();
      answers.join(TimeUnit.SECONDS.toMillis(10));
    } catch (IOException e) {
      log.debug("rtmp publisher on port {} closed: {}", server.getLocalPort(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      backend = null;
      client = null;
    }
  }

  private static byte[] readFully(InputStream in, int count) throws IOException {
    byte[] bytes = in.readNBytes(count);
    if (bytes.length < count) {
      throw new IOException("publisher closed in the handshake");
    }
    return bytes;
  }

  /** Connects to the listener, waiting for a restarted one to listen again. */
  private Socket connectBackend() throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), backendPort), 1000);
        return socket;
      } catch (IOException e) {
        socket.close();
        if (System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static Thread pump(InputStream from, OutputStream to) {
    return daemon(
        "videokit-rtmp-answers",
        () -> {
          try {
            from.transferTo(to);
          } catch (IOException e) {
            // either side closed
          } finally {
            try {
              to.flush();
            } catch (IOException e) {
              // closed already
            }
          }
        });
  }

  private static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Stops accepting and drops the current publisher. */
  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : new Socket[] {client, backend}) {
      if (socket != null) {
        try {
          socket.close();
        } catch (SocketException e) {
          // closed already
        }
      }
    }
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
