package io.videokit.autoconfigure.entityscan;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.autoconfigure.Databases;
import io.videokit.local.VideoEntity;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Configuration;

/**
 * An application with an {@code @EntityScan} of its own (which replaces Spring Boot's
 * auto-configuration packages as the JPA scan roots) still gets videokit's entities beside its own:
 * videokit adds its packages to the application's entity scan.
 */
class OwnEntityScanTest {

  @TempDir Path data;

  @Configuration(proxyBeanMethods = false)
  @EntityScan(basePackageClasses = Note.class)
  static class Application {}

  @Test
  void ownEntityScanKeepsVideokitEntities() {
    Databases.persistence("h2", data)
        .withUserConfiguration(Application.class)
        .run(context -> {
          assertThat(context).hasNotFailed();
          var managed =
              context.getBean(EntityManagerFactory.class).getMetamodel().getEntities().stream()
                  .map(type -> type.getJavaType().getName())
                  .collect(Collectors.toSet());
          assertThat(managed).contains(Note.class.getName(), VideoEntity.class.getName());
        });
  }
}
