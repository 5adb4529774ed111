package io.videokit.autoconfigure;

import io.videokit.autoconfigure.properties.ProviderProperties;
import io.videokit.autoconfigure.properties.UploadProperties;
import io.videokit.cloudflare.CloudflareStreamClient;
import io.videokit.cloudflare.CloudflareVideoProvider;
import io.videokit.cloudflare.SignedUrls;
import io.videokit.core.tus.TusHandler;
import io.videokit.local.LocalVideoProvider;
import io.videokit.local.VideoService;
import io.videokit.video.provider.VideoProvider;
import io.videokit.video.provider.VideoProviders;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The providers behind one SPI: the self-hosted one ({@code local}) when its video store is
 * configured, Cloudflare Stream's when its client is, and the {@link VideoProviders} registry that
 * picks the one for new uploads ({@code videokit.provider}). Wiring only.
 */
@AutoConfiguration(
    after = {
      VideokitJpaAutoConfiguration.class,
      VideokitWebAutoConfiguration.class,
      VideokitCloudflareAutoConfiguration.class
    })
@EnableConfigurationProperties(ProviderProperties.class)
public class VideokitProviderAutoConfiguration {

  /** Creates the instance; used by Spring. */
  public VideokitProviderAutoConfiguration() {}

  /**
   * The registry, when any provider is configured (the nested configurations above are read first,
   * so their providers are known here).
   */
  @Bean
  @ConditionalOnBean(VideoProvider.class)
  @ConditionalOnMissingBean
  VideoProviders videokitProviders(
      ObjectProvider<VideoProvider> providers, ProviderProperties properties) {
    return new VideoProviders(providers.orderedStream().toList(), properties.getProvider());
  }

  /** The self-hosted provider, when its video store is configured. */
  @Configuration(proxyBeanMethods = false)
  static class Local {

    @Bean
    @ConditionalOnBean(VideoService.class)
    @ConditionalOnMissingBean
    LocalVideoProvider videokitLocalProvider(
        VideoService videos, ObjectProvider<TusHandler> uploads, UploadProperties upload) {
      return new LocalVideoProvider(videos, uploads::getIfAvailable, upload.getPath());
    }
  }

  /** Cloudflare Stream as a provider, when its client is configured. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(CloudflareStreamClient.class)
  static class Cloudflare {

    @Bean
    @ConditionalOnBean({CloudflareStreamClient.class, SignedUrls.class})
    @ConditionalOnMissingBean
    CloudflareVideoProvider videokitCloudflareProvider(
        CloudflareStreamClient client, SignedUrls signedUrls, Clock clock) {
      return new CloudflareVideoProvider(client, signedUrls, clock);
    }
  }
}
