package io.videokit.web.video;

import io.videokit.core.http.ProblemType;
import io.videokit.local.VideoEntity;
import io.videokit.local.VideoService;
import io.videokit.video.Video;
import io.videokit.video.VideoPlayback;
import io.videokit.video.VideoState;
import io.videokit.web.ApiProblem;
import io.videokit.web.Caller;
import io.videokit.web.Page;
import io.videokit.web.PlaybackUrls;
import io.videokit.web.VideokitEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The video API: {@code GET /api/videos} (paged list), {@code GET /api/videos/{uid}} (the video
 * object, Cloudflare-shaped), {@code DELETE /api/videos/{uid}} (creator or staff).
 *
 * <p>Answers carry {@code playback.file}, the URL to play the video's file from: on {@code
 * videokit.streaming.media-origin} when it is set.
 */
@RestController
@VideokitEndpoint
public class VideoController {

  private final VideoService videos;
  private final PlaybackUrls playbackUrls;
  private final String staffRole;

  /**
   * Creates the controller.
   *
   * @param videos the service
   * @param mediaOrigin the separate origin media URLs use, or null for the application's own
   * @param staffRole the role whose holders are staff
   */
  public VideoController(VideoService videos, @Nullable String mediaOrigin, String staffRole) {
    this.videos = videos;
    this.playbackUrls = new PlaybackUrls(mediaOrigin);
    this.staffRole = staffRole;
  }

  /**
   * Lists videos, newest first: the caller's own, or everyone's for staff.
   *
   * @param request the request (for the principal)
   * @param state only this {@code status.state} (e.g. {@code ready}), optional
   * @param creator staff only: only this creator's videos, optional
   * @param page zero-based page, default 0
   * @param size page size 1..500, default 50
   * @return {@code {items, page, size, total}}
   */
  @GetMapping("/api/videos")
  public Page<Video> list(
      HttpServletRequest request,
      @RequestParam(required = false) @Nullable String state,
      @RequestParam(required = false) @Nullable String creator,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    VideoState wanted = null;
    if (state != null) {
      try {
        wanted = VideoState.fromWireName(state);
      } catch (IllegalArgumentException e) {
        throw ApiProblem.badRequest("unknown state '" + state + "'");
      }
    }
    Caller caller = caller(request);
    String name = caller.requireName("listing videos");
    Page.check(page, size);
    VideoService.Listing found = videos.list(caller.staff() ? creator : name, wanted, page, size);
    return new Page<>(
        found.items().stream().map(v -> withPlayback(request, v)).toList(),
        page,
        size,
        found.total());
  }

  /**
   * One video.
   *
   * @param request the request
   * @param uid the uid
   * @return the video object; 404 problem if absent or not visible to the caller
   */
  @GetMapping("/api/videos/{uid}")
  public Video get(HttpServletRequest request, @PathVariable String uid) {
    return withPlayback(request, require(uid, caller(request)).getDocument());
  }

  /**
   * Deletes a video and its file.
   *
   * @param request the request
   * @param uid the uid
   * @return 204; 401, 403 or 404 problems
   */
  @DeleteMapping("/api/videos/{uid}")
  public ResponseEntity<Void> delete(HttpServletRequest request, @PathVariable String uid) {
    Caller caller = caller(request);
    caller.requireName("deleting a video");
    VideoEntity entity = require(uid, caller);
    if (!caller.mayManage(entity.getCreator())) {
      throw ApiProblem.forbidden("only the video's creator or staff may delete it");
    }
    videos.delete(uid);
    return ResponseEntity.noContent().build();
  }

  /**
   * The video with {@code playback.file}: its file's URL, on the media origin when one is set
   * ({@code videokit.streaming.media-origin}), else on this application's.
   */
  private Video withPlayback(HttpServletRequest request, Video video) {
    String url = playbackUrls.absolute(request, "/api/videos/" + video.uid() + "/file");
    VideoPlayback current = video.playback();
    return video.withPlayback(
        new VideoPlayback(
            current == null ? null : current.hls(), current == null ? null : current.dash(), url));
  }

  /**
   * A video the caller may see: ready videos are public, others only for their creator and staff.
   */
  private VideoEntity require(String uid, Caller caller) {
    return videos
        .find(uid)
        .filter(v -> v.getDocument().readyToStream() || caller.mayManage(v.getCreator()))
        .orElseThrow(() -> ApiProblem.notFound(ProblemType.VIDEO_NOT_FOUND, "no video " + uid));
  }

  private Caller caller(HttpServletRequest request) {
    return Caller.of(request, staffRole);
  }
}
