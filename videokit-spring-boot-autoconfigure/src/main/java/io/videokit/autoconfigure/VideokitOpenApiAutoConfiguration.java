package io.videokit.autoconfigure;

import io.videokit.autoconfigure.openapi.VideokitOpenApiCustomizer;
import io.videokit.autoconfigure.properties.BroadcastProperties;
import io.videokit.autoconfigure.properties.CloudflareUploadProperties;
import io.videokit.autoconfigure.properties.UploadProperties;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * When the application has springdoc on its class path: videokit's part of the OpenAPI description
 * ({@link VideokitOpenApiCustomizer}: the tus 1.0.0 operations, problem responses and catalogue,
 * the Django-compatible tags). springdoc itself is the application's choice (the reference server
 * adds {@code springdoc-openapi-starter-webmvc-ui}).
 */
@AutoConfiguration(
    after = {VideokitAutoConfiguration.class, VideokitCloudflareAutoConfiguration.class})
@ConditionalOnClass(GlobalOpenApiCustomizer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class VideokitOpenApiAutoConfiguration {
  /** Creates the instance; used by Spring. */
  public VideokitOpenApiAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  VideokitOpenApiCustomizer videokitOpenApiCustomizer(
      UploadProperties uploads,
      ObjectProvider<BroadcastProperties> broadcasts,
      ObjectProvider<CloudflareUploadProperties> cloudflare) {
    String ingest =
        broadcasts.stream().findFirst().map(BroadcastProperties::getIngestBasePath).orElse("/live");
    String ingestPath = ingest.contains("://") ? URI.create(ingest).getPath() : ingest;
    List<String> cloudflarePaths = new ArrayList<>();
    cloudflare.ifAvailable(upload -> cloudflarePaths.add(upload.getPath()));
    return new VideokitOpenApiCustomizer(uploads.getPath(), ingestPath, cloudflarePaths);
  }
}
