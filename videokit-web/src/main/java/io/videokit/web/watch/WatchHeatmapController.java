package io.videokit.web.watch;

import io.videokit.core.http.ProblemType;
import io.videokit.local.VideoService;
import io.videokit.video.Video;
import io.videokit.web.ApiProblem;
import io.videokit.web.Caller;
import io.videokit.web.VideokitEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/videos/{uid}/heatmap}: which seconds of a video were watched; staff only. */
@RestController
@VideokitEndpoint
public class WatchHeatmapController {

  private final WatchSessionQuery sessions;
  private final VideoService videos;
  private final String staffRole;

  /**
   * Creates the controller.
   *
   * @param sessions the watch-session query service
   * @param videos the self-hosted videos (for their duration)
   * @param staffRole the role whose holders are staff
   */
  public WatchHeatmapController(WatchSessionQuery sessions, VideoService videos, String staffRole) {
    this.sessions = sessions;
    this.videos = videos;
    this.staffRole = staffRole;
  }

  /**
   * The watch heatmap of a video: per whole second, how many watch sessions were served its bytes.
   *
   * @param request the request (principal)
   * @param uid the video's uid
   * @return {@code {video_uid, duration_seconds, seconds: [counts…], sessions}}; 401 when
   *     anonymous, 403 when not staff, 404 problem for an unknown video
   */
  @GetMapping("/api/videos/{uid}/heatmap")
  public WatchHeatmap heatmap(HttpServletRequest request, @PathVariable String uid) {
    Caller.of(request, staffRole)
        .requireStaff("reading a watch heatmap", "watch heatmaps are for staff only");
    Video video =
        videos
            .find(uid)
            .orElseThrow(() -> ApiProblem.notFound(ProblemType.VIDEO_NOT_FOUND, "no video " + uid))
            .getDocument();
    double duration = video.duration();
    return sessions.heatmap(uid, duration > 0 ? (int) Math.ceil(duration) : -1);
  }
}
