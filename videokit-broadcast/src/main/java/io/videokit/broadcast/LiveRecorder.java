package io.videokit.broadcast;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the recordings of self-hosted broadcasts go: makes a finished recording file a video of the
 * provider that keeps recordings (the self-hosted one, wired by the auto-configuration), processed
 * like an upload. Keeps videokit-broadcast free of any provider.
 */
@FunctionalInterface
public interface LiveRecorder {

  /**
   * Makes a recording a video. A repeated call with the same uid (after a crash, or from another
   * instance) must answer the video of the earlier call rather than make a second one.
   *
   * @param broadcast the ended broadcast (its owner owns the video, its name names it)
   * @param videoUid the uid the video gets, derived from the broadcast
   * @param recording the finished MP4 file, consumed by this call
   * @return the video's uid
   * @throws IOException if the file could not be stored (no video is left behind then)
   */
  String record(Broadcast broadcast, String videoUid, Path recording) throws IOException;
}
