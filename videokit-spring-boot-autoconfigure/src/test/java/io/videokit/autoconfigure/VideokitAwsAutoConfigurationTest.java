package io.videokit.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.aws.S3BroadcastIngest;
import io.videokit.aws.S3BroadcastSettings;
import io.videokit.broadcast.BroadcastService;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The S3 endpoint kind is one more ingest of the broadcast service when a bucket is set. */
class VideokitAwsAutoConfigurationTest {

  @TempDir Path data;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class,
                HibernateJpaAutoConfiguration.class,
                VideokitAutoConfiguration.class,
                VideokitSchemaAutoConfiguration.class,
                VideokitJpaAutoConfiguration.class,
                VideokitBroadcastAutoConfiguration.class,
                VideokitAwsAutoConfiguration.class))
        .withPropertyValues(
            "spring.datasource.url=" + Databases.url("h2"),
            "spring.jpa.hibernate.ddl-auto=none",
            "videokit.storage.local.root=" + data.resolve("media"),
            "videokit.uploads.directory=" + data.resolve("uploads"));
  }

  private static final String[] S3 = {
    "videokit.broadcast.s3.bucket=broadcasts",
    "videokit.broadcast.s3.region=us-west-1",
    "videokit.broadcast.s3.role-arn=arn:aws:iam::123456789012:role/broadcaster",
    "videokit.broadcast.s3.credential-duration=15m",
    "videokit.broadcast.s3.playback-base-url=https://cdn.example.com/"
  };

  @Test
  void aBucketAddsTheS3KindToTheBroadcastService() {
    runner()
        .withPropertyValues(S3)
        .withPropertyValues("videokit.broadcast.default-kind=S3")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(S3BroadcastIngest.class);
          assertThat(context.getBean(BroadcastService.class).supportedKinds()).contains("s3");
          S3BroadcastSettings settings = context.getBean(S3BroadcastSettings.class);
          assertThat(settings.credentialDuration()).isEqualTo(Duration.ofMinutes(15));
          assertThat(settings.publicUrl("live/a/b/index.m3u8"))
              .isEqualTo("https://cdn.example.com/live/a/b/index.m3u8");
        });
  }

  @Test
  void withoutABucketThereIsNoS3Kind() {
    runner()
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(S3BroadcastIngest.class);
          assertThat(context.getBean(BroadcastService.class).supportedKinds()).doesNotContain("s3");
        });
  }

  @Test
  void withoutVideokitAwsThereIsNoS3Kind() {
    runner()
        .withPropertyValues(S3)
        .withClassLoader(new FilteredClassLoader(S3BroadcastIngest.class))
        .run(
            context -> assertThat(context).hasNotFailed().doesNotHaveBean(S3BroadcastIngest.class));
  }

  @Test
  void aLifetimeBeyondAnHourFailsTheStart() {
    runner()
        .withPropertyValues(S3)
        .withPropertyValues("videokit.broadcast.s3.credential-duration=2h")
        .run(context ->
            assertThat(context)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("900 to 3600 seconds"));
  }
}
