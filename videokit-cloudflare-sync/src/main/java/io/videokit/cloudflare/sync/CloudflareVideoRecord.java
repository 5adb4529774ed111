package io.videokit.cloudflare.sync;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What videokit knows of one Cloudflare video besides its JSON: who uploaded it and where its
 * background synchronisation stands (table {@code videokit_cloudflare_video}).
 *
 * @param uid the video's uid
 * @param creator the principal that created the direct creator upload, or null when unknown
 * @param created when the record was created (UTC)
 * @param updated when it last changed (UTC)
 * @param syncState where the synchronisation stands
 * @param syncNote why it stopped, in words (e.g. "still inprogress after PT24H, 180 attempts")
 * @param attempts refreshes made in the current synchronisation
 * @param syncStarted when the current synchronisation began, or null
 * @param replacesUid for an automatic-trim clip: the original it will replace once ready
 * @param clipUid for an original being trimmed: the clip being made
 * @param clipRequested when the automatic-trim clip was asked for (recorded before the request was
 *     sent; from then on the clip is looked for, never asked for again), or null
 * @param downloadRequested when the MP4 download was asked for (recorded before sending), or null
 */
public record CloudflareVideoRecord(
    String uid,
    @Nullable String creator,
    Instant created,
    Instant updated,
    SyncState syncState,
    @Nullable String syncNote,
    int attempts,
    @Nullable Instant syncStarted,
    @Nullable String replacesUid,
    @Nullable String clipUid,
    @Nullable Instant clipRequested,
    @Nullable Instant downloadRequested) {

  /** Where the background synchronisation of a video stands. */
  public enum SyncState {
    /** Upload created; nothing attached yet. */
    PENDING,
    /** Refreshing until ready or error. */
    SYNCING,
    /** Ready (with download and trim done as configured) or in error: nothing left to do. */
    DONE,
    /** Being replaced by an automatic-trim clip. */
    TRIMMING,
    /** Stopped without reaching ready or error; see the note. */
    GAVE_UP,
    /** Cloudflare refused a call that retrying cannot fix; see the note. */
    FAILED,
    /** Deleted at Cloudflare (or found missing there). */
    DELETED
  }
}
