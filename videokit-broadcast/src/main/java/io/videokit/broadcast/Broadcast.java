package io.videokit.broadcast;

import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A live broadcast, as django-broadcast's abstract {@code Stream}/{@code HlsStream}: an application
 * extends it with its own {@code @Entity} (and table) to add fields, or uses {@link
 * DefaultBroadcast}. Dates are UTC instants; the media lives under {@link #getStoragePrefix()}
 * ({@code live/{owner}/{id}/}, the owner made a safe path segment). The publisher's secret is never
 * stored: only its SHA-256 hash, cleared when the broadcast stops.
 */
@MappedSuperclass
public abstract class Broadcast {

  /** The longest name accepted. */
  public static final int MAX_NAME_LENGTH = 200;

  @Id
  @Column(length = 32)
  private String id = "";

  @Column(nullable = false, length = MAX_NAME_LENGTH)
  private String name = "";

  @Column(nullable = false)
  private String owner = "";

  @Column(nullable = false)
  private boolean live;

  @Column(name = "start_date", nullable = false)
  private Instant startDate = Instant.EPOCH;

  @Column(name = "stop_date")
  private @Nullable Instant stopDate;

  @Column(name = "storage_prefix", nullable = false, length = 1024)
  private String storagePrefix = "";

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private EndpointKind kind = EndpointKind.HLS_PUT;

  @Column(name = "secret_hash", length = 64)
  private @Nullable String secretHash;

  @Column(name = "live_manifest", nullable = false, length = 1024)
  private String liveManifest = "";

  @Column(name = "event_manifest", nullable = false, length = 1024)
  private String eventManifest = "";

  @Column(name = "ingest_reference")
  private @Nullable String ingestReference;

  @Column(name = "playback_url", length = 1024)
  private @Nullable String playbackUrl;

  @Column(name = "thumbnail_key", length = 1024)
  private @Nullable String thumbnailKey;

  @Column(name = "recording_uid", length = 64)
  private @Nullable String recordingUid;

  @Column(name = "recording_error", length = 1024)
  private @Nullable String recordingError;

  @Version private long version;

  /** For JPA and subclasses; the service fills in a new broadcast's fields. */
  protected Broadcast() {}

  /** Called by the service on a new instance from the application's factory. */
  final void begin(
      String id, String name, String owner, EndpointKind kind, Instant now, String secretHash) {
    this.id = id;
    this.name = name;
    this.owner = owner;
    this.kind = kind;
    this.live = true;
    this.startDate = now;
    this.stopDate = null;
    this.storagePrefix = StoragePaths.prefix(owner, id);
    this.liveManifest = storagePrefix + "index.m3u8";
    this.eventManifest = storagePrefix + "vod.m3u8";
    this.secretHash = secretHash;
  }

  /** Ends the broadcast and revokes its secret. */
  final void end(Instant now) {
    this.live = false;
    this.stopDate = now;
    this.secretHash = null;
  }

  /** Records what the ingest answered when it opened the endpoint. */
  final void opened(String playbackUrl, @Nullable String ingestReference) {
    this.playbackUrl = playbackUrl;
    this.ingestReference = ingestReference;
  }

  /** Records the recording's video uid. */
  final void recorded(String uid) {
    this.recordingUid = uid;
    this.recordingError = null;
  }

  /** Records why there is no recording (cut to the column's length). */
  final void recordingFailed(String reason) {
    this.recordingError = reason.length() > 1024 ? reason.substring(0, 1024) : reason;
  }

  /** Records the first thumbnail's media-store key. */
  final void thumbnail(String key) {
    this.thumbnailKey = key;
  }

  /** Replaces the secret's hash. */
  final void rotate(String secretHash) {
    this.secretHash = secretHash;
  }

  /** The secret's SHA-256 (hex), or null once stopped; package-private so it never serialises. */
  final @Nullable String secretHash() {
    return secretHash;
  }

  /**
   * The id.
   *
   * @return 32 hex characters
   */
  public String getId() {
    return id;
  }

  /**
   * The name.
   *
   * @return at most {@value #MAX_NAME_LENGTH} characters
   */
  public String getName() {
    return name;
  }

  /**
   * The owner.
   *
   * @return the principal's name that started it
   */
  public String getOwner() {
    return owner;
  }

  /**
   * Whether it is live.
   *
   * @return true until stopped
   */
  public boolean isLive() {
    return live;
  }

  /**
   * When it started.
   *
   * @return a UTC instant
   */
  public Instant getStartDate() {
    return startDate;
  }

  /**
   * When it stopped.
   *
   * @return a UTC instant, or null while live
   */
  public @Nullable Instant getStopDate() {
    return stopDate;
  }

  /**
   * Where its media lives in the media store.
   *
   * @return {@code live/{owner}/{id}/}
   */
  public String getStoragePrefix() {
    return storagePrefix;
  }

  /**
   * How the publisher sends media.
   *
   * @return the kind
   */
  public EndpointKind getKind() {
    return kind;
  }

  /**
   * The live playlist's key in the media store.
   *
   * @return {@code {prefix}index.m3u8}
   */
  public String getLiveManifest() {
    return liveManifest;
  }

  /**
   * The whole-event playlist's key in the media store.
   *
   * @return {@code {prefix}vod.m3u8}
   */
  public String getEventManifest() {
    return eventManifest;
  }

  /**
   * The ingest's own handle on the endpoint (e.g. a Cloudflare live input uid).
   *
   * @return the reference, or null if the ingest keeps none
   */
  public @Nullable String getIngestReference() {
    return ingestReference;
  }

  /**
   * Where viewers play the broadcast (its live HLS playlist, ended once stopped).
   *
   * @return an absolute URL, or null before the endpoint was opened
   */
  public @Nullable String getPlaybackUrl() {
    return playbackUrl;
  }

  /**
   * The first thumbnail taken from the live stream.
   *
   * @return its media-store key ({@code {prefix}thumb.jpg}), or null before there is one
   */
  public @Nullable String getThumbnailKey() {
    return thumbnailKey;
  }

  /**
   * The video the broadcast's recording became.
   *
   * @return the video's uid (of the provider that holds it), or null while there is none
   */
  public @Nullable String getRecordingUid() {
    return recordingUid;
  }

  /**
   * Why the broadcast has no recording.
   *
   * @return the reason, or null unless recording failed for good
   */
  public @Nullable String getRecordingError() {
    return recordingError;
  }

  /**
   * Describes the broadcast without its secret or hash.
   *
   * @return e.g. {@code Broadcast[id=…, owner=alice, live=true]}
   */
  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "[id="
        + id
        + ", name="
        + name
        + ", owner="
        + owner
        + ", kind="
        + kind
        + ", live="
        + live
        + ", start="
        + startDate
        + ", stop="
        + stopDate
        + "]";
  }
}
