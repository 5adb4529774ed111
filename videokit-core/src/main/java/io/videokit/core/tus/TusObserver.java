package io.videokit.core.tus;

import io.videokit.core.http.ProblemType;

/**
 * Told about tus traffic, for metrics. The default methods do nothing; implementations must be
 * thread-safe and cheap (they run on request threads) and must not throw.
 */
public interface TusObserver {

  /** An observer that does nothing. */
  TusObserver NONE = new TusObserver() {};

  /** A PATCH begins receiving a body; every call is followed by one {@link #transferEnded()}. */
  default void transferStarted() {}

  /** The PATCH announced by {@link #transferStarted()} has ended (received, refused or cut). */
  default void transferEnded() {}

  /**
   * Body bytes were appended to an upload (also those kept from an interrupted PATCH).
   *
   * @param bytes how many, at least 0
   */
  default void received(long bytes) {}

  /**
   * An upload has all its bytes and its completion step ran.
   *
   * @param upload the completed upload
   */
  default void completed(UploadInfo upload) {}

  /**
   * A request was answered with a tus problem (a {@link TusError}'s, or an interrupted body's).
   *
   * @param type the problem type: its code and the status answered
   */
  default void failed(ProblemType type) {}
}
