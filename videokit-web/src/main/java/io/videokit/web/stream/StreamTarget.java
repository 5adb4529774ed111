package io.videokit.web.stream;

import io.videokit.video.Video;
import org.jspecify.annotations.Nullable;

/**
 * What a stream request asks for.
 *
 * @param mediaKey the file's key in media storage
 * @param video the video that file belongs to, or null for a plain file under the media root
 */
public record StreamTarget(String mediaKey, @Nullable Video video) {}
