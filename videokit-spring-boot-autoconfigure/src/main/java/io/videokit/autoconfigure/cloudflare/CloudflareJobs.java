package io.videokit.autoconfigure.cloudflare;

import java.time.Instant;

/**
 * Schedules the Cloudflare background jobs (on db-scheduler: persistent, one execution per uid
 * across a cluster).
 */
public interface CloudflareJobs {

  /** Task name of the synchronisation in {@code scheduled_tasks}. */
  String SYNC = "videokit-cloudflare-sync";

  /** Task name of the deletion in {@code scheduled_tasks}. */
  String DELETE = "videokit-cloudflare-delete";

  /**
   * Synchronises a video at {@code at}, unless a synchronisation is already scheduled; with {@code
   * urgent}, an already scheduled one is moved to {@code at}.
   *
   * @param uid the video's uid
   * @param at when (UTC)
   * @param urgent move an existing, later execution forward (e.g. after a webhook)
   */
  void sync(String uid, Instant at, boolean urgent);

  /**
   * Deletes a video at Cloudflare at {@code at} if by then no attribute holds it.
   *
   * @param uid the video's uid
   * @param at when (UTC)
   */
  void delete(String uid, Instant at);
}
