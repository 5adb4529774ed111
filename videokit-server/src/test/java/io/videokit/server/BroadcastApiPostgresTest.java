package io.videokit.server;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@link BroadcastApiTest} on a real PostgreSQL (embedded), where V4 runs its PostgreSQL script.
 * The database is a bean: {@link ServerTestSupport}'s H2 URL property would win over a second one.
 */
@Import(BroadcastApiPostgresTest.Postgres.class)
class BroadcastApiPostgresTest extends BroadcastApiTest {

  @TestConfiguration(proxyBeanMethods = false)
  static class Postgres {
    @Bean(destroyMethod = "close")
    DataSource dataSource() {
      List<String> settings = TestDatabases.newDatabase("postgresql");
      Map<String, String> values =
          settings.stream()
              .map(s -> s.substring(2).split("=", 2))
              .collect(Collectors.toMap(p -> p[0], p -> p.length > 1 ? p[1] : ""));
      HikariDataSource dataSource = new HikariDataSource();
      dataSource.setJdbcUrl(values.get("spring.datasource.url"));
      dataSource.setUsername(values.get("spring.datasource.username"));
      dataSource.setPassword(values.get("spring.datasource.password"));
      return dataSource;
    }
  }
}
