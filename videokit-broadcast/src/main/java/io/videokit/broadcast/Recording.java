package io.videokit.broadcast;

/** Where the recording of an ended broadcast stands. */
public sealed interface Recording {

  /** Not there yet; ask again later. */
  record Pending() implements Recording {}

  /**
   * The recording is a video of the provider that holds it.
   *
   * @param uid the video's uid
   */
  record Ready(String uid) implements Recording {}

  /**
   * There is no recording and will be none.
   *
   * @param reason why (for the broadcast's record and the log; no secret)
   */
  record Failed(String reason) implements Recording {}
}
