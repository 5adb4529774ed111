package io.videokit.cloudflare.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The fake account's state: videos, live inputs, the webhook, processing configuration. One lock
 * (this object) guards everything, so every API call sees and leaves a consistent state.
 *
 * <p>Processing model: a video leaves {@code pendingupload} when its upload completes (or {@code
 * downloading} on its first step) and enters {@code queued}. Every step — one {@code GET
 * …/stream/{uid}}, or one tick of the time-based ticker — advances it: with {@code N} processing
 * steps, steps 1..N-1 show {@code inprogress} with {@code pctComplete = step / N * 100}, step N
 * makes it {@code ready} (with {@code N = 0} it is ready as soon as the upload completes). A video
 * whose duration exceeds its {@code maxDurationSeconds} goes to {@code error} ({@code
 * ERR_DURATION_EXCEED_CONSTRAINT}) on its first step instead.
 */
final class StreamState {

  static final String ERR_DURATION = "ERR_DURATION_EXCEED_CONSTRAINT";
  static final int DEFAULT_PROCESSING_STEPS = 2;
  static final int DEFAULT_DOWNLOAD_STEPS = 1;
  static final double DEFAULT_DURATION = 30;
  static final int DEFAULT_WIDTH = 1920;
  static final int DEFAULT_HEIGHT = 1080;
  static final long DEFAULT_SIZE = 1_048_576;
  static final int MAX_LIST = 1000;

  private final Clock clock;
  private final String customerHost;
  private final String rootUrl;
  private final WebhookDispatcher webhooks;

  private int processingSteps = DEFAULT_PROCESSING_STEPS;
  private int downloadSteps = DEFAULT_DOWNLOAD_STEPS;
  private double defaultDuration = DEFAULT_DURATION;
  private int defaultWidth = DEFAULT_WIDTH;
  private int defaultHeight = DEFAULT_HEIGHT;
  private boolean deliverWebhooks;

  private final Map<String, Video> videos = new LinkedHashMap<>();
  private final List<String> deleted = new ArrayList<>();
  private final Map<String, LiveInput> liveInputs = new LinkedHashMap<>();
  private String webhookUrl;
  private String webhookSecret;
  private Instant webhookModified;
  private Instant lastStamp = Instant.EPOCH;

  /** Captions and subtitles per video. */
  final Captions captions = new Captions();

  StreamState(Clock clock, String customerHost, String rootUrl, WebhookDispatcher webhooks) {
    this.clock = clock;
    this.customerHost = customerHost;
    this.rootUrl = rootUrl;
    this.webhooks = webhooks;
  }

  // ---------------------------------------------------------------- configuration

