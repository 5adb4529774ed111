package io.videokit.web.cloudflare;

import io.videokit.cloudflare.CloudflareException;
import io.videokit.cloudflare.sync.CloudflareVideoRecord;
import io.videokit.cloudflare.sync.CloudflareVideoRecords;
import io.videokit.core.http.ProblemType;
import io.videokit.jpa.VideoHolders;
import io.videokit.video.Video;
import io.videokit.web.ApiProblem;
import io.videokit.web.Caller;
import io.videokit.web.VideokitEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/cloudflare/videos/{uid}/playback}: playback URLs (signed for private videos) for
 * the video's uploader or staff. Applications with their own viewing rules call {@link
 * CloudflarePlayback} from their controllers instead.
 */
@RestController
@VideokitEndpoint
public class CloudflarePlaybackController {

  private final CloudflarePlayback playback;
  private final VideoHolders holders;
  private final CloudflareVideoRecords records;
  private final String staffRole;

  /**
   * The controller.
   *
   * @param playback URL signing
   * @param holders where attached videos are stored
   * @param records upload ownership
   * @param staffRole the role whose holders are staff
   */
  public CloudflarePlaybackController(
      CloudflarePlayback playback,
      VideoHolders holders,
      CloudflareVideoRecords records,
      String staffRole) {
    this.playback = playback;
    this.holders = holders;
    this.records = records;
    this.staffRole = staffRole;
  }

  /**
   * Playback URLs of an attached video.
   *
   * @param uid the video's uid
   * @param request the request
   * @return {@code {uid, hls, dash, signed, expiresAt}}
   * @throws ApiProblem 401 when anonymous, 404 when the video is unknown or not the caller's
   */
  @GetMapping("/api/cloudflare/videos/{uid}/playback")
  public CloudflarePlayback.Urls urls(@PathVariable String uid, HttpServletRequest request) {
    Caller caller = Caller.of(request, staffRole);
    String name = caller.requireName("playing a Cloudflare video");
    Optional<CloudflareVideoRecord> record =
        Video.isValidUid(uid) ? records.find(uid) : Optional.empty();
    boolean allowed = caller.staff() || record.map(r -> name.equals(r.creator())).orElse(false);
    List<VideoHolders.Holder> held = allowed ? holders.find(uid) : List.of();
    if (held.isEmpty()) {
      throw ApiProblem.notFound(
          ProblemType.CLOUDFLARE_VIDEO_NOT_FOUND, "no attached Cloudflare video " + uid);
    }
    try {
      return playback.urls(held.get(0).video());
    } catch (CloudflareException e) {
      throw CloudflareProblems.of("signing the playback URL", e);
    }
  }
}
