package io.videokit.server.video;

import io.videokit.autoconfigure.properties.SecurityProperties;
import io.videokit.autoconfigure.properties.StreamingProperties;
import io.videokit.core.http.ProblemType;
import io.videokit.jpa.VideoAttachDeniedException;
import io.videokit.video.Video;
import io.videokit.video.VideoState;
import io.videokit.video.provider.VideoProviders;
import io.videokit.web.ApiProblem;
import io.videokit.web.Caller;
import io.videokit.web.Page;
import io.videokit.web.PlaybackUrls;
import io.videokit.web.VideokitEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
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
 * {@code /api/shared-videos} (also answered at its former path {@code
 * /api/cloudflare/shared-videos}): videos users uploaded — to this server over tus, or to
 * Cloudflare Stream through videokit's creation proxy, whichever provider {@code videokit.provider}
 * picks — and shared here. Every logged-in user sees every shared video; only its owner or staff
 * may delete it.
 *
 * <p>Attaching is where videokit's attach policy shows: the uid is stored as {@code
 * Video.ofUid(uid)}, and before the row is inserted videokit checks that the caller uploaded that
 * video (or is staff); otherwise {@link VideoAttachDeniedException} aborts the insert, answered 403
 * by videokit's {@code VideokitExceptionHandler}, which serves this controller because it is
 * annotated {@link VideokitEndpoint}. After the commit videokit's jobs synchronise the attribute
 * with the video's provider, and delete the provider's video with the row. Playback URLs come from
 * the provider ({@link VideoProviders#of}): the file URL of a self-hosted video, the HLS and DASH
 * manifests of a Cloudflare one.
 */
@RestController
@VideokitEndpoint
@RequestMapping({SharedVideoController.PATH, "/api/cloudflare/shared-videos"})
public class SharedVideoController {

  /** Where the shared videos are served. */
  public static final String PATH = "/api/shared-videos";

  /** Longest title, as in the table. */
  static final int MAX_TITLE = 200;

  private static final Sort NEWEST_FIRST =
      Sort.by(Sort.Order.desc("created"), Sort.Order.desc("id"));

  private final SharedVideoRepository videos;
  private final VideoProviders providers;
  private final Clock clock;
  private final String staffRole;
  private final PlaybackUrls playbackUrls;

  /**
   * The controller.
   *
   * @param videos the repository
   * @param providers the configured providers (playback URLs)
   * @param clock the clock ({@code created})
   * @param security the staff role
   * @param streaming the media origin playback URLs use
   */
  public SharedVideoController(
      SharedVideoRepository videos,
      VideoProviders providers,
      Clock clock,
      SecurityProperties security,
      StreamingProperties streaming) {
    this.videos = videos;
    this.providers = providers;
    this.clock = clock;
    this.staffRole = security.getStaffRole();
    this.playbackUrls = new PlaybackUrls(streaming.getMediaOrigin());
  }

  /**
   * What the page sends after its upload finished.
   *
   * @param uid the video's uid: the last segment of the tus upload URL (this server) or the {@code
   *     Stream-Media-ID} of the creation (Cloudflare)
   * @param title the title to show
   */
  public record AttachRequest(@Nullable String uid, @Nullable String title) {}

  /**
   * Shares an uploaded video.
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
      throw ApiProblem.badRequest("uid must be the uid of an upload (16 to 64 letters or digits)");
    }
    String title = body.title() == null ? "" : body.title().strip();
    if (title.isEmpty() || title.length() > MAX_TITLE) {
      throw ApiProblem.badRequest("title must have 1 to " + MAX_TITLE + " characters");
    }
    if (videos.existsByUid(uid)) {
      throw new ApiProblem(
          ProblemType.CLOUDFLARE_ALREADY_SHARED, "video " + uid + " is shared already");
    }
    SharedVideo saved =
        videos.saveAndFlush(new SharedVideo(title, owner, clock.instant(), Video.ofUid(uid)));
    return ResponseEntity.created(URI.create(PATH + "/" + saved.getId()))
        .body(view(saved, request));
  }

  /**
   * Lists shared videos, newest first.
   *
   * @param state only videos in this state, e.g. {@code ready} (optional)
   * @param page zero-based page number
   * @param size page size, 1 to {@value Page#MAX_SIZE}
   * @param request the request (the base of playback URLs)
   * @return one page of videos
   * @throws ApiProblem 400 for an unknown state or paging out of range
   */
  @GetMapping
  public Page<SharedVideoView> list(
      @RequestParam(required = false) @Nullable String state,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      HttpServletRequest request) {
    Page.check(page, size);
    PageRequest pageable = PageRequest.of(page, size, NEWEST_FIRST);
    org.springframework.data.domain.Page<SharedVideo> found =
        state == null || state.isBlank()
            ? videos.findAll(pageable)
            : videos.findByState(parse(state).wireName(), pageable);
    return new Page<>(
        found.stream().map(video -> view(video, request)).toList(),
        page,
        size,
        found.getTotalElements());
  }

  /**
   * One shared video.
   *
   * @param id its id
   * @param request the request (the base of playback URLs)
   * @return the video
   * @throws ApiProblem 404 when there is none
   */
  @GetMapping("/{id}")
  public SharedVideoView get(@PathVariable long id, HttpServletRequest request) {
    return view(find(id), request);
  }

  /**
   * Deletes a shared video; videokit then deletes the provider's video in the background.
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

  private SharedVideoView view(SharedVideo video, HttpServletRequest request) {
    return SharedVideoView.of(video, providers, request, playbackUrls);
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
