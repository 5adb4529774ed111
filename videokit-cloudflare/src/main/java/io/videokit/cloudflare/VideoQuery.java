package io.videokit.cloudflare;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Filters of {@code GET /accounts/{account_id}/stream} (at most 1,000 videos per page).
 *
 * @param status a {@code status.state} wire name, or null for any
 * @param creator only videos of this creator, or null
 * @param search a substring of the video's name, or null
 * @param ascending oldest first when true (Cloudflare's default is newest first)
 * @param start only videos created at or after this instant, or null
 * @param end only videos created before this instant, or null
 */
public record VideoQuery(
    @Nullable String status,
    @Nullable String creator,
    @Nullable String search,
    boolean ascending,
    @Nullable Instant start,
    @Nullable Instant end) {

  /** Every video, newest first. */
  public static final VideoQuery ALL = new VideoQuery(null, null, null, false, null, null);

  /**
   * Videos of one creator, newest first.
   *
   * @param creator the creator id
   * @return the query
   */
  public static VideoQuery byCreator(String creator) {
    return new VideoQuery(null, creator, null, false, null, null);
  }

  /**
   * The same query restricted to videos created before an instant (the next page).
   *
   * @param before the exclusive upper bound
   * @return the new query
   */
  public VideoQuery endingAt(Instant before) {
    return new VideoQuery(status, creator, search, ascending, start, before);
  }

  Map<String, String> parameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (status != null) {
      parameters.put("status", status);
    }
    if (creator != null) {
      parameters.put("creator", creator);
    }
    if (search != null) {
      parameters.put("search", search);
    }
    if (ascending) {
      parameters.put("asc", "true");
    }
    if (start != null) {
      parameters.put("start", start.toString());
    }
    if (end != null) {
      parameters.put("end", end.toString());
    }
    parameters.put("include_counts", "true");
    return parameters;
  }
}
