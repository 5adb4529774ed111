package io.videokit.autoconfigure;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration;
import io.videokit.autoconfigure.cloudflare.ConditionalOnCloudflareCredentials;
import io.videokit.autoconfigure.properties.CloudflareProperties;
import io.videokit.autoconfigure.properties.CloudflareSigningProperties;
import io.videokit.autoconfigure.properties.CloudflareSyncProperties;
import io.videokit.autoconfigure.properties.CloudflareUploadProperties;
import io.videokit.autoconfigure.properties.CloudflareWebhookProperties;
import io.videokit.autoconfigure.properties.SecurityProperties;
import io.videokit.autoconfigure.properties.UploadProperties;
import io.videokit.cloudflare.CloudflareCallObserver;
import io.videokit.cloudflare.CloudflareStreamClient;
import io.videokit.cloudflare.CloudflareVideoProvider;
import io.videokit.cloudflare.SignedUrls;
import io.videokit.cloudflare.sync.CloudflareSyncSettings;
import io.videokit.cloudflare.sync.CloudflareVideoRecords;
import io.videokit.cloudflare.sync.CloudflareVideoSync;
import io.videokit.cloudflare.sync.CloudflareWebhooks;
import io.videokit.jpa.AttributeHolders;
import io.videokit.jpa.LifecycleAnnouncingHolders;
import io.videokit.jpa.VideoAttributeJobs;
import io.videokit.jpa.VideoHolders;
import io.videokit.jpa.VideoOrigins;
import io.videokit.web.cloudflare.CloudflarePlayback;
import io.videokit.web.cloudflare.CloudflarePlaybackController;
import io.videokit.web.cloudflare.CloudflareUploadController;
import io.videokit.web.cloudflare.CloudflareWebhookController;
import io.videokit.web.cloudflare.ProxyPathAlias;
import io.videokit.web.cloudflare.UploadLocationPolicy;
import io.videokit.web.cors.UploadCors;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import javax.sql.DataSource;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The Cloudflare Stream provider. Switches on when {@code videokit.cloudflare.account-id} and
 * {@code videokit.cloudflare.api-token} are set (the environment variables {@code
 * CLOUDFLARE_ACCOUNT_ID} / {@code CLOUDFLARE_API_TOKEN} are mapped onto them by {@link
 * io.videokit.autoconfigure.properties.DjangoEnvironmentPostProcessor}).
 *
 * <p>Provides the API client and signed playback URLs; with JPA and db-scheduler, the background
 * synchronisation of {@code Video} entity attributes (after-commit jobs: refresh, download,
 * automatic trim, deletion), upload ownership and webhooks; in a servlet web application, the tus
 * creation proxy, the webhook endpoint and the playback endpoint.
 *
 * <p>Over 400 lines because it still holds the job definitions (their retry formulas) next to the
 * wiring; issue 9 moves those into the provider module, leaving one auto-configuration per
 * capability.
 */
@AutoConfiguration(
    after = {
      HibernateJpaAutoConfiguration.class,
      VideokitAutoConfiguration.class,
      VideokitJpaAutoConfiguration.class,
      VideokitAttributeAutoConfiguration.class
    },
    before = DbSchedulerAutoConfiguration.class)
@ConditionalOnClass(CloudflareStreamClient.class)
@ConditionalOnCloudflareCredentials
@EnableConfigurationProperties({
  CloudflareProperties.class,
  CloudflareUploadProperties.class,
  CloudflareSyncProperties.class,
  CloudflareWebhookProperties.class,
  CloudflareSigningProperties.class,
  SecurityProperties.class,
  UploadProperties.class
})
public class VideokitCloudflareAutoConfiguration {

  private static final Logger log =
      LoggerFactory.getLogger(VideokitCloudflareAutoConfiguration.class);

  /** Creates the instance; used by Spring. */
  public VideokitCloudflareAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  CloudflareStreamClient videokitCloudflareClient(
      CloudflareProperties properties,
      Clock clock,
      ObjectProvider<CloudflareCallObserver> observer) {
    return CloudflareStreamClient.builder()
        .observer(observer.getIfAvailable(() -> CloudflareCallObserver.NONE))
        .accountId(properties.getAccountId())
        .apiToken(properties.getApiToken())
        .baseUri(properties.getBaseUrl())
        .connectTimeout(properties.getConnectTimeout())
        .requestTimeout(properties.getRequestTimeout())
        .maxAttempts(properties.getMaxAttempts())
        .maxRetryWait(properties.getMaxRetryWait())
        .rateLimit(properties.getRateLimitRequests(), properties.getRateLimitPeriod())
        .clock(clock)
        .build();
  }

