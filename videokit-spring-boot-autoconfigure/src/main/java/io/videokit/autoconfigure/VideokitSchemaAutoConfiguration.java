package io.videokit.autoconfigure;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.videokit.autoconfigure.properties.SchemaProperties;
import io.videokit.autoconfigure.schema.VideokitSchemaMigration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Migrates videokit's tables ({@code videokit.schema.enabled}, on by default) before JPA and the
 * job scheduler start.
 */
@AutoConfiguration(
    after = DataSourceAutoConfiguration.class,
    before = HibernateJpaAutoConfiguration.class)
@ConditionalOnClass(Flyway.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "videokit.schema", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(SchemaProperties.class)
public class VideokitSchemaAutoConfiguration {
  /** Creates the instance; used by Spring or by hand. */
  public VideokitSchemaAutoConfiguration() {}

  /** Bean name of the migration, which JPA and the scheduler depend on. */
  public static final String MIGRATION_BEAN = "videokitSchemaMigration";

  @Bean(MIGRATION_BEAN)
  @ConditionalOnMissingBean
  VideokitSchemaMigration videokitSchemaMigration(DataSource dataSource) {
    return new VideokitSchemaMigration(dataSource);
  }

  @Bean
  static EntityManagerFactoryDependsOnPostProcessor videokitEntityManagerFactoryDependsOnSchema() {
    return new EntityManagerFactoryDependsOnPostProcessor(MIGRATION_BEAN);
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Scheduler.class)
  static class SchedulerDependsOnSchema {
    @Bean
    static AbstractDependsOnBeanFactoryPostProcessor videokitSchedulerDependsOnSchema() {
      return new AbstractDependsOnBeanFactoryPostProcessor(Scheduler.class, MIGRATION_BEAN) {};
    }
  }
}
