package io.videokit.cloudflare.sync;

/**
 * What the synchronisation does with a video Cloudflare refused for exceeding its {@code
 * maxDurationSeconds} ({@code ERR_DURATION_EXCEED_CONSTRAINT}).
 */
public enum DurationExceededAction {
  /** Keep the row and the attribute; its status shows the error code. */
  KEEP,
  /** Delete the Cloudflare video; the attribute keeps its error status. */
  DELETE_VIDEO,
  /** Delete the owning entity (and so the video), as the Django package does. */
  DELETE_ENTITY
}
