/**
 * Live broadcasts over HTTP: HLS media playlists (RFC 8216), the rules a live playlist update must
 * pass, and {@link io.videokit.live.HlsPutHandler}, the servlet-level ingest for publishers that
 * PUT segments and playlists (ffmpeg {@code -f hls -method PUT}) and the viewers' side of it.
 * Framework-free.
 */
@NullMarked
package io.videokit.live;

import org.jspecify.annotations.NullMarked;
