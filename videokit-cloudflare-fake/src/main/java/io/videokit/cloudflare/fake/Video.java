package io.videokit.cloudflare.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One video of the fake account. Mutable; every access is guarded by the {@link StreamState} lock.
 *
 * <p>Values that are unknown are kept as {@code null} and left out of the JSON, because the schema
 * declares none of the video fields nullable (Cloudflare itself sends some of them as {@code
 * null}).
 */
final class Video {

  static final String PENDING_UPLOAD = "pendingupload";
  static final String DOWNLOADING = "downloading";
  static final String QUEUED = "queued";
  static final String IN_PROGRESS = "inprogress";
  static final String READY = "ready";
  static final String ERROR = "error";

  final String uid;
  final Instant created;
  Instant modified;
  String creator;
  ObjectNode meta = Json.object();
  Instant uploaded;
  Instant uploadExpiry;
  Instant readyToStreamAt;
  Instant scheduledDeletion;
  Integer maxDurationSeconds;
  boolean requireSignedURLs;
  List<String> allowedOrigins = new ArrayList<>();
  double thumbnailTimestampPct;
  String watermarkUid;
  String liveInput;
  String clippedFrom;
  Integer clipStartSeconds;
  Integer clipEndSeconds;

  /** Duration revealed when ready; null means "the fake's default at that moment". */
  Double plannedDuration;

  /** Input dimensions revealed when ready; null means "the fake's default at that moment". */
  Integer plannedWidth;

  Integer plannedHeight;

  /** Encoded size in bytes once known. */
  Long size;

  /** Encoded dimensions once ready; -1 while unknown. */
  int width = -1;

  int height = -1;

  /** Duration shown in the JSON: -1 until ready. */
  double duration = -1;

  String state;
  int step;
  String pctComplete = "0.000000";
  String errorReasonCode = "";
  String errorReasonText = "";

  /** tus upload: declared length (null when the video was not created through tus). */
  Long uploadLength;

  long uploadOffset;
  String uploadMetadataHeader;
  private MessageDigest digest;
  String sha256;

  Download download;

  Video(String uid, Instant created, String state) {
    this.uid = uid;
    this.created = created;
    this.modified = created;
    this.state = state;
  }

  boolean processing() {
    return DOWNLOADING.equals(state) || QUEUED.equals(state) || IN_PROGRESS.equals(state);
  }

  void append(byte[] bytes) {
    if (digest == null) {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    digest.update(bytes);
    uploadOffset += bytes.length;
  }

  /** Finishes the running digest of the uploaded bytes. */
  void sealDigest() {
    if (digest == null) {
      append(new byte[0]);
    }
    sha256 = HexFormat.of().formatHex(digest.digest());
    digest = null;
  }

  /** The video object as Cloudflare serves it ({@code stream_videos}). */
  ObjectNode toJson(String customerHost) {
    ObjectNode json = Json.object();
    json.put("uid", uid);
    if (creator != null) {
      json.put("creator", creator);
    }
    boolean ready = READY.equals(state);
    if (ready) {
      json.put("thumbnail", "https://" + customerHost + "/" + uid + "/thumbnails/thumbnail.jpg");
    }
    json.put("thumbnailTimestampPct", thumbnailTimestampPct);
    json.put("readyToStream", ready);
    if (readyToStreamAt != null) {
      json.put("readyToStreamAt", Timestamps.format(readyToStreamAt));
    }
    ObjectNode status = json.putObject("status");
    status.put("state", state);
    status.put("pctComplete", pctComplete);
    status.put("errorReasonCode", errorReasonCode);
    status.put("errorReasonText", errorReasonText);
    json.set("meta", meta.deepCopy());
    json.put("created", Timestamps.format(created));
    json.put("modified", Timestamps.format(modified));
    if (scheduledDeletion != null) {
      json.put("scheduledDeletion", Timestamps.format(scheduledDeletion));
    }
    if (size != null) {
      json.put("size", size);
    }
    if (ready) {
      json.put("preview", "https://" + customerHost + "/" + uid + "/watch");
    }
    ArrayNode origins = json.putArray("allowedOrigins");
    allowedOrigins.forEach(origins::add);
    json.put("requireSignedURLs", requireSignedURLs);
    if (uploaded != null) {
      json.put("uploaded", Timestamps.format(uploaded));
    }
    if (uploadExpiry != null) {
      json.put("uploadExpiry", Timestamps.format(uploadExpiry));
    }
    if (maxDurationSeconds != null) {
      json.put("maxDurationSeconds", maxDurationSeconds);
    }
    json.put("duration", duration);
    ObjectNode input = json.putObject("input");
    input.put("width", width);
    input.put("height", height);
    if (ready) {
      ObjectNode playback = json.putObject("playback");
      playback.put("hls", "https://" + customerHost + "/" + uid + "/manifest/video.m3u8");
      playback.put("dash", "https://" + customerHost + "/" + uid + "/manifest/video.mpd");
    }
    if (watermarkUid != null) {
      json.putObject("watermark").put("uid", watermarkUid);
    }
    if (liveInput != null) {
      json.put("liveInput", liveInput);
    }
    if (clippedFrom != null) {
      json.put("clippedFrom", clippedFrom);
    }
    return json;
  }

  /** The answer of the clip call ({@code stream_clipping}): {@code status} is a plain string. */
  ObjectNode toClipJson(String customerHost) {
    // no uid: the documented answer (stream_clipping) has none; it shows in the URLs below
    ObjectNode json = Json.object();
    json.put("clippedFromVideoUID", clippedFrom);
    json.put("startTimeSeconds", clipStartSeconds);
    json.put("endTimeSeconds", clipEndSeconds);
    json.put("created", Timestamps.format(created));
    json.put("modified", Timestamps.format(modified));
    if (creator != null) {
      json.put("creator", creator);
    }
    if (maxDurationSeconds != null) {
      json.put("maxDurationSeconds", maxDurationSeconds);
    }
    json.set("meta", meta.deepCopy());
    json.put("requireSignedURLs", requireSignedURLs);
    ArrayNode origins = json.putArray("allowedOrigins");
    allowedOrigins.forEach(origins::add);
    json.put("thumbnailTimestampPct", thumbnailTimestampPct);
    ObjectNode playback = json.putObject("playback");
    playback.put("hls", "https://" + customerHost + "/" + uid + "/manifest/video.m3u8");
    playback.put("dash", "https://" + customerHost + "/" + uid + "/manifest/video.mpd");
    json.put("preview", "https://" + customerHost + "/" + uid + "/watch");
    json.put("status", state);
    if (watermarkUid != null) {
      json.putObject("watermark").put("uid", watermarkUid);
    }
    return json;
  }

  /** An MP4 download of a ready video. */
  static final class Download {
    String status;
    int step;
    double percentComplete;

    Download(String status) {
      this.status = status;
    }

    ObjectNode toJson(String customerHost, String uid) {
      ObjectNode json = Json.object();
      ObjectNode def = json.putObject("default");
      def.put("status", status);
      def.put("url", "https://" + customerHost + "/" + uid + "/downloads/default.mp4");
      def.put("percentComplete", percentComplete);
      return json;
    }
  }
}
