package io.videokit.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * Empty databases of the two vendors the server supports: H2 in memory, and a real PostgreSQL
 * (embedded binaries from Maven, one server per JVM, one database per call).
 */
final class TestDatabases {

  private static EmbeddedPostgres postgres;

  private TestDatabases() {}

  /**
   * The connection settings of a new, empty database.
   *
   * @param vendor {@code h2} or {@code postgresql}
   * @return command-line style properties: URL, user name and password
   */
  static synchronized List<String> newDatabase(String vendor) {
    String name = "db" + UUID.randomUUID().toString().replace("-", "");
    if (vendor.equals("h2")) {
      return List.of(
          "--spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
          "--spring.datasource.username=sa",
          "--spring.datasource.password=");
    }
    if (!vendor.equals("postgresql")) {
      throw new IllegalArgumentException("unknown vendor " + vendor);
    }
    try {
      if (postgres == null) {
        postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::stop));
      }
      try (Connection connection = postgres.getPostgresDatabase().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("create database " + name);
      }
      return List.of(
          "--spring.datasource.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name,
          "--spring.datasource.username=postgres",
          "--spring.datasource.password=postgres");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static synchronized void stop() {
    try {
      postgres.close();
    } catch (IOException e) {
      // the JVM is shutting down anyway
    }
  }
}
