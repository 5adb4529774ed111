package io.videokit.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.autoconfigure.properties.DjangoEnvironmentPostProcessor;
import io.videokit.core.storage.LocalMediaStorage;
import io.videokit.core.storage.MediaStorage;
import io.videokit.core.stream.RangeStreamer;
import io.videokit.core.tus.TusHandler;
import io.videokit.local.VideoService;
import io.videokit.web.stream.StreamController;
import io.videokit.web.stream.StreamingService;
import io.videokit.web.upload.TusUploadController;
import io.videokit.web.watch.WatchSessionRecorder;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the auto-configuration creates, what switches it off, and that user beans win. */
class VideokitAutoConfigurationTest {

  @TempDir Path data;

  WebApplicationContextRunner runner() {
    return new WebApplicationContextRunner()
        // what SpringApplication does through spring.factories: the Django names become keys
        .withInitializer(context -> DjangoEnvironmentPostProcessor.apply(context.getEnvironment()))
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class,
                HibernateJpaAutoConfiguration.class,
                WebMvcAutoConfiguration.class,
                VideokitAutoConfiguration.class,
                VideokitSchemaAutoConfiguration.class,
                VideokitJpaAutoConfiguration.class,
                VideokitWebAutoConfiguration.class,
                VideokitJobsAutoConfiguration.class,
                VideokitAttributeAutoConfiguration.class,
                VideokitCloudflareAutoConfiguration.class,
                VideokitProviderAutoConfiguration.class))
        .withPropertyValues(
            "spring.datasource.url=" + Databases.url("h2"),
            "spring.jpa.hibernate.ddl-auto=none",
            "videokit.storage.local.root=" + data.resolve("media"),
            "videokit.uploads.directory=" + data.resolve("uploads"));
  }

  @Nested
  class Defaults {
    @Test
    void createsTheWholeSelfHostedProvider() {
      runner()
          .run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(MediaStorage.class);
            assertThat(context).hasSingleBean(RangeStreamer.class);
            assertThat(context).hasSingleBean(TusHandler.class);
            assertThat(context).hasSingleBean(TusUploadController.class);
            assertThat(context).hasSingleBean(VideoService.class);
            assertThat(context).hasSingleBean(StreamingService.class);
            assertThat(context).hasSingleBean(StreamController.class);
            assertThat(context).hasSingleBean(WatchSessionRecorder.class);
            assertThat(context.getBean(MediaStorage.class)).isInstanceOf(LocalMediaStorage.class);
            assertThat(((LocalMediaStorage) context.getBean(MediaStorage.class)).root())
                .isEqualTo(data.resolve("media").toRealPath());
            io.videokit.video.provider.VideoProviders providers =
                context.getBean(io.videokit.video.provider.VideoProviders.class);
            assertThat(providers.names()).containsExactly("local");
            assertThat(providers.forNewUploads().name()).isEqualTo("local");
            assertThat(
                    io.videokit.video.provider.VideoProviders.capabilitiesOf(
                        providers.forNewUploads()))
                .isEmpty();
          });
    }

    @Test
    void aProviderThatIsNotConfiguredIsRefusedWithTheConfiguredOnes() {
      runner()
          .withPropertyValues("videokit.provider=cloudflare")
          .run(context ->
              assertThat(context)
                  .getFailure()
                  .rootCause()
                  .hasMessageContaining("videokit.provider=cloudflare is not configured")
                  .hasMessageContaining("configured providers: local"));
    }
  }

  @Nested
  class Cloudflare {
    @Test
    void isOffWithoutCredentials() {
      runner()
          .withPropertyValues("videokit.cloudflare.account-id=abc123")
          .run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context)
                .doesNotHaveBean(io.videokit.cloudflare.CloudflareStreamClient.class);
            assertThat(context)
                .doesNotHaveBean(io.videokit.web.cloudflare.CloudflareUploadController.class);
          });
    }

    @Test
    void switchesOnWithPropertiesOrTheDjangoEnvironmentNames() {
      for (String[] credentials :
          new String[][] {
            {"videokit.cloudflare.account-id=abc123", "videokit.cloudflare.api-token=t0ken"},
            {"CLOUDFLARE_ACCOUNT_ID=abc123", "CLOUDFLARE_API_TOKEN=t0ken"}
          }) {
        runner()
            .withPropertyValues(credentials)
            .run(context -> {
              assertThat(context).hasNotFailed();
              assertThat(
                      context
                          .getBean(io.videokit.cloudflare.CloudflareStreamClient.class)
                          .streamBase())
                  .hasToString("https://api.cloudflare.com/client/v4/accounts/abc123/stream");
              assertThat(context)
                  .hasSingleBean(io.videokit.web.cloudflare.CloudflareUploadController.class);
              assertThat(context)
                  .hasSingleBean(io.videokit.web.cloudflare.CloudflareWebhookController.class);
              io.videokit.video.provider.VideoProviders providers =
                  context.getBean(io.videokit.video.provider.VideoProviders.class);
              assertThat(providers.names()).containsExactlyInAnyOrder("local", "cloudflare");
              assertThat(providers.forNewUploads().name()).isEqualTo("local");
              assertThat(
                      providers.capability(
                          "cloudflare", io.videokit.video.provider.ClippingProvider.class))
                  .isPresent();
            });
      }
    }

    @Test
    void canBeSwitchedOffDespiteCredentials() {
      runner()
          .withPropertyValues(
              "CLOUDFLARE_ACCOUNT_ID=abc123",
              "CLOUDFLARE_API_TOKEN=t0ken",
              "videokit.cloudflare.enabled=false")
          .run(context ->
              assertThat(context)
                  .doesNotHaveBean(io.videokit.cloudflare.CloudflareStreamClient.class));
    }
  }

  @Nested
  class SwitchedOff {
    @Test
    void uploadsCanBeSwitchedOff() {
      runner()
          .withPropertyValues("videokit.uploads.enabled=false")
          .run(context -> {
            assertThat(context).doesNotHaveBean(TusHandler.class);
            assertThat(context).doesNotHaveBean(TusUploadController.class);
            assertThat(context).hasSingleBean(StreamController.class);
          });
    }

    @Test
    void watchSessionsCanBeSwitchedOff() {
      runner()
          .withPropertyValues("videokit.watch.enabled=false")
          .run(context -> assertThat(context).doesNotHaveBean(WatchSessionRecorder.class));
    }

    @Test
    void withoutJpaOnlyTheFrameworkFreePartsRemain() {
      runner()
          .withClassLoader(new FilteredClassLoader(EntityManager.class))
          .run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(MediaStorage.class);
            assertThat(context).doesNotHaveBean(VideoService.class);
            assertThat(context).doesNotHaveBean(StreamController.class);
          });
    }
  }

  @Nested
  class UserBeansWin {
    @Test
    void aUserMediaStorageReplacesTheDefault() {
      runner()
          .withUserConfiguration(CustomStorage.class)
          .run(context ->
              assertThat(context.getBean(MediaStorage.class)).isSameAs(CustomStorage.STORAGE));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class CustomStorage {
    static final MediaStorage STORAGE;

    static {
      try {
        STORAGE = new LocalMediaStorage(java.nio.file.Files.createTempDirectory("custom-media"));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Bean
    MediaStorage customStorage() {
      return STORAGE;
    }
  }
}
