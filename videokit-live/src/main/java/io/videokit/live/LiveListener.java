package io.videokit.live;

/**
 * Hooks into a broadcast's ingest, e.g. for the broadcast layer to extract a thumbnail ({@link
 * LiveThumbnails}). Every method has a no-op default. Methods run on the publisher's request thread
 * after the change is stored (outside the broadcast's lock): long work belongs on another thread.
 * An exception thrown is logged and otherwise ignored.
 */
public interface LiveListener {

  /** A listener that does nothing. */
  LiveListener NONE = new LiveListener() {};

  /**
   * The broadcast's first segment was accepted (named by an accepted playlist); called once per
   * broadcast and handler.
   *
   * @param target the broadcast
   * @param storageKey the media storage key of the segment
   */
  default void firstSegment(LiveTarget target, String storageKey) {}
}
