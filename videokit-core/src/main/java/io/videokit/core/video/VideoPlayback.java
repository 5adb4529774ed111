package io.videokit.core.video;

import org.jspecify.annotations.Nullable;

/**
 * Where to play a video ({@code playback}).
 *
 * @param hls an HLS manifest URL, if the video has one
 * @param dash a DASH manifest URL, if the video has one
 */
public record VideoPlayback(@Nullable String hls, @Nullable String dash) {}
