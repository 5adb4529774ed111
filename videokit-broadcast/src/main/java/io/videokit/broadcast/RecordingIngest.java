package io.videokit.broadcast;

/** An ingest whose ended broadcasts become videos (live to VOD). */
public interface RecordingIngest extends BroadcastIngest {

  /**
   * The recording of an ended broadcast. Called by a job after the stop, until it answers {@link
   * Recording.Ready} or {@link Recording.Failed}.
   *
   * @param broadcast the stopped broadcast
   * @return where the recording stands
   */
  Recording recording(Broadcast broadcast);
}