  @Bean
  @ConditionalOnMissingBean
  SignedUrls videokitCloudflareSignedUrls(
      CloudflareStreamClient client, CloudflareSigningProperties signing) {
    if (signing.getKeyId() != null && signing.getKey() != null) {
      return SignedUrls.withKey(signing.getKeyId(), signing.getKey(), client);
    }
    return SignedUrls.viaApi(client);
  }

  @Bean
  @ConditionalOnMissingBean
  CloudflarePlayback videokitCloudflarePlayback(
      SignedUrls signedUrls, CloudflareSigningProperties signing, Clock clock) {
    return new CloudflarePlayback(signedUrls, signing.getTokenTtl(), clock);
  }

  /**
   * Cloudflare's side of the attribute synchronisation (its {@code ProviderSync}: trim and MP4
   * download), upload ownership records and webhooks (JPA + db-scheduler).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({Scheduler.class, SessionFactoryImplementor.class})
  @ConditionalOnBean({EntityManagerFactory.class, DataSource.class, VideoHolders.class})
  static class Synchronisation {

    @Bean
    @ConditionalOnMissingBean
    CloudflareVideoRecords videokitCloudflareRecords(DataSource dataSource, Clock clock) {
      return new CloudflareVideoRecords(JdbcClient.create(dataSource), clock);
    }

    /** The creation proxy's records say who uploaded a Cloudflare uid. */
    @Bean
    VideoOrigins videokitCloudflareVideoOrigins(CloudflareVideoRecords records) {
      return uid ->
          records
              .find(uid)
              .map(r -> new VideoOrigins.Origin(CloudflareVideoProvider.NAME, r.creator()));
    }

    @Bean
    @ConditionalOnMissingBean
    CloudflareVideoSync videokitCloudflareSync(
        CloudflareStreamClient client,
        VideoHolders holders,
        CloudflareVideoRecords records,
        VideoAttributeJobs jobs,
        CloudflareProperties properties,
        CloudflareSyncProperties sync,
        ApplicationEventPublisher events,
        Clock clock) {
      CloudflareSyncSettings settings =
          new CloudflareSyncSettings(
              sync.getInitialDelay(),
              sync.getMaxDelay(),
              sync.getGiveUpAfter(),
              properties.isAutomaticTrim(),
              properties.getTrimDurationSeconds(),
              properties.getDurationExceeded());
      // transitions are announced when stored (by a step or a webhook), not when a step ends
      AttributeHolders announcing = new LifecycleAnnouncingHolders(holders, events::publishEvent);
      return new CloudflareVideoSync(client, client, announcing, records, jobs, settings, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    CloudflareWebhooks videokitCloudflareWebhooks(
        CloudflareStreamClient client,
        DataSource dataSource,
        CloudflareWebhookProperties webhook,
        Clock clock) {
      return new CloudflareWebhooks(
          client,
          JdbcClient.create(dataSource),
          webhook.getSecret(),
          webhook.getTolerance(),
          clock);
    }

    /** The HTTP endpoints. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Web {

      @Bean
      @ConditionalOnMissingBean
      @ConditionalOnProperty(
          prefix = "videokit.cloudflare.upload",
          name = "enabled",
          matchIfMissing = true)
      CloudflareUploadController videokitCloudflareUploadController(
          CloudflareStreamClient client,
          CloudflareVideoRecords records,
          CloudflareProperties properties,
          CloudflareUploadProperties upload,
          SecurityProperties security) {
        return new CloudflareUploadController(
            client,
            records,
            properties.getMaxDurationSeconds(),
            new UploadLocationPolicy(upload.getAllowedLocationOrigins()),
            security.getStaffRole());
      }

      /** The proxy also answers its path without (or with) the trailing slash. */
      @Bean
      @ConditionalOnBean(CloudflareUploadController.class)
      ProxyPathAlias videokitCloudflareUploadPathAlias(
          @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping,
          CloudflareUploadController proxy,
          CloudflareUploadProperties upload) {
        return new ProxyPathAlias(mapping, proxy, upload.getPath());
      }

      @Bean
      @ConditionalOnMissingBean
      CloudflareWebhookController videokitCloudflareWebhookController(
          CloudflareWebhooks webhooks,
          CloudflareVideoSync sync,
          CloudflareWebhookProperties webhook,
          SecurityProperties security) {
        return new CloudflareWebhookController(
            webhooks, sync, webhook.getPath(), security.getStaffRole());
      }

      @Bean
      @ConditionalOnMissingBean
      CloudflarePlaybackController videokitCloudflarePlaybackController(
          CloudflarePlayback playback,
          VideoHolders holders,
          CloudflareVideoRecords records,
          SecurityProperties security) {
        return new CloudflarePlaybackController(
            playback, holders, records, security.getStaffRole());
      }

      @Bean
      UploadCors videokitCloudflareUploadCors(
          CloudflareUploadProperties upload, UploadProperties uploads) {
        return new UploadCors(uploads.getAllowedOrigins(), null, upload.getPath());
      }
    }
  }
}
