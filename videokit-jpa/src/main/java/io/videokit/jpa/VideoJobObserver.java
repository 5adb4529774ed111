package io.videokit.jpa;

/**
 * Told how each execution of a video attribute job ended, for metrics. The default method does
 * nothing; implementations must be thread-safe and must not throw.
 */
public interface VideoJobObserver {

  /** An observer that does nothing. */
  VideoJobObserver NONE = new VideoJobObserver() {};

  /** Which job ran. */
  enum Job {
    /** {@link VideoAttributeJobs#SYNC}. */
    SYNC,
    /** {@link VideoAttributeJobs#DELETE}. */
    DELETE
  }

  /** How an execution ended. */
  enum Outcome {
    /** It ran to its end (removed or rescheduled for its next step). */
    SUCCESS,
    /** It failed and is retried later. */
    FAILURE,
    /** It failed too often and was given up. */
    DROPPED
  }

  /**
   * An execution ended.
   *
   * @param job the job
   * @param outcome how it ended
   */
  default void executed(Job job, Outcome outcome) {}
}
