package io.videokit.autoconfigure.schema;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Creates and upgrades videokit's tables with Flyway, in a history table of their own ({@code
 * videokit_schema_history}) so that they never clash with the application's migrations. Scripts are
 * per vendor under {@code classpath:db/videokit/{h2,postgresql}}.
 */
public class VideokitSchemaMigration implements InitializingBean {

  /** The Flyway history table of videokit's migrations. */
  public static final String HISTORY_TABLE = "videokit_schema_history";

  private final DataSource dataSource;

  /**
   * Creates the migration.
   *
   * @param dataSource the application's data source
   */
  public VideokitSchemaMigration(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void afterPropertiesSet() throws MetaDataAccessException {
    String url = JdbcUtils.extractDatabaseMetaData(dataSource, md -> md.getURL());
    DatabaseDriver driver = DatabaseDriver.fromJdbcUrl(url);
    String vendor =
        switch (driver) {
          case POSTGRESQL -> "postgresql";
          case H2 -> "h2";
          default ->
              throw new IllegalStateException(
                  "videokit ships migrations for H2 and PostgreSQL, not for "
                      + driver
                      + " ("
                      + url
                      + ")");
        };
    Flyway.configure()
        .dataSource(dataSource)
        .table(HISTORY_TABLE)
        .locations("classpath:db/videokit/" + vendor)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }
}
