package io.videokit.broadcast;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * django-broadcast's answers, byte-compatible: {@code prepare_start_hls_stream_response} and {@code
 * prepare_stop_stream_response} as Java. Times are {@code YYYY-MM-DD HH:MM:SS} in UTC.
 */
public final class SeedResponses {

  /** The seed's time format, applied in UTC. */
  public static final DateTimeFormatter DATE_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private SeedResponses() {}

  /**
   * The start answer: {@code {"stream": {"id", "name", "start_date"}, "endpoint": {…}}}.
   *
   * @param started what {@link BroadcastService#startHlsStream} returned
   * @return an ordered map for the JSON writer
   */
  public static Map<String, Object> prepareStartHlsStreamResponse(
      BroadcastService.Started<?> started) {
    Map<String, Object> stream = new LinkedHashMap<>();
    stream.put("id", started.broadcast().getId());
    stream.put("name", started.broadcast().getName());
    stream.put("start_date", format(started.broadcast().getStartDate()));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("stream", stream);
    answer.put("endpoint", started.endpoint().toSeedMap());
    return answer;
  }

  /**
   * The stop answer: {@code {"stream": {"id", "name", "start_date", "stop_date"}}}.
   *
   * @param stopped what {@link BroadcastService#stopStream} returned
   * @return an ordered map for the JSON writer
   */
  public static Map<String, Object> prepareStopStreamResponse(Broadcast stopped) {
    Map<String, Object> stream = new LinkedHashMap<>();
    stream.put("id", stopped.getId());
    stream.put("name", stopped.getName());
    stream.put("start_date", format(stopped.getStartDate()));
    stream.put("stop_date", format(stopped.getStopDate()));
    return Map.of("stream", stream);
  }

  /**
   * Formats a time the seed's way.
   *
   * @param time a UTC instant, or null
   * @return {@code YYYY-MM-DD HH:MM:SS}, or null
   */
  public static @Nullable String format(@Nullable Instant time) {
    return time == null ? null : DATE_FORMAT.format(time);
  }
}
