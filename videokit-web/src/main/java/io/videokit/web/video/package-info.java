/** The self-hosted provider's video API: list, get, delete, with each video's playback URL. */
@NullMarked
package io.videokit.web.video;

import org.jspecify.annotations.NullMarked;
