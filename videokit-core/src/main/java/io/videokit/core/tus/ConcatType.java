package io.videokit.core.tus;

/** The role of an upload in the tus concatenation extension. */
public enum ConcatType {
  /** A normal upload. */
  NONE,
  /**
   * {@code Upload-Concat: partial}: one part of a later final upload; never becomes a video alone.
   */
  PARTIAL,
  /** {@code Upload-Concat: final;…}: the concatenation of finished partial uploads. */
  FINAL
}
