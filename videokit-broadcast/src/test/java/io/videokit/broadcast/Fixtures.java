package io.videokit.broadcast;

import io.videokit.core.storage.LocalMediaStorage;
import io.videokit.live.HlsPutHandler;
import io.videokit.live.LiveLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.transaction.support.TransactionOperations;

/** A broadcast service with the real HLS-over-PUT ingest on a media store in a directory. */
final class Fixtures {

  private Fixtures() {}

  static BroadcastService<DefaultBroadcast> service(
      BroadcastStore<DefaultBroadcast> store, Clock clock, Path root, int cap) {
    return service(store, clock, root, cap, List.of());
  }

  static BroadcastService<DefaultBroadcast> service(
      BroadcastStore<DefaultBroadcast> store,
      Clock clock,
      Path root,
      int cap,
      List<BroadcastIngest> others) {
    try {
      LocalMediaStorage storage = new LocalMediaStorage(Files.createDirectories(root.resolve("m")));
      AtomicReference<BroadcastService<?>> self = new AtomicReference<>();
      HlsPutHandler handler =
          new HlsPutHandler(
              "/live",
              storage,
              new BroadcastLiveTargets(self::get, LiveLimits.defaults()),
              Files.createDirectories(root.resolve("t")),
              clock);
      List<BroadcastIngest> ingests = new java.util.ArrayList<>(others);
      ingests.add(new HlsPutIngest(handler, storage));
      BroadcastService<DefaultBroadcast> service =
          new BroadcastService<>(
              store,
              TransactionOperations.withoutTransaction(),
              clock,
              new BroadcastService.Settings("/live/", cap, EndpointKind.HLS_PUT),
              ingests);
      self.set(service);
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
