package io.videokit.server.cloudflare;

import io.videokit.autoconfigure.attribute.VideoAttachDeniedException;
import io.videokit.autoconfigure.attribute.VideoQueries;
import io.videokit.autoconfigure.cloudflare.ConditionalOnCloudflareCredentials;
import io.videokit.autoconfigure.properties.SecurityProperties;
import io.videokit.autoconfigure.web.ApiProblem;
import io.videokit.autoconfigure.web.Caller;
import io.videokit.autoconfigure.web.VideokitEndpoint;
import io.videokit.core.http.ProblemType;
import io.videokit.video.Video;
import io.videokit.video.VideoState;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/cloudflare/shared-videos}: videos users uploaded to Cloudflare Stream (through
 * videokit's tus creation proxy) and shared here. Every logged-in user sees every shared video;
 * only its owner or staff may delete it.
 *
 * <p>Attaching is where videokit's attach policy shows: the uid is stored as {@code
 * Video.ofUid(uid)}, and before the row is inserted videokit checks that the caller uploaded that
 * video (or is staff); otherwise {@link VideoAttachDeniedException} aborts the insert, answered 403
 * by videokit's {@code VideokitExceptionHandler}, which serves this controller because it is
 * annotated {@link VideokitEndpoint}. After the commit videokit's jobs synchronise the attribute,
 * create the MP4 download, and delete the Cloudflare video with the row.
 */
@RestController
@VideokitEndpoint
@RequestMapping("/api/cloudflare/shared-videos")
@ConditionalOnCloudflareCredentials
public class SharedVideoController {

  /** Longest title, as in the table. */
  static final int MAX_TITLE = 200;

  private static final Sort NEWEST_FIRST =
      Sort.by(Sort.Order.desc("created"), Sort.Order.desc("id"));

  private final SharedVideoRepository videos;
  private final Clock clock;
  private final String staffRole;

  /**
   * The controller.
   *
   * @param videos the repository
   * @param clock the clock ({@code created})
   * @param security the staff role
   */
  public SharedVideoController(
      SharedVideoRepository videos, Clock clock, SecurityProperties security) {
    this.videos = videos;
    this.clock = clock;
    this.staffRole = security.getStaffRole();
  }

  /**
   * What the page sends after its upload finished.
   *
   * @param uid the {@code Stream-Media-ID} of the upload
   * @param title the title to show
   */
  public record AttachRequest(@Nullable String uid, @Nullable String title) {}

  /**
   * Shares an uploaded Cloudflare video.
   *
   * @param body {@code {"uid", "title"}}
   * @param request the request (its principal)
   * @return 201 with the shared video and its {@code Location}
   * @throws ApiProblem 400 for an invalid uid or title, 409 when the video is already shared
   * @throws VideoAttachDeniedException when the caller did not upload that video (403)
   */
  @PostMapping
  public ResponseEntity<SharedVideoView> share(
      @RequestBody AttachRequest body, HttpServletRequest request) {
    String owner = caller(request).requireName("sharing a video");
    String uid = body.uid() == null ? null : body.uid().trim();
    if (!Video.isValidUid(uid)) {
      throw ApiProblem.badRequest(
          "uid must be the Stream-Media-ID of an upload (16 to 64 letters or digits)");
    }
    String title = body.title() == null ? "" : body.title().strip();
    if (title.isEmpty() || title.length() > MAX_TITLE) {
      throw ApiProblem.badRequest("title must have 1 to " + MAX_TITLE + " characters");
    }
    if (videos.exists(VideoQueries.uid("video", uid))) {
      throw new ApiProblem(
          ProblemType.CLOUDFLARE_ALREADY_SHARED, "video " + uid + " is shared already");
    }
    SharedVideo saved =
        videos.saveAndFlush(new SharedVideo(title, owner, clock.instant(), Video.ofUid(uid)));
    return ResponseEntity.created(URI.create("/api/cloudflare/shared-videos/" + saved.getId()))
        .body(SharedVideoView.of(saved));
  }

  /**
   * Lists shared videos, newest first.
   *
   * @param state only videos in this state, e.g. {@code ready} (optional)
   * @return the videos
   * @throws ApiProblem 400 for an unknown state
   */
  @GetMapping
  public List<SharedVideoView> list(@RequestParam(required = false) @Nullable String state) {
    List<SharedVideo> found =
        state == null || state.isBlank()
            ? videos.findAll(NEWEST_FIRST)
            : videos.findAll(VideoQueries.state("video", parse(state)), NEWEST_FIRST);
    return found.stream().map(SharedVideoView::of).toList();
  }

  /**
   * One shared video.
   *
   * @param id its id
   * @return the video
   * @throws ApiProblem 404 when there is none
   */
  @GetMapping("/{id}")
  public SharedVideoView get(@PathVariable long id) {
    return SharedVideoView.of(find(id));
  }

  /**
   * Deletes a shared video; videokit then deletes the Cloudflare video in the background.
   *
   * @param id its id
   * @param request the request (its principal)
   * @return 204
   * @throws ApiProblem 404 when there is none, 403 unless the caller owns it or is staff
   */
  @DeleteMapping("/{id}")
  public ResponseEntity<Void> delete(@PathVariable long id, HttpServletRequest request) {
    Caller caller = caller(request);
    caller.requireName("deleting a shared video");
    SharedVideo video = find(id);
    if (!caller.mayManage(video.getOwner())) {
      throw ApiProblem.forbidden("only its owner or staff may delete a shared video");
    }
    videos.delete(video);
    return ResponseEntity.noContent().build();
  }

  private SharedVideo find(long id) {
    return videos
        .findById(id)
        .orElseThrow(() ->
            ApiProblem.notFound(
                ProblemType.CLOUDFLARE_SHARED_VIDEO_NOT_FOUND, "no shared video " + id));
  }

  private Caller caller(HttpServletRequest request) {
    return Caller.of(request, staffRole);
  }

  private static VideoState parse(String state) {
    try {
      return VideoState.fromWireName(state.trim());
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(
          "state must be one of pendingupload, downloading, queued, inprogress, ready, error");
    }
  }
}
