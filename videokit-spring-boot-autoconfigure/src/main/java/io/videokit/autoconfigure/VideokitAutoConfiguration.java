package io.videokit.autoconfigure;

import io.videokit.autoconfigure.properties.StorageProperties;
import io.videokit.autoconfigure.properties.StreamingProperties;
import io.videokit.autoconfigure.properties.UploadProperties;
import io.videokit.autoconfigure.properties.WatchProperties;
import io.videokit.broadcast.DefaultBroadcast;
import io.videokit.core.range.RangeEvaluator;
import io.videokit.core.storage.LocalMediaStorage;
import io.videokit.core.storage.MediaStorage;
import io.videokit.core.stream.RangeStreamer;
import io.videokit.core.stream.SendfileReporting;
import io.videokit.core.tus.LocalUploadLocker;
import io.videokit.core.tus.LocalUploadStore;
import io.videokit.core.tus.UploadLocker;
import io.videokit.core.tus.UploadStore;
import io.videokit.core.watch.ClientAddressResolver;
import io.videokit.local.VideoEntity;
import io.videokit.web.watch.WatchSessionEntity;
import java.io.IOException;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScanPackages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The framework-free parts of videokit as beans: media storage (local disk under {@code
 * videokit.storage.local.root}), the upload store and locker, the range streamer and client address
 * resolution. Also registers videokit's JPA entities for scanning.
 */
@AutoConfiguration(before = HibernateJpaAutoConfiguration.class)
@AutoConfigurationPackage(
    basePackageClasses = {VideoEntity.class, WatchSessionEntity.class, DefaultBroadcast.class})
@EnableConfigurationProperties({
  StorageProperties.class,
  UploadProperties.class,
  StreamingProperties.class,
  WatchProperties.class
})
public class VideokitAutoConfiguration {
  /** Creates the instance; used by Spring or by hand. */
  public VideokitAutoConfiguration() {}

  /**
   * An application's own {@code @EntityScan} replaces the auto-configuration packages as Spring
   * Boot's JPA scan roots; videokit's entity packages are added to it, so they stay managed.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = "org.springframework.boot.persistence.autoconfigure.EntityScanPackages")
  static class EntityScanRegistration {
    @Bean
    static BeanDefinitionRegistryPostProcessor videokitEntityScanPackages() {
      return registry -> {
        if (registry.containsBeanDefinition(EntityScanPackages.class.getName())) {
          EntityScanPackages.register(
              registry,
              VideoEntity.class.getPackageName(),
              WatchSessionEntity.class.getPackageName(),
              DefaultBroadcast.class.getPackageName());
        }
      };
    }
  }

  @Bean
  @ConditionalOnMissingBean
  Clock videokitClock() {
    return Clock.systemUTC();
  }

  @Bean
  @ConditionalOnMissingBean
  MediaStorage videokitMediaStorage(StorageProperties storage) throws IOException {
    return new LocalMediaStorage(storage.getLocal().getRoot());
  }

  @Bean
  @ConditionalOnMissingBean
  UploadStore videokitUploadStore(UploadProperties uploads) throws IOException {
    // implements every optional store interface; a replacement store's own set of extension
    // interfaces is what the tus handler advertises in Tus-Extension and serves
    return new LocalUploadStore(uploads.getDirectory());
  }

  @Bean
  @ConditionalOnMissingBean
  UploadLocker videokitUploadLocker() {
    return new LocalUploadLocker();
  }

  @Bean
  @ConditionalOnMissingBean
  RangeStreamer videokitRangeStreamer(
      StreamingProperties streaming, ObjectProvider<SendfileReporting> reporting) {
    return new RangeStreamer(
        new RangeEvaluator(streaming.getMaxRanges(), streaming.getMaxRangeLength().toBytes()),
        streaming.isZeroCopy(),
        (int) streaming.getBufferSize().toBytes(),
        reporting.getIfAvailable(() -> SendfileReporting.NONE));
  }

  @Bean
  @ConditionalOnMissingBean
  ClientAddressResolver videokitClientAddressResolver(WatchProperties watch) {
    return new ClientAddressResolver(watch.getTrustedProxies());
  }
}
