package io.videokit.server.stats;

import io.videokit.autoconfigure.properties.SecurityProperties;
import io.videokit.web.ApiProblem;
import io.videokit.web.Caller;
import io.videokit.web.VideokitEndpoint;
import jakarta.persistence.EntityManager;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/watch-stats}: videokit's watch sessions aggregated for the staff page's charts —
 * views and bytes per day (UTC), the top videos, viewers by user-agent family. Staff only; errors
 * are videokit's problems ({@link VideokitEndpoint}).
 */
@RestController
@VideokitEndpoint
public class WatchStatsController {

  /** The most days one request may cover. */
  public static final int MAX_DAYS = 366;

  /** The most top videos one request may ask for. */
  public static final int MAX_TOP = 50;

  private final EntityManager entityManager;
  private final String staffRole;
  private final Clock clock;

  /**
   * The controller.
   *
   * @param entityManager a shared entity manager (videokit's watch-session entity)
   * @param security the staff role
   */
  public WatchStatsController(EntityManager entityManager, SecurityProperties security) {
    this.entityManager = entityManager;
    this.staffRole = security.getStaffRole();
    this.clock = Clock.systemUTC();
  }

  /**
   * The statistics of the last days.
   *
   * @param request the request (a staff principal)
   * @param days days counted, today (UTC) included, 1..366, default 14
   * @param top how many top videos, 1..50, default 5
   * @return the aggregates; 401 when anonymous, 403 when not staff, 400 for a bad parameter
   */
  @GetMapping("/api/watch-stats")
  public WatchStats stats(
      HttpServletRequest request,
      @RequestParam(defaultValue = "14") int days,
      @RequestParam(defaultValue = "5") int top) {
    Caller.of(request, staffRole)
        .requireStaff("reading watch statistics", "watch statistics are for staff only");
    if (days < 1 || days > MAX_DAYS) {
      throw ApiProblem.badRequest("days must be between 1 and " + MAX_DAYS);
    }
    if (top < 1 || top > MAX_TOP) {
      throw ApiProblem.badRequest("top must be between 1 and " + MAX_TOP);
    }
    LocalDate today = LocalDate.now(clock);
    LocalDate first = today.minusDays(days - 1L);
    Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();
    return new WatchStats(
        first.toString(),
        today.toString(),
        perDay(from, first, today),
        top(from, top),
        families(from));
  }

  private List<WatchStats.Day> perDay(Instant from, LocalDate first, LocalDate last) {
    Map<LocalDate, long[]> byDay = new LinkedHashMap<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      byDay.put(d, new long[2]);
    }
    List<Object[]> rows =
        entityManager
            .createQuery(
                "select s.started, s.bytesServed from WatchSessionEntity s where s.started >= :from",
                Object[].class)
            .setParameter("from", from)
            .getResultList();
    for (Object[] row : rows) {
      long[] sums = byDay.get(LocalDate.ofInstant((Instant) row[0], ZoneOffset.UTC));
      if (sums != null) {
        sums[0]++;
        sums[1] += ((Number) row[1]).longValue();
      }
    }
    List<WatchStats.Day> answer = new ArrayList<>();
    byDay.forEach((day, sums) -> answer.add(new WatchStats.Day(day.toString(), sums[0], sums[1])));
    return answer;
  }

  private List<WatchStats.TopVideo> top(Instant from, int top) {
    List<Object[]> rows =
        entityManager
            .createQuery(
                "select s.videoUid, count(s), sum(s.bytesServed) from WatchSessionEntity s"
                    + " where s.started >= :from and s.videoUid is not null group by s.videoUid"
                    + " order by count(s) desc, sum(s.bytesServed) desc, s.videoUid",
                Object[].class)
            .setParameter("from", from)
            .setMaxResults(top)
            .getResultList();
    Map<String, String> titles = new HashMap<>();
    List<String> uids = rows.stream().map(row -> (String) row[0]).toList();
    if (!uids.isEmpty()) {
      entityManager
          .createQuery(
              "select json_value(v.video, '$.uid'), v.title from SharedVideo v"
                  + " where json_value(v.video, '$.uid') in :uids",
              Object[].class)
          .setParameter("uids", uids)
          .getResultList()
          .forEach(row -> titles.putIfAbsent((String) row[0], (String) row[1]));
    }
    return rows.stream()
        .map(row ->
            new WatchStats.TopVideo(
                (String) row[0],
                titles.get((String) row[0]),
                ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue()))
        .toList();
  }

  private List<WatchStats.Family> families(Instant from) {
    List<Object[]> rows =
        entityManager
            .createQuery(
                "select s.userAgent, count(distinct s.viewerKey), count(s) from WatchSessionEntity s"
                    + " where s.started >= :from group by s.userAgent",
                Object[].class)
            .setParameter("from", from)
            .getResultList();
    Map<String, long[]> byFamily = new LinkedHashMap<>();
    for (Object[] row : rows) {
      long[] sums =
          byFamily.computeIfAbsent(UserAgentFamily.of((String) row[0]), family -> new long[2]);
      sums[0] += ((Number) row[1]).longValue();
      sums[1] += ((Number) row[2]).longValue();
    }
    List<WatchStats.Family> answer = new ArrayList<>();
    byFamily.forEach((family, sums) -> answer.add(new WatchStats.Family(family, sums[0], sums[1])));
    answer.sort(
        Comparator.comparingLong(WatchStats.Family::viewers)
            .reversed()
            .thenComparing(f -> UserAgentFamily.FAMILIES.indexOf(f.family())));
    return answer;
  }
}
