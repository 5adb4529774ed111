package io.videokit.jpa;

import java.time.Instant;

/**
 * Schedules the background jobs of video attributes (on db-scheduler: persistent, one execution per
 * uid across a cluster), whichever provider holds the video. The task names keep their first
 * spelling so that executions scheduled by earlier versions still run.
 */
public interface VideoAttributeJobs {

  /** Task name of the synchronisation in {@code scheduled_tasks} (data: the uid). */
  String SYNC = "videokit-cloudflare-sync";

  /**
   * Task name of the deletion in {@code scheduled_tasks} (data: the provider's name; the uid in
   * executions scheduled before providers existed, which were all Cloudflare's).
   */
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
   * Deletes a video at its provider at {@code at} if by then no attribute holds it.
   *
   * @param uid the video's uid
   * @param provider the name of the provider holding it (its holders may be gone by then)
   * @param at when (UTC)
   */
  void delete(String uid, String provider, Instant at);
}
