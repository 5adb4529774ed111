package io.videokit.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration;
import io.videokit.autoconfigure.Databases;
import io.videokit.autoconfigure.VideokitCloudflareAutoConfiguration;
import io.videokit.autoconfigure.VideokitHealthAutoConfiguration;
import io.videokit.cloudflare.fake.FakeCloudflareStream;
import io.videokit.core.storage.LocalMediaStorage;
import io.videokit.core.storage.MediaStorage;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The health contributors as an application gets them: videokit's persistence on H2 with its real
 * db-scheduler table and a running scheduler, executions inserted as a crashed or stalled engine
 * leaves them.
 */
class VideokitHealthAutoConfigurationTest {

  @TempDir Path data;

  private ApplicationContextRunner runner() {
    return Databases.persistence("h2", data)
        .withConfiguration(
            AutoConfigurations.of(
                DbSchedulerAutoConfiguration.class,
                HealthContributorAutoConfiguration.class,
                VideokitHealthAutoConfiguration.class));
  }

  @Test
  void contributorsOfTheSelfHostedDefault() {
    runner()
        .run(context -> {
          assertThat(context).hasBean("videokitStorageHealthIndicator");
          assertThat(context).hasBean("videokitMediaToolsHealthIndicator");
          assertThat(context).hasBean("videokitJobsHealthIndicator");
          assertThat(context).doesNotHaveBean("videokitCloudflareHealthIndicator");
          assertThat(indicator(context, "videokitStorageHealthIndicator").getStatus())
              .isEqualTo(Status.UP);
        });
  }

  @Test
  void cloudflareIsCheckedWhenConfigured() {
    try (FakeCloudflareStream fake = FakeCloudflareStream.start()) {
      runner()
          .withConfiguration(AutoConfigurations.of(VideokitCloudflareAutoConfiguration.class))
          .withPropertyValues(
              "videokit.cloudflare.account-id=" + fake.accountId(),
              "videokit.cloudflare.api-token=" + fake.apiToken(),
              "videokit.cloudflare.base-url=" + fake.baseUrl())
          .run(context -> {
            Health health = indicator(context, "videokitCloudflareHealthIndicator");
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("endpoint", fake.baseUrl());
            assertThat(health.toString()).doesNotContain(fake.apiToken());
          });
    }
  }

  @Test
  void eachContributorIsSwitchedOffLikeSpringBootsOwn() {
    runner()
        .withPropertyValues(
            "management.health.videokit-storage.enabled=false",
            "management.health.videokit-jobs.enabled=false")
        .run(context -> {
          assertThat(context).doesNotHaveBean("videokitStorageHealthIndicator");
          assertThat(context).doesNotHaveBean("videokitJobsHealthIndicator");
          assertThat(context).hasBean("videokitMediaToolsHealthIndicator");
        });
  }

  @Test
  void anApplicationsOwnIndicatorOfTheSameNameWins() {
    HealthIndicator own = () -> Health.outOfService().build();
    runner()
        .withBean("videokitStorageHealthIndicator", HealthIndicator.class, () -> own)
        .run(
            context -> assertThat(context.getBean("videokitStorageHealthIndicator")).isSameAs(own));
  }

  /** A decorated store (metrics, tracing) is still videokit's directory: it is checked. */
  @Test
  void aDecoratedStoreIsStillChecked() {
    runner()
        .withBean(
            "decorator",
            BeanPostProcessor.class,
            () ->
                new BeanPostProcessor() {
                  @Override
                  public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof MediaStorage storage) {
                      return (MediaStorage)
                          Proxy.newProxyInstance(
                              MediaStorage.class.getClassLoader(),
                              new Class<?>[] {MediaStorage.class},
                              (proxy, method, args) -> method.invoke(storage, args));
                    }
                    return bean;
                  }
                })
        .withPropertyValues("videokit.uploads.min-free-space=1000000TB")
        .run(context -> {
          assertThat(context.getBean(MediaStorage.class)).isNotInstanceOf(LocalMediaStorage.class);
          Health health = indicator(context, "videokitStorageHealthIndicator");
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat(health.getDetails()).containsKeys("media", "uploads");
        });
  }

  @Test
  void jobEngineWithoutStuckExecutionsIsUp() {
    runner()
        .run(context -> {
          insert(context, "recently-due", Instant.now().minus(Duration.ofMinutes(1)), false, null);
          Health health = indicator(context, "videokitJobsHealthIndicator");
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails()).containsEntry("overdue", 0L).containsEntry("dead", 0L);
        });
  }

  @Test
  void anOverdueExecutionIsOutOfService() {
    runner()
        .withPropertyValues("videokit.health.jobs.overdue-after=15m")
        .run(context -> {
          Instant due = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
          insert(context, "overdue", due, false, null);
          Health health = indicator(context, "videokitJobsHealthIndicator");
          assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
          assertThat(health.getDetails())
              .containsEntry("overdue", 1L)
              .containsEntry("dead", 0L)
              .containsEntry("overdueAfter", "PT15M")
              .containsEntry("oldestOverdue", due.toString());
        });
  }

  @Test
  void aDeadExecutionIsDown() {
    runner()
        .withPropertyValues(
            "db-scheduler.heartbeat-interval=10s", "db-scheduler.missed-heartbeats-limit=4")
        .run(context -> {
          // db-scheduler itself gives up on it after 4 x 10 s; the indicator waits twice that
          insert(context, "alive", Instant.now(), true, Instant.now().minusSeconds(60));
          assertThat(indicator(context, "videokitJobsHealthIndicator").getStatus())
              .isEqualTo(Status.UP);
          insert(context, "dead", Instant.now(), true, Instant.now().minusSeconds(90));
          Health health = indicator(context, "videokitJobsHealthIndicator");
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat(health.getDetails())
              .containsEntry("dead", 1L)
              .containsEntry("deadAfter", "PT1M20S");
        });
  }

  private static Health indicator(AssertableApplicationContext context, String name) {
    return context.getBean(name, HealthIndicator.class).health();
  }

  /** One row as db-scheduler writes it, for a task no scheduler of this test knows. */
  private static void insert(
      AssertableApplicationContext context,
      String instance,
      Instant executionTime,
      boolean picked,
      Instant heartbeat) {
    JdbcClient.create(context.getBean(DataSource.class))
        .sql(
            "insert into scheduled_tasks (task_name, task_instance, execution_time, picked,"
                + " picked_by, last_heartbeat, consecutive_failures, version)"
                + " values ('health-test', :instance, :time, :picked, :by, :heartbeat, 0, 1)")
        .param("instance", instance)
        .param("time", Timestamp.from(executionTime))
        .param("picked", picked)
        .param("by", picked ? "crashed-instance" : null)
        .param("heartbeat", heartbeat == null ? null : Timestamp.from(heartbeat))
        .update();
  }
}