  synchronized void processingSteps(int steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be >= 0: " + steps);
    }
    processingSteps = steps;
  }

  synchronized void downloadSteps(int steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be >= 0: " + steps);
    }
    downloadSteps = steps;
  }

  synchronized void defaultDuration(double seconds) {
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("seconds must be positive: " + seconds);
    }
    defaultDuration = seconds;
  }

  synchronized void defaultInputSize(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("width and height must be positive");
    }
    defaultWidth = width;
    defaultHeight = height;
  }

  synchronized void deliverWebhooks(boolean deliver) {
    deliverWebhooks = deliver;
  }

  /** Drops all state and restores the default configuration. */
  synchronized void reset() {
    captions.forget(null);
    videos.clear();
    deleted.clear();
    liveInputs.clear();
    webhookUrl = null;
    webhookSecret = null;
    webhookModified = null;
    processingSteps = DEFAULT_PROCESSING_STEPS;
    downloadSteps = DEFAULT_DOWNLOAD_STEPS;
    defaultDuration = DEFAULT_DURATION;
    defaultWidth = DEFAULT_WIDTH;
    defaultHeight = DEFAULT_HEIGHT;
    deliverWebhooks = false;
  }

  /**
   * A strictly increasing timestamp (microseconds), so {@code modified} changes on every change.
   */
  synchronized Instant now() {
    Instant t = clock.instant().truncatedTo(ChronoUnit.MICROS);
    if (!t.isAfter(lastStamp)) {
      t = lastStamp.plus(1, ChronoUnit.MICROS);
    }
    lastStamp = t;
    return t;
  }

  // ---------------------------------------------------------------- creation

  /** tus creation ({@code POST …/stream} with {@code Tus-Resumable}). */
  synchronized String createTus(long length, String metadataHeader, String creator) {
    Map<String, String> metadata = UploadMetadata.parse(metadataHeader);
    Video video = new Video(Ids.uid(), now(), Video.PENDING_UPLOAD);
    video.uploadLength = length;
    video.uploadMetadataHeader = metadataHeader;
    video.creator = creator;
    applyMetadata(video, metadata);
    if (video.uploadExpiry == null) {
      video.uploadExpiry = video.created.plus(Duration.ofDays(1));
    }
    videos.put(video.uid, video);
    if (length == 0) {
      // Nothing to send: the upload is complete on creation.
      video.sealDigest();
      markUploaded(video, 0);
    }
    return video.uid;
  }

  /**
   * Basic direct upload ({@code POST …/stream/direct_upload}); returns {@code {uploadURL, uid}}.
   */
  synchronized ObjectNode createDirectUpload(JsonNode body, String creatorHeader) {
    if (!body.path("maxDurationSeconds").canConvertToInt()) {
      throw ApiException.badRequest("maxDurationSeconds is required (1..21600)");
    }
    int max = body.path("maxDurationSeconds").asInt();
    if (max < 1 || max > 21600) {
      throw ApiException.badRequest("maxDurationSeconds must be 1..21600: " + max);
    }
    Video video = new Video(Ids.uid(), now(), Video.PENDING_UPLOAD);
    video.creator = creatorHeader;
    applyCommon(video, body);
    video.maxDurationSeconds = max;
    video.uploadExpiry =
        body.hasNonNull("expiry")
            ? Timestamps.parse(body.get("expiry").asText(), "expiry")
            : video.created.plus(Duration.ofMinutes(30));
    videos.put(video.uid, video);
    ObjectNode result = Json.object();
    result.put("uploadURL", rootUrl + "/upload/" + video.uid);
    result.put("uid", video.uid);
    if (video.scheduledDeletion != null) {
      result.put("scheduledDeletion", Timestamps.format(video.scheduledDeletion));
    }
    if (video.watermarkUid != null) {
      result.putObject("watermark").put("uid", video.watermarkUid);
    }
    return result;
  }

  /** Copy from a URL: the video starts in {@code downloading}. */
  synchronized ObjectNode createCopy(JsonNode body, String creatorHeader, String metadataHeader) {
    Video video = new Video(Ids.uid(), now(), Video.DOWNLOADING);
    video.creator = creatorHeader;
    applyMetadata(video, UploadMetadata.parse(metadataHeader));
    applyCommon(video, body);
    videos.put(video.uid, video);
    return video.toJson(customerHost);
  }

  /** Clip of a ready video: a new video in {@code queued}, duration {@code end - start}. */
  synchronized ObjectNode createClip(JsonNode body) {
    String parentUid = body.path("clippedFromVideoUID").asText();
    Video parent = videos.get(parentUid);
    if (parent == null) {
      throw ApiException.notFound("clippedFromVideoUID " + parentUid);
    }
    if (!Video.READY.equals(parent.state)) {
      throw new ApiException(400, FakeResponse.NOT_READY, "parent media is not ready to stream");
    }
    int start = body.path("startTimeSeconds").asInt();
    int end = body.path("endTimeSeconds").asInt();
    if (start < 0 || end <= start) {
      throw new ApiException(
          400,
          FakeResponse.CLIP_RANGE,
          "endTimeSeconds must be greater than startTimeSeconds >= 0");
    }
    if (end > parent.duration) {
      throw new ApiException(
          400,
          FakeResponse.CLIP_RANGE,
          "clip range must not exceed the duration of the parent media");
    }
    Video clip = new Video(Ids.uid(), now(), Video.QUEUED);
    applyCommon(clip, body);
    clip.clippedFrom = parent.uid;
    clip.clipStartSeconds = start;
    clip.clipEndSeconds = end;
    clip.plannedDuration = (double) (end - start);
    clip.plannedWidth = parent.width;
    clip.plannedHeight = parent.height;
    if (parent.size != null && parent.duration > 0) {
      clip.size = Math.round(parent.size * ((end - start) / parent.duration));
    }
    clip.uploaded = clip.created;
    videos.put(clip.uid, clip);
    evaluate(clip);
    return clip.toClipJson(customerHost);
  }

  /** Puts a video into the state directly. */
  synchronized String seed(VideoSeed seed) {
    String uid = seed.uid != null ? seed.uid : Ids.uid();
    if (videos.containsKey(uid)) {
      throw new IllegalArgumentException("video exists: " + uid);
    }
    Instant created = seed.created != null ? seed.created.truncatedTo(ChronoUnit.MICROS) : now();
    Video video = new Video(uid, created, seed.state);
    video.creator = seed.creator;
    video.meta = Json.MAPPER.valueToTree(seed.meta);
    video.plannedDuration = seed.duration;
    video.plannedWidth = seed.width;
    video.plannedHeight = seed.height;
    video.maxDurationSeconds = seed.maxDurationSeconds;
    video.requireSignedURLs = seed.requireSignedURLs;
    video.allowedOrigins = new ArrayList<>(seed.allowedOrigins);
    video.thumbnailTimestampPct = seed.thumbnailTimestampPct;
    video.scheduledDeletion = seed.scheduledDeletion;
    video.liveInput = seed.liveInput;
    if (!Video.PENDING_UPLOAD.equals(seed.state) && !Video.DOWNLOADING.equals(seed.state)) {
      video.uploaded = created;
      video.size = seed.size != null ? seed.size : DEFAULT_SIZE;
    }
    videos.put(uid, video);
    switch (seed.state) {
      case Video.READY -> {
        video.state = Video.QUEUED;
        makeReady(video, false);
      }
      case Video.ERROR -> {
        video.state = Video.ERROR;
        video.errorReasonCode = seed.errorReasonCode != null ? seed.errorReasonCode : "ERR_UNKNOWN";
        video.errorReasonText =
            seed.errorReasonText != null ? seed.errorReasonText : "unknown error";
      }
      case Video.IN_PROGRESS -> {
        video.step = Math.min(1, Math.max(processingSteps - 1, 0));
        video.pctComplete = pct(processingSteps == 0 ? 0 : video.step * 100.0 / processingSteps);
      }
      default -> {
        // pendingupload, downloading, queued: nothing revealed yet
      }
    }
    return uid;
  }

  // ---------------------------------------------------------------- tus

  /** What a tus HEAD reports. */
  record TusStatus(long offset, long length, String metadata, Instant expiry) {}

  synchronized TusStatus tusStatus(String uid) {
    Video video = tusVideo(uid);
    return new TusStatus(
        video.uploadOffset, video.uploadLength, video.uploadMetadataHeader, video.uploadExpiry);
  }

  /**
   * Appends a tus chunk.
   *
   * @return the new offset
   * @throws ApiException 404 unknown, 410 expired, 409 offset mismatch, 400 beyond the length
   */
  synchronized TusStatus tusAppend(String uid, long offset, byte[] bytes) {
    Video video = tusVideo(uid);
    if (offset != video.uploadOffset) {
      throw new ApiException(409, 0, "Upload-Offset " + offset + " != " + video.uploadOffset);
    }
    if (offset + bytes.length > video.uploadLength) {
      throw new ApiException(400, 0, "chunk goes beyond Upload-Length " + video.uploadLength);
    }
    if (bytes.length > 0) {
      video.append(bytes);
    }
    if (video.uploadOffset == video.uploadLength && Video.PENDING_UPLOAD.equals(video.state)) {
      video.sealDigest();
      markUploaded(video, video.uploadLength);
    }
    return new TusStatus(
        video.uploadOffset, video.uploadLength, video.uploadMetadataHeader, video.uploadExpiry);
  }

  private Video tusVideo(String uid) {
    Video video = videos.get(uid);
    if (video == null || video.uploadLength == null) {
      throw new ApiException(404, 0, "no such upload");
    }
    if (Video.PENDING_UPLOAD.equals(video.state)
        && video.uploadExpiry != null
        && clock.instant().isAfter(video.uploadExpiry)) {
      throw new ApiException(410, 0, "upload expired");
    }
    return video;
  }

  /** Basic (multipart) upload to a direct upload URL. */
  synchronized void basicUpload(String uid, long size, String sha256) {
    Video video = videos.get(uid);
    if (video == null || video.uploadLength != null) {
      throw new ApiException(404, 0, "no such upload");
    }
    if (!Video.PENDING_UPLOAD.equals(video.state)) {
      throw new ApiException(409, 0, "already uploaded");
    }
    if (video.uploadExpiry != null && clock.instant().isAfter(video.uploadExpiry)) {
      throw new ApiException(410, 0, "upload URL expired");
    }
    video.sha256 = sha256;
    video.uploadOffset = size;
    markUploaded(video, size);
  }

  // ---------------------------------------------------------------- videos

  /** Returns the video JSON; with {@code step} the video first advances one processing step. */
  synchronized ObjectNode video(String uid, boolean step) {
    Video video = require(uid);
    if (step) {
      advance(video);
    }
    return video.toJson(customerHost);
  }

  synchronized Optional<ObjectNode> peek(String uid) {
    return Optional.ofNullable(videos.get(uid)).map(v -> v.toJson(customerHost));
  }

  synchronized List<String> videoUids() {
    return List.copyOf(videos.keySet());
  }

  synchronized List<String> deletedUids() {
    return List.copyOf(deleted);
  }

  synchronized Optional<String> sha256(String uid) {
    return Optional.ofNullable(videos.get(uid)).map(v -> v.sha256);
  }

  /** List: filters {@code status, creator, type, search, start, end}; {@code asc}; at most 1000. */
  synchronized ObjectNode list(Map<String, String> query) {
    String status = query.get("status");
    String creator = query.get("creator");
    String type = query.get("type");
    String search = query.get("search");
    Instant start =
        query.containsKey("start") ? Timestamps.parse(query.get("start"), "start") : null;
    Instant end = query.containsKey("end") ? Timestamps.parse(query.get("end"), "end") : null;
    boolean asc = "true".equals(query.get("asc"));
    Comparator<Video> order = Comparator.comparing((Video v) -> v.created);
    List<Video> matching =
        videos.values().stream()
            .filter(v -> status == null || status.equals(v.state))
            .filter(v -> creator == null || creator.equals(v.creator))
            .filter(v ->
                type == null || ("live".equals(type) ? v.liveInput != null : v.liveInput == null))
            .filter(v ->
                search == null
                    || v.meta
                        .path("name")
                        .asText("")
                        .toLowerCase(Locale.ROOT)
                        .contains(search.toLowerCase(Locale.ROOT)))
            .filter(v -> start == null || !v.created.isBefore(start))
            .filter(v -> end == null || v.created.isBefore(end))
            .sorted(asc ? order : order.reversed())
            .collect(Collectors.toList());
    ObjectNode envelope = FakeResponse.envelope(Json.array());
    ArrayNode result = (ArrayNode) envelope.get("result");
    matching.stream().limit(MAX_LIST).forEach(v -> result.add(v.toJson(customerHost)));
    envelope.put("range", result.size());
    if ("true".equals(query.get("include_counts"))) {
      envelope.put("total", matching.size());
    }
    return envelope;
  }

  /** Edit ({@code POST …/stream/{uid}}): merges meta, replaces the other given fields. */
  synchronized ObjectNode edit(String uid, JsonNode body) {
    Video video = require(uid);
    if (body.has("meta") && body.get("meta").isObject()) {
      video.meta.setAll((ObjectNode) body.get("meta"));
    }
    if (body.hasNonNull("creator")) {
      video.creator = body.get("creator").asText();
    }
    if (body.hasNonNull("maxDurationSeconds")) {
      video.maxDurationSeconds = body.get("maxDurationSeconds").asInt();
    }
    if (body.hasNonNull("uploadExpiry")) {
      video.uploadExpiry = Timestamps.parse(body.get("uploadExpiry").asText(), "uploadExpiry");
    }
    applyFlags(video, body);
    touch(video);
    return video.toJson(customerHost);
  }

  synchronized void delete(String uid) {
    captions.forget(uid);
    require(uid);
    videos.remove(uid);
    deleted.add(uid);
  }

  synchronized void setDuration(String uid, double seconds) {
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("seconds must be positive: " + seconds);
    }
    Video video = requireForTest(uid);
    video.plannedDuration = seconds;
    if (Video.READY.equals(video.state)) {
      video.duration = seconds;
      touch(video);
    }
  }

  synchronized void failProcessing(String uid, String code, String text) {
    fail(requireForTest(uid), code, text);
  }

  synchronized void completeProcessing(String uid) {
    Video video = requireForTest(uid);
    if (Video.READY.equals(video.state)) {
      return;
    }
    if (video.uploaded == null) {
      video.uploaded = now();
      video.size = video.size != null ? video.size : DEFAULT_SIZE;
    }
    makeReady(video, true);
  }

  /** One tick of the time-based ticker: every processing video and download advances one step. */
  synchronized void tick() {
    for (Video video : videos.values()) {
      if (video.processing()) {
        advance(video);
      }
      if (video.download != null) {
        advanceDownload(video.download);
      }
    }
  }

  synchronized ObjectNode storageUsage(String creator) {
    List<Video> matching =
        videos.values().stream()
            .filter(v -> creator == null || creator.equals(v.creator))
            .collect(Collectors.toList());
    double seconds = matching.stream().mapToDouble(v -> Math.max(v.duration, 0)).sum();
    ObjectNode result = Json.object();
    if (creator != null) {
      result.put("creator", creator);
    }
    result.put("totalStorageMinutes", (long) Math.ceil(seconds / 60));
    result.put("totalStorageMinutesLimit", 1000);
    result.put("videoCount", matching.size());
    return result;
  }

  // ---------------------------------------------------------------- downloads

  synchronized ObjectNode createDownload(String uid) {
    Video video = require(uid);
    if (!Video.READY.equals(video.state)) {
      throw new ApiException(
          400, FakeResponse.NOT_READY, "downloads can only be created for videos that are ready");
    }
    if (video.download == null) {
      video.download = new Video.Download(downloadSteps == 0 ? Video.READY : Video.IN_PROGRESS);
      video.download.percentComplete = downloadSteps == 0 ? 100 : 0;
    }
    return video.download.toJson(customerHost, uid);
  }

  synchronized ObjectNode downloads(String uid) {
    Video video = require(uid);
    if (video.download == null) {
      return Json.object();
    }
    advanceDownload(video.download);
    return video.download.toJson(customerHost, uid);
  }

  synchronized void deleteDownloads(String uid) {
    require(uid).download = null;
  }

  private void advanceDownload(Video.Download download) {
    if (!Video.IN_PROGRESS.equals(download.status)) {
      return;
    }
    download.step++;
    if (download.step >= downloadSteps) {
      download.status = Video.READY;
      download.percentComplete = 100;
    } else {
      download.percentComplete = download.step * 100.0 / downloadSteps;
    }
  }

  // ---------------------------------------------------------------- webhook

  synchronized ObjectNode putWebhook(String url) {
    webhookUrl = url;
    if (webhookSecret == null) {
      webhookSecret = Ids.hex(16);
    }
    webhookModified = now();
    return webhook().orElseThrow();
  }

  synchronized Optional<ObjectNode> webhook() {
    if (webhookUrl == null) {
      return Optional.empty();
    }
    ObjectNode result = Json.object();
    result.put("notificationUrl", webhookUrl);
    result.put("modified", Timestamps.format(webhookModified));
    result.put("secret", webhookSecret);
    return Optional.of(result);
  }

  synchronized boolean deleteWebhook() {
    boolean existed = webhookUrl != null;
    webhookUrl = null;
    webhookSecret = null;
    webhookModified = null;
    return existed;
  }

  synchronized Optional<String> webhookSecret() {
    return Optional.ofNullable(webhookSecret);
  }

  // ---------------------------------------------------------------- live inputs

  synchronized ObjectNode createLiveInput(JsonNode body) {
    LiveInput input = new LiveInput(Ids.uid(), now());
    input.apply(body);
    liveInputs.put(input.uid, input);
    return input.toJson(customerHost);
  }

  synchronized ObjectNode liveInputs(boolean includeCounts) {
    ObjectNode result = Json.object();
    ArrayNode list = result.putArray("liveInputs");
    liveInputs.values().forEach(i -> list.add(i.summary()));
    result.put("range", list.size());
    if (includeCounts) {
      result.put("total", liveInputs.size());
    }
    return result;
  }

  synchronized ObjectNode liveInput(String uid) {
    return requireLiveInput(uid).toJson(customerHost);
  }

  synchronized ObjectNode updateLiveInput(String uid, JsonNode body) {
    LiveInput input = requireLiveInput(uid);
    input.apply(body);
    input.modified = now();
    return input.toJson(customerHost);
  }

  synchronized void deleteLiveInput(String uid) {
    requireLiveInput(uid);
    liveInputs.remove(uid);
  }

  synchronized List<String> liveInputUids() {
    return List.copyOf(liveInputs.keySet());
  }

  private LiveInput requireLiveInput(String uid) {
    LiveInput input = liveInputs.get(uid);
    if (input == null) {
      throw ApiException.notFound("live input " + uid);
    }
    return input;
  }

  // ---------------------------------------------------------------- processing

  private void advance(Video video) {
    switch (video.state) {
      case Video.DOWNLOADING -> markUploaded(video, video.size != null ? video.size : DEFAULT_SIZE);
      case Video.QUEUED, Video.IN_PROGRESS -> {
        video.step++;
        evaluate(video);
      }
      default -> {
        // pendingupload waits for its upload; ready and error are final
      }
    }
  }

  private void markUploaded(Video video, long size) {
    video.uploaded = now();
    video.size = size;
    video.state = Video.QUEUED;
    video.step = 0;
    video.pctComplete = pct(0);
    touch(video);
    evaluate(video);
  }

  private void evaluate(Video video) {
    if (!Video.QUEUED.equals(video.state) && !Video.IN_PROGRESS.equals(video.state)) {
      return;
    }
    if (video.step == 0 && processingSteps > 0) {
      return;
    }
    double duration = video.plannedDuration != null ? video.plannedDuration : defaultDuration;
    if (video.maxDurationSeconds != null && duration > video.maxDurationSeconds) {
      fail(
          video,
          ERR_DURATION,
          "The video's duration ("
              + duration
              + " s) exceeds the maxDurationSeconds constraint ("
              + video.maxDurationSeconds
              + " s)");
    } else if (video.step >= processingSteps) {
      makeReady(video, true);
    } else {
      video.state = Video.IN_PROGRESS;
      video.pctComplete = pct(video.step * 100.0 / processingSteps);
      touch(video);
    }
  }

  private void makeReady(Video video, boolean notify) {
    video.state = Video.READY;
    video.pctComplete = pct(100);
    video.duration = video.plannedDuration != null ? video.plannedDuration : defaultDuration;
    video.width = video.plannedWidth != null ? video.plannedWidth : defaultWidth;
    video.height = video.plannedHeight != null ? video.plannedHeight : defaultHeight;
    if (video.size == null) {
      video.size = DEFAULT_SIZE;
    }
    touch(video);
    video.readyToStreamAt = video.modified;
    if (notify) {
      notifyWebhook(video);
    }
  }

  private void fail(Video video, String code, String text) {
    video.state = Video.ERROR;
    video.errorReasonCode = code;
    video.errorReasonText = text;
    touch(video);
    notifyWebhook(video);
  }

  private void notifyWebhook(Video video) {
    if (deliverWebhooks && webhookUrl != null) {
      webhooks.send(webhookUrl, webhookSecret, Json.write(video.toJson(customerHost)));
    }
  }

  private void touch(Video video) {
    video.modified = now();
  }

  private Video require(String uid) {
    Video video = videos.get(uid);
    if (video == null) {
      throw ApiException.notFound("video " + uid);
    }
    return video;
  }

  private Video requireForTest(String uid) {
    Video video = videos.get(uid);
    if (video == null) {
      throw new IllegalArgumentException("no video " + uid);
    }
    return video;
  }

  static String pct(double percent) {
    return String.format(Locale.ROOT, "%.6f", percent);
  }

  // ---------------------------------------------------------------- field mapping

  /** Fields shared by direct upload, copy and clip bodies. */
  private void applyCommon(Video video, JsonNode body) {
    if (body.has("meta") && body.get("meta").isObject()) {
      video.meta.setAll((ObjectNode) body.get("meta"));
    }
    if (body.hasNonNull("creator")) {
      video.creator = body.get("creator").asText();
    }
    if (body.hasNonNull("maxDurationSeconds")) {
      video.maxDurationSeconds = body.get("maxDurationSeconds").asInt();
    }
    if (body.path("watermark").hasNonNull("uid")) {
      video.watermarkUid = body.path("watermark").get("uid").asText();
    }
    applyFlags(video, body);
  }

  private void applyFlags(Video video, JsonNode body) {
    if (body.hasNonNull("requireSignedURLs")) {
      video.requireSignedURLs = body.get("requireSignedURLs").asBoolean();
    }
    if (body.has("allowedOrigins") && body.get("allowedOrigins").isArray()) {
      List<String> origins = new ArrayList<>();
      body.get("allowedOrigins").forEach(o -> origins.add(o.asText()));
      video.allowedOrigins = origins;
    }
    if (body.hasNonNull("thumbnailTimestampPct")) {
      video.thumbnailTimestampPct = body.get("thumbnailTimestampPct").asDouble();
    }
    if (body.has("scheduledDeletion")) {
      JsonNode value = body.get("scheduledDeletion");
      video.scheduledDeletion =
          value.isNull() ? null : Timestamps.parse(value.asText(), "scheduledDeletion");
    }
  }

  /** Maps tus {@code Upload-Metadata} keys onto video fields; unknown keys land in meta. */
  private void applyMetadata(Video video, Map<String, String> metadata) {
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      String value = entry.getValue();
      switch (entry.getKey().toLowerCase(Locale.ROOT)) {
        case "name" -> video.meta.put("name", value == null ? "" : value);
        case "requiresignedurls" ->
            video.requireSignedURLs = value == null || !"false".equalsIgnoreCase(value.trim());
        case "allowedorigins" -> {
          List<String> origins = new ArrayList<>();
          for (String origin : (value == null ? "" : value).split(",")) {
            if (!origin.isBlank()) {
              origins.add(origin.trim());
            }
          }
          video.allowedOrigins = origins;
        }
        case "thumbnailtimestamppct" -> {
          double pct = parseNumber(value, "thumbnailtimestamppct");
          if (pct < 0 || pct > 1) {
            throw ApiException.badRequest("thumbnailtimestamppct must be 0..1: " + value);
          }
          video.thumbnailTimestampPct = pct;
        }
        case "watermark" -> video.watermarkUid = value;
        case "scheduleddeletion" ->
            video.scheduledDeletion = Timestamps.parse(String.valueOf(value), "scheduleddeletion");
        case "maxdurationseconds" -> {
          double max = parseNumber(value, "maxDurationSeconds");
          if (max < 1 || max > 21600 || max != Math.rint(max)) {
            throw ApiException.badRequest(
                "maxDurationSeconds must be an integer 1..21600: " + value);
          }
          video.maxDurationSeconds = (int) max;
        }
        case "expiry" -> video.uploadExpiry = Timestamps.parse(String.valueOf(value), "expiry");
        default -> video.meta.put(entry.getKey(), value == null ? "" : value);
      }
    }
  }

  private static double parseNumber(String value, String key) {
    try {
      return Double.parseDouble(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(key + " is not a number: " + value);
    }
  }
}
