package io.videokit.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.videokit.autoconfigure.metrics.CloudflareMeters;
import io.videokit.autoconfigure.metrics.JobMeters;
import io.videokit.autoconfigure.metrics.ProcessingMeters;
import io.videokit.autoconfigure.metrics.StreamMeters;
import io.videokit.autoconfigure.metrics.TusMeters;
import io.videokit.autoconfigure.metrics.WatchMeters;
import io.videokit.cloudflare.CloudflareCallObserver;
import io.videokit.core.stream.StreamObserver;
import io.videokit.core.tus.TusHandler;
import io.videokit.core.tus.TusObserver;
import io.videokit.jpa.VideoJobObserver;
import io.videokit.live.HlsPutHandler;
import io.videokit.local.ProcessingObserver;
import io.videokit.local.VideoProcessor;
import io.videokit.web.stream.StreamingService;
import io.videokit.web.watch.JpaWatchSessionRecorder;
import io.videokit.web.watch.WatchSessionObserver;
import io.videokit.web.watch.WatchSessionRecorder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer meters of videokit ({@code videokit.*}, listed in the README's Metrics table) when
 * Micrometer is on the class path and a {@link MeterRegistry} exists (Spring Boot Actuator makes
 * one). Each module reports through its own observer interface ({@link StreamObserver}, {@link
 * TusObserver}, {@link ProcessingObserver}, {@link VideoJobObserver}, {@link
 * CloudflareCallObserver}, {@link WatchSessionObserver}); the beans here implement them and are
 * handed to the components that exist. Switch them off with {@code
 * management.metrics.enable.videokit=false}.
 */
@AutoConfiguration(
    afterName =
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class VideokitMetricsAutoConfiguration {

  /** Creates the instance; used by Spring. */
  public VideokitMetricsAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(TusObserver.class)
  TusMeters videokitTusMeters(MeterRegistry registry, ObjectProvider<TusHandler> handlers) {
    TusMeters meters = new TusMeters(registry);
    handlers.forEach(handler -> handler.setObserver(meters));
    return meters;
  }

  /** Streaming and watch sessions (videokit-web). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(StreamingService.class)
  static class WebMeters {

    @Bean
    @ConditionalOnMissingBean(StreamObserver.class)
    StreamMeters videokitStreamMeters(
        MeterRegistry registry, ObjectProvider<StreamingService> services) {
      StreamMeters meters = new StreamMeters(registry);
      services.forEach(service -> service.setObserver(meters));
      return meters;
    }

    @Bean
    @ConditionalOnMissingBean(WatchSessionObserver.class)
    WatchMeters videokitWatchMeters(
        MeterRegistry registry, ObjectProvider<WatchSessionRecorder> recorders) {
      WatchMeters meters = new WatchMeters(registry);
      recorders.forEach(recorder -> {
        if (recorder instanceof JpaWatchSessionRecorder jpa) {
          jpa.setObserver(meters);
        }
      });
      return meters;
    }
  }

  /** Live playlists and segments (videokit-live): the streaming meters' {@code live} route. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HlsPutHandler.class)
  static class LiveMeters {

    @Bean
    SmartInitializingSingleton videokitLiveStreamMetrics(
        ObjectProvider<StreamObserver> observer, ObjectProvider<HlsPutHandler> handlers) {
      return () ->
          observer.ifAvailable(
              selected -> handlers.forEach(handler -> handler.setObserver(selected)));
    }
  }

  /** Processing (videokit-local). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(VideoProcessor.class)
  static class LocalMeters {

    @Bean
    @ConditionalOnMissingBean(ProcessingObserver.class)
    ProcessingMeters videokitProcessingMeters(
        MeterRegistry registry, ObjectProvider<VideoProcessor> processors) {
      ProcessingMeters meters = new ProcessingMeters(registry);
      processors.forEach(processor -> processor.setObserver(meters));
      return meters;
    }
  }

  /** Jobs of video attributes (videokit-jpa with db-scheduler). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({VideoJobObserver.class, com.github.kagkarlsson.scheduler.task.Task.class})
  static class JpaMeters {

    @Bean
    @ConditionalOnMissingBean(VideoJobObserver.class)
    JobMeters videokitJobMeters(MeterRegistry registry) {
      return new JobMeters(registry);
    }
  }

  /** Cloudflare API calls (videokit-cloudflare). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(CloudflareCallObserver.class)
  static class CloudflareApiMeters {

    @Bean
    @ConditionalOnMissingBean(CloudflareCallObserver.class)
    CloudflareMeters videokitCloudflareMeters(MeterRegistry registry) {
      return new CloudflareMeters(registry);
    }
  }
}
