package io.videokit.autoconfigure;

import io.videokit.autoconfigure.properties.S3BroadcastProperties;
import io.videokit.aws.S3BroadcastIngest;
import io.videokit.aws.S3BroadcastSettings;
import io.videokit.broadcast.BroadcastService;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * The {@code S3} endpoint kind of live broadcasts, from {@code videokit.broadcast.s3.*}, when
 * videokit-aws is on the class path and a bucket is set: one more {@link
 * io.videokit.broadcast.BroadcastIngest} bean for the broadcast service. Its AWS clients are kept
 * in a bean of their own type (so they never compete with an application's {@code S3Client}) and
 * closed with the context. Wiring only.
 */
@AutoConfiguration(after = VideokitBroadcastAutoConfiguration.class)
@ConditionalOnClass({S3BroadcastIngest.class, BroadcastService.class})
@ConditionalOnBean(BroadcastService.class)
@ConditionalOnProperty(prefix = "videokit.broadcast.s3", name = "bucket")
@EnableConfigurationProperties(S3BroadcastProperties.class)
public class VideokitAwsAutoConfiguration {
  /** Creates the instance; used by Spring or by hand. */
  public VideokitAwsAutoConfiguration() {}

  /** The STS and S3 clients of the S3 kind, closed with the context. */
  record S3BroadcastClients(StsClient sts, S3Client s3) implements AutoCloseable {
    @Override
    public void close() {
      sts.close();
      s3.close();
    }
  }

  @Bean
  @ConditionalOnMissingBean
  S3BroadcastSettings videokitS3BroadcastSettings(S3BroadcastProperties properties) {
    String region = properties.getRegion();
    if (region == null || region.isBlank()) {
      region = new DefaultAwsRegionProviderChain().getRegion().id();
    }
    String bucket = properties.getBucket();
    String role = properties.getRoleArn();
    if (bucket == null || role == null) {
      throw new IllegalStateException(
          S3BroadcastProperties.PREFIX + ".role-arn must be set when the bucket is");
    }
    return new S3BroadcastSettings(
        bucket,
        region,
        role,
        properties.getCredentialDuration(),
        properties.getPlaybackBaseUrl(),
        properties.getS3Endpoint());
  }

  @Bean
  @ConditionalOnMissingBean
  S3BroadcastClients videokitS3BroadcastClients(
      S3BroadcastSettings settings, S3BroadcastProperties properties) {
    Region region = Region.of(settings.region());
    DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    StsClientBuilder sts = StsClient.builder().region(region).credentialsProvider(credentials);
    if (properties.getStsEndpoint() != null) {
      sts.endpointOverride(properties.getStsEndpoint());
    }
    S3ClientBuilder s3 = S3Client.builder().region(region).credentialsProvider(credentials);
    if (settings.s3Endpoint() != null) {
      s3.endpointOverride(settings.s3Endpoint()).forcePathStyle(true);
    }
    return new S3BroadcastClients(sts.build(), s3.build());
  }

  @Bean
  @ConditionalOnMissingBean
  S3BroadcastIngest videokitS3BroadcastIngest(
      S3BroadcastClients clients, S3BroadcastSettings settings, Clock clock) {
    return new S3BroadcastIngest(clients.sts(), clients.s3(), settings, clock);
  }
}
