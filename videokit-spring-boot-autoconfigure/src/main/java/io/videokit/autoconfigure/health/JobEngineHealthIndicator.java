package io.videokit.autoconfigure.health;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether the job engine (db-scheduler: video processing, upload cleanup, Cloudflare
 * synchronisation, broadcast maintenance) gets its work done, judged from its table rather than
 * from this instance's scheduler (whose state db-scheduler's own {@code db-scheduler} indicator
 * reports):
 *
 * <ul>
 *   <li><b>dead</b> executions: picked by a scheduler whose heartbeat is older than {@code
 *       deadAfter}; db-scheduler revives those itself, so one that stays means no scheduler is
 *       alive to do it: DOWN;
 *   <li><b>overdue</b> executions: due longer than {@code overdueAfter} ago and picked by none; the
 *       engine is not polling or not keeping up (uploads wait to become videos): OUT_OF_SERVICE.
 * </ul>
 *
 * <p>Details: {@code overdue}, {@code dead} (counts), {@code oldestOverdue} (an instant, when any),
 * and both thresholds.
 */
public final class JobEngineHealthIndicator extends AbstractHealthIndicator {

  private static final Pattern TABLE_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

  private final JdbcClient jdbc;
  private final String table;
  private final Duration overdueAfter;
  private final Duration deadAfter;
  private final Clock clock;

  /**
   * Creates the indicator.
   *
   * @param jdbc the scheduler's database
   * @param table db-scheduler's table ({@code db-scheduler.table-name}, {@code scheduled_tasks})
   * @param overdueAfter how long past its execution time an unpicked execution is overdue
   * @param deadAfter how old a picked execution's heartbeat may be before it is dead
   * @param clock the clock (db-scheduler compares against the application's clock too)
   * @throws IllegalArgumentException if the table name is not a plain SQL identifier
   */
  public JobEngineHealthIndicator(
      JdbcClient jdbc, String table, Duration overdueAfter, Duration deadAfter, Clock clock) {
    super("job engine check failed");
    if (!TABLE_NAME.matcher(table).matches()) {
      throw new IllegalArgumentException("not a table name: " + table);
    }
    this.jdbc = jdbc;
    this.table = table;
    this.overdueAfter = overdueAfter;
    this.deadAfter = deadAfter;
    this.clock = clock;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Instant now = clock.instant();
    Timestamp dueBefore = Timestamp.from(now.minus(overdueAfter));
    long overdue =
        jdbc.sql(
                "select count(*) from "
                    + table
                    + " where picked = false and execution_time < :dueBefore")
            .param("dueBefore", dueBefore)
            .query(Long.class)
            .single();
    long dead =
        jdbc.sql(
                "select count(*) from "
                    + table
                    + " where picked = true and last_heartbeat < :heartbeatBefore")
            .param("heartbeatBefore", Timestamp.from(now.minus(deadAfter)))
            .query(Long.class)
            .single();
    builder
        .withDetail("overdue", overdue)
        .withDetail("dead", dead)
        .withDetail("overdueAfter", overdueAfter.toString())
        .withDetail("deadAfter", deadAfter.toString());
    if (overdue > 0) {
      Timestamp oldest =
          jdbc.sql(
                  "select min(execution_time) from "
                      + table
                      + " where picked = false and execution_time < :dueBefore")
              .param("dueBefore", dueBefore)
              .query(Timestamp.class)
              .single();
      builder.withDetail("oldestOverdue", oldest.toInstant().toString());
    }
    if (dead > 0) {
      builder.down();
    } else if (overdue > 0) {
      builder.outOfService();
    } else {
      builder.up();
    }
  }
}
