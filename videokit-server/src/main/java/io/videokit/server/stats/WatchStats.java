package io.videokit.server.stats;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Watch sessions of the last days, aggregated for the staff page's charts.
 *
 * @param from the first day counted (UTC, {@code yyyy-MM-dd})
 * @param to the last day counted (UTC, today)
 * @param days one entry per day from {@code from} to {@code to}, days without views included
 * @param topVideos the most watched videos (by views), most first
 * @param userAgents viewers by user-agent family, most first
 */
public record WatchStats(
    String from, String to, List<Day> days, List<TopVideo> topVideos, List<Family> userAgents) {

  /**
   * One day (UTC) of sessions.
   *
   * @param date the day, {@code yyyy-MM-dd}
   * @param views watch sessions started that day
   * @param bytes bytes served to them
   */
  public record Day(String date, long views, long bytes) {}

  /**
   * One video's sessions.
   *
   * @param uid the video's uid
   * @param title its title on the shared-video list, or null when it is not shared
   * @param views watch sessions
   * @param bytes bytes served to them
   */
  public record TopVideo(String uid, @Nullable String title, long views, long bytes) {}

  /**
   * One user-agent family.
   *
   * @param family one of {@link UserAgentFamily#FAMILIES}
   * @param viewers distinct viewers
   * @param views watch sessions
   */
  public record Family(String family, long viewers, long views) {}
}
