package io.videokit.autoconfigure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The two databases videokit supports: H2 in memory, and a real PostgreSQL started from Maven. */
public final class Databases {

  private static EmbeddedPostgres postgres;

  private Databases() {}

  /**
   * A fresh JDBC URL.
   *
   * @param vendor {@code h2} or {@code postgresql}
   * @return the URL of an empty database
   */
  public static synchronized String url(String vendor) {
    if (vendor.equals("h2")) {
      return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }
    try {
      if (postgres == null) {
        postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(Databases::stop));
      }
      String name = "db" + UUID.randomUUID().toString().replace("-", "");
      try (var connection = postgres.getPostgresDatabase().getConnection();
          var statement = connection.createStatement()) {
        statement.execute("create database " + name);
      }
      return postgres.getJdbcUrl("postgres", name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A context with videokit's persistence (data source, JPA, schema, videos, jobs) on a fresh
   * database, media and uploads under {@code data}, probing off.
   *
   * @param vendor {@code h2} or {@code postgresql}
   * @param data a directory for media and uploads
   * @return the runner; add properties to change the defaults
   */
  public static ApplicationContextRunner persistence(String vendor, Path data) {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class,
                HibernateJpaAutoConfiguration.class,
                VideokitAutoConfiguration.class,
                VideokitSchemaAutoConfiguration.class,
                VideokitJpaAutoConfiguration.class,
                VideokitJobsAutoConfiguration.class))
        .withPropertyValues(
            "spring.datasource.url=" + url(vendor),
            "spring.jpa.hibernate.ddl-auto=none",
            "videokit.storage.local.root=" + data.resolve("media"),
            "videokit.uploads.directory=" + data.resolve("uploads"),
            "videokit.media.probe=false");
  }

  private static void stop() {
    try {
      postgres.close();
    } catch (IOException e) {
      // shutting down
    }
  }
}
