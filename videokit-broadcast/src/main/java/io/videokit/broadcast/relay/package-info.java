/**
 * The SRT and RTMP endpoint kinds: one supervised {@code ffmpeg} listener per broadcast that
 * repackages the publisher's stream without re-encoding into videokit's own HLS-over-PUT ingest on
 * loopback ({@link io.videokit.broadcast.relay.RelaySupervisor}), and the stream-key check in front
 * of RTMP ({@link io.videokit.broadcast.relay.RtmpGate}). Framework-free.
 */
@NullMarked
package io.videokit.broadcast.relay;

import org.jspecify.annotations.NullMarked;
