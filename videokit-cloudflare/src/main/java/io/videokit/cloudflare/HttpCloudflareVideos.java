package io.videokit.cloudflare;

import io.videokit.video.Video;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** {@link CloudflareVideos} over the {@link CloudflareTransport}. */
final class HttpCloudflareVideos implements CloudflareVideos {

  private static final int MAX_PAGE = 1000;

  private final CloudflareTransport transport;

  HttpCloudflareVideos(CloudflareTransport transport) {
    this.transport = transport;
  }

  @Override
  public Video video(String uid) {
    Video.requireValidUid(uid);
    return transport.call(
        CloudflareCall.get("GET /stream/{uid}", transport.path(uid)),
        result -> sameVideo(uid, result));
  }

  /** The answer for {@code uid}, never for another video: that would be stored under its name. */
  private Video sameVideo(String uid, @Nullable JsonNode result) {
    Video video = toVideo(result);
    if (!uid.equals(video.uid())) {
      throw new CloudflareProtocolException(
          "video " + uid, "the answer describes another video (uid " + video.uid() + ")", null);
    }
    return video;
  }

  @Override
  public VideoPage list(VideoQuery query) {
    URI uri = CloudflareTransport.withQuery(transport.streamBase(), query.parameters());
    return transport.send(
        CloudflareCall.get("GET /stream", uri),
        root -> {
          JsonNode result = root.get("result");
          List<Video> videos = new ArrayList<>();
          if (result != null && result.isArray()) {
            for (JsonNode node : result) {
              videos.add(toVideo(node));
            }
          }
          return new VideoPage(
              videos, longOr(root.get("total"), -1), longOr(root.get("range"), -1));
        });
  }

  @Override
  public List<Video> listAll(VideoQuery query, int limit) {
    Map<String, Video> seen = new LinkedHashMap<>();
    VideoQuery page =
        new VideoQuery(
            query.status(), query.creator(), query.search(), false, query.start(), query.end());
    while (seen.size() < limit) {
      VideoPage result = list(page);
      Instant oldest = null;
      int added = 0;
      for (Video video : result.videos()) {
        if (seen.size() < limit && seen.putIfAbsent(video.uid(), video) == null) {
          added++;
        }
        Instant created = video.created();
        if (created != null && (oldest == null || created.isBefore(oldest))) {
          oldest = created;
        }
      }
      if (added == 0 || oldest == null || result.videos().size() < MAX_PAGE) {
        break;
      }
      // end is exclusive: ask again from just after the oldest instant, so that videos created
      // in the same instant as the page's last one are not skipped (duplicates are dropped)
      page = page.endingAt(oldest.plusMillis(1));
    }
    return List.copyOf(seen.values());
  }

  @Override
  public Video edit(String uid, Map<String, ?> changes) {
    Video.requireValidUid(uid);
    return transport.call(
        CloudflareCall.post(
            "POST /stream/{uid}", transport.path(uid), transport.body(changes), true),
        result -> sameVideo(uid, result));
  }

  @Override
  public boolean delete(String uid) {
    Video.requireValidUid(uid);
    return transport.deleting(CloudflareCall.delete("DELETE /stream/{uid}", transport.path(uid)));
  }

  @Override
  public Video copyFromUrl(URI url, @Nullable String creator, @Nullable Map<String, Object> meta) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("url", url.toString());
    if (creator != null) {
      request.put("creator", creator);
    }
    if (meta != null) {
      request.put("meta", meta);
    }
    return transport.call(
        CloudflareCall.post(
            "POST /stream/copy", transport.path("copy"), transport.body(request), false),
        this::toVideo);
  }

  @Override
  public Video clip(ClipRequest request) {
    return transport.call(
        CloudflareCall.post(
            "POST /stream/clip", transport.path("clip"), transport.body(request.toJson()), false),
        this::toClip);
  }

  /**
   * The clip answer ({@code stream_clipping}) documents no {@code uid}: take it from the answer
   * when Cloudflare sends one, else from the first path segment of its preview, playback or
   * thumbnail URL ({@code https://customer-<code>.cloudflarestream.com/<uid>/watch}).
   */
  private Video toClip(@Nullable JsonNode result) {
    if (result == null || !result.isObject()) {
      throw new CloudflareProtocolException("POST /stream/clip", "result is not an object", null);
    }
    Map<String, Object> map = new LinkedHashMap<>(transport.toMap(result));
    if (!(map.get("uid") instanceof String)) {
      String uid = uidFromUrls(map, CloudflareTransport.string(map.get("clippedFromVideoUID")));
      if (uid == null) {
        throw new CloudflareProtocolException(
            "POST /stream/clip",
            "the answer names no uid (none in uid, preview, playback or thumbnail)",
            null);
      }
      map.put("uid", uid);
    }
    return Video.fromMap(map);
  }

  private static @Nullable String uidFromUrls(Map<String, Object> answer, @Nullable String parent) {
    List<Object> urls = new ArrayList<>();
    urls.add(answer.get("preview"));
    urls.add(answer.get("thumbnail"));
    if (answer.get("playback") instanceof Map<?, ?> playback) {
      urls.add(playback.get("hls"));
      urls.add(playback.get("dash"));
    }
    for (Object url : urls) {
      if (url instanceof String text) {
        try {
          String path = URI.create(text).getPath();
          String first = path == null ? "" : path.replaceFirst("^/", "").split("/", 2)[0];
          if (Video.isValidUid(first) && !first.equals(parent)) {
            return first;
          }
        } catch (IllegalArgumentException notAUrl) {
          // try the next one
        }
      }
    }
    return null;
  }

  private Video toVideo(@Nullable JsonNode result) {
    if (result == null || !result.isObject()) {
      throw new CloudflareProtocolException("video", "result is not a video object", null);
    }
    return Video.fromMap(transport.toMap(result));
  }

  private static long longOr(@Nullable JsonNode node, long fallback) {
    return node != null && node.isNumber() ? node.asLong() : fallback;
  }
}
