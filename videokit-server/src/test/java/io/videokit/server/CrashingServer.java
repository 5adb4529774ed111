package io.videokit.server;

import io.videokit.core.media.MediaProbe;
import io.videokit.core.storage.MediaObject;
import io.videokit.core.storage.MediaStorage;
import io.videokit.core.tus.UploadStore;
import io.videokit.local.VideoProcessingQueue;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * The reference server with a crash point: at one step of an upload's completion the JVM halts
 * ({@link Runtime#halt}: no shutdown hooks, no flushing — for the database and the files the same
 * as kill -9). Run as its own process by {@link CompletionCrashTest}.
 *
 * <p>System properties: {@code crash.at} — one of {@link Point}'s names, or absent for no crash;
 * {@code probe.gate} — a file that must exist before any video is probed, so that a test can look
 * at a video while it is still unready.
 */
public final class CrashingServer {

  /** The steps of completion, in order, after which the process can be made to die. */
  enum Point {
    /** The last PATCH's bytes are on disk; nothing else happened. */
    BYTES_RECEIVED,
    /** The video row is recorded; its bytes are still only in the upload store. */
    VIDEO_RECORDED,
    /** The bytes are published under the media root too. */
    BYTES_PUBLISHED,
    /** Processing is queued. */
    PROCESSING_QUEUED,
    /** The upload is marked completed; the client's request is not answered yet. */
    UPLOAD_COMPLETED
  }

  private CrashingServer() {}

  /**
   * Starts the server.
   *
   * @param args Spring Boot command-line arguments
   */
  public static void main(String[] args) {
    SpringApplication.run(
        new Class<?>[] {VideokitServerApplication.class, CrashPoints.class},
        Stream.concat(ServerTestSupport.userArguments().stream(), Arrays.stream(args))
            .toArray(String[]::new));
  }

  static void maybeCrash(Point point) {
    if (point.name().equals(System.getProperty("crash.at"))) {
      System.err.println("CRASH at " + point);
      System.err.flush();
      Runtime.getRuntime().halt(137);
    }
  }

  /** Wraps the replaceable beans that completion goes through. */
  @Configuration(proxyBeanMethods = false)
  static class CrashPoints {

    @Bean
    static BeanPostProcessor crashPointWrappers() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          if (bean instanceof UploadStore store) {
            return proxy(
                UploadStore.class,
                store,
                (method, args, result) -> {
                  if (method.getName().equals("append")
                      && store.find((String) args[0]).map(u -> u.isFinished()).orElse(false)) {
                    maybeCrash(Point.BYTES_RECEIVED);
                  }
                  if (method.getName().equals("update")
                      && ((io.videokit.core.tus.UploadInfo) args[0]).completed()) {
                    maybeCrash(Point.UPLOAD_COMPLETED);
                  }
                });
          }
          if (bean instanceof MediaStorage storage) {
            return new MediaStorage() {
              @Override
              public MediaObject get(String key)
                  throws io.videokit.core.storage.MediaNotFoundException, IOException {
                return storage.get(key);
              }

              @Override
              public MediaObject put(String key, Path source)
                  throws io.videokit.core.storage.MediaNotFoundException, IOException {
                maybeCrash(Point.VIDEO_RECORDED);
                MediaObject stored = storage.put(key, source);
                maybeCrash(Point.BYTES_PUBLISHED);
                return stored;
              }

              @Override
              public MediaObject put(String key, InputStream content)
                  throws io.videokit.core.storage.MediaNotFoundException, IOException {
                maybeCrash(Point.VIDEO_RECORDED);
                MediaObject stored = storage.put(key, content);
                maybeCrash(Point.BYTES_PUBLISHED);
                return stored;
              }

              @Override
              public boolean delete(String key)
                  throws io.videokit.core.storage.MediaNotFoundException, IOException {
                return storage.delete(key);
              }
            };
          }
          if (bean instanceof VideoProcessingQueue queue) {
            return (VideoProcessingQueue)
                uid -> {
                  queue.enqueue(uid);
                  maybeCrash(Point.PROCESSING_QUEUED);
                };
          }
          if (bean instanceof MediaProbe probe) {
            return new MediaProbe() {
              @Override
              public io.videokit.core.media.ProbeResult probe(Path file)
                  throws io.videokit.core.media.MediaProbeException, IOException {
                awaitGate();
                return probe.probe(file);
              }

              @Override
              public java.util.Optional<io.videokit.core.media.TimeIndex> timeIndex(Path file)
                  throws IOException {
                return probe.timeIndex(file);
              }
            };
          }
          return bean;
        }
      };
    }

    private static void awaitGate() {
      String gate = System.getProperty("probe.gate");
      if (gate == null) {
        return;
      }
      try {
        while (!Files.exists(Path.of(gate))) {
          Thread.sleep(50);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Runs {@code after} once a call on {@code target} returned. */
    interface After {
      void run(Method method, Object[] args, Object result) throws IOException;
    }

    static <T> T proxy(Class<T> type, T target, After after) {
      InvocationHandler handler =
          (proxy, method, args) -> {
            Object result;
            try {
              result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
            after.run(method, args == null ? new Object[0] : args, result);
            return result;
          };
      // every interface of the target: the tus handler serves the extensions its store implements
      Class<?>[] interfaces =
          ClassUtils.getAllInterfacesForClass(target.getClass(), type.getClassLoader());
      return type.cast(Proxy.newProxyInstance(type.getClassLoader(), interfaces, handler));
    }
  }
}
