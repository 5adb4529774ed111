package io.videokit.autoconfigure;

import io.videokit.autoconfigure.properties.SecurityProperties;
import io.videokit.autoconfigure.properties.StreamingProperties;
import io.videokit.autoconfigure.properties.UploadProperties;
import io.videokit.autoconfigure.upload.InterruptedCompletions;
import io.videokit.core.storage.LocalMediaStorage;
import io.videokit.core.storage.MediaStorage;
import io.videokit.core.stream.RangeStreamer;
import io.videokit.core.tus.TusHandler;
import io.videokit.core.tus.TusSettings;
import io.videokit.core.tus.UploadHooks;
import io.videokit.core.tus.UploadLocker;
import io.videokit.core.tus.UploadStore;
import io.videokit.core.tus.UsableSpace;
import io.videokit.core.tus.UserUsage;
import io.videokit.core.watch.ClientAddressResolver;
import io.videokit.local.VideoService;
import io.videokit.web.VideokitExceptionHandler;
import io.videokit.web.cors.UploadCors;
import io.videokit.web.stream.StreamAccessPolicy;
import io.videokit.web.stream.StreamController;
import io.videokit.web.stream.StreamingService;
import io.videokit.web.upload.TusUploadController;
import io.videokit.web.video.VideoController;
import io.videokit.web.watch.WatchHeatmapController;
import io.videokit.web.watch.WatchSessionController;
import io.videokit.web.watch.WatchSessionQuery;
import io.videokit.web.watch.WatchSessionRecorder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * videokit's HTTP endpoints on Spring MVC: the tus upload endpoint, the video API, range streaming
 * and the watch-session API, with errors as RFC 9457 problems.
 */
@AutoConfiguration(after = VideokitJpaAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(VideoService.class)
@EnableConfigurationProperties({
  UploadProperties.class,
  StreamingProperties.class,
  SecurityProperties.class
})
public class VideokitWebAutoConfiguration {
  /** Creates the instance; used by Spring or by hand. */
  public VideokitWebAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  VideokitExceptionHandler videokitExceptionHandler() {
    return new VideokitExceptionHandler();
  }

  @Bean
  @ConditionalOnMissingBean
  VideoController videokitVideoController(
      VideoService videos, StreamingProperties streaming, SecurityProperties security) {
    return new VideoController(videos, streaming.getMediaOrigin(), security.getStaffRole());
  }

  @Bean
  @ConditionalOnMissingBean
  StreamAccessPolicy videokitStreamAccessPolicy() {
    return StreamAccessPolicy.readyVideosForEveryone();
  }

  @Bean
  @ConditionalOnMissingBean
  StreamingService videokitStreamingService(
      MediaStorage storage,
      VideoService videos,
      RangeStreamer streamer,
      StreamAccessPolicy policy,
      ObjectProvider<WatchSessionRecorder> recorder,
      ClientAddressResolver addresses,
      SecurityProperties security,
      Clock clock) {
    return new StreamingService(
        storage,
        videos,
        streamer,
        policy,
        recorder.getIfAvailable(),
        addresses,
        security.getStaffRole(),
        clock);
  }

  @Bean
  @ConditionalOnMissingBean
  StreamController videokitStreamController(
      StreamingService streaming, StreamingProperties properties) {
    return new StreamController(streaming, properties.getPathVariable());
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(WatchSessionQuery.class)
  WatchSessionController videokitWatchSessionController(
      WatchSessionQuery sessions, SecurityProperties security) {
    return new WatchSessionController(sessions, security.getStaffRole());
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(WatchSessionQuery.class)
  WatchHeatmapController videokitWatchHeatmapController(
      WatchSessionQuery sessions, VideoService videos, SecurityProperties security) {
    return new WatchHeatmapController(sessions, videos, security.getStaffRole());
  }

  /** The tus endpoint ({@code videokit.uploads.enabled}, on by default). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "videokit.uploads", name = "enabled", matchIfMissing = true)
  static class Uploads {

    /** Where the free-space floor is measured; replace it to simulate a nearly full disk. */
    @Bean
    @ConditionalOnMissingBean
    UsableSpace videokitUsableSpace() {
      return UsableSpace.fileStores();
    }

    @Bean
    @ConditionalOnMissingBean
    TusHandler videokitTusHandler(
        UploadStore store,
        UploadLocker locker,
        UploadHooks hooks,
        UploadProperties uploads,
        Clock clock,
        MediaStorage storage,
        ObjectProvider<UserUsage> usage,
        UsableSpace space) {
      List<Path> watched = new ArrayList<>(List.of(uploads.getDirectory()));
      if (storage instanceof LocalMediaStorage local) {
        watched.add(local.root());
      }
      return new TusHandler(
          store,
          locker,
          hooks,
          new TusSettings(
              uploads.getMaxSize().toBytes(),
              uploads.getExpiration(),
              uploads.getLockWait(),
              uploads.getQuota().getPerUser().toBytes(),
              uploads.getMaxConcurrentPerUser(),
              uploads.getMinFreeSpace().toBytes(),
              watched),
          clock,
          usage.getIfAvailable(() -> UserUsage.NONE),
          space);
    }

    @Bean
    InterruptedCompletions videokitInterruptedCompletions(TusHandler handler) {
      return new InterruptedCompletions(handler);
    }

    @Bean
    @ConditionalOnMissingBean
    TusUploadController videokitTusUploadController(
        TusHandler handler, SecurityProperties security) {
      return new TusUploadController(handler, security.getStaffRole());
    }

    @Bean
    UploadCors videokitUploadCors(UploadProperties uploads) {
      return new UploadCors(uploads.getAllowedOrigins(), uploads.getPath(), null);
    }
  }
}
